/**
 * ef21w-step-gain's three runs on the example, all from the same x⁰ and key, states kept: EF21 and EF21-W at the
 * same γ_AM (for top-k the same iterates, docs/theory.md §4.2 "Equivalence"), and EF21 at γ_QM (the comparison of
 * step-size rules, and the teeth of the equivalence).
 */
import { ef21 } from '../../../src/algorithms/ef21.ts';
import { ef21W } from '../../../src/algorithms/ef21-w.ts';
import { trajectory } from '../../../src/algorithms/run.ts';
import type { Compressor } from '../../../src/compressors/types.ts';
import { exactOracle } from '../../../src/oracles/exact.ts';
import type { Problem } from '../../../src/problems/types.ts';
import type { Key } from '../../../src/rng/key.ts';

export function exampleRuns(
  problem: Problem,
  C: Compressor,
  x0: Float64Array,
  gammaQm: number,
  gammaAm: number,
  rounds: number,
  k: Key,
) {
  const oracle = exactOracle(problem);
  const o = { keepStates: true };
  return {
    ef21AtAm: trajectory(ef21({ gamma: gammaAm, compressor: C, x0 }), oracle, rounds, k, o),
    wAtAm: trajectory(ef21W({ gamma: gammaAm, compressor: C, x0 }), oracle, rounds, k, o),
    ef21AtQm: trajectory(ef21({ gamma: gammaQm, compressor: C, x0 }), oracle, rounds, k, o),
  };
}
