/**
 * ef14-corrected-iterate's runs (docs/theory.md §2.1): for each seeded dimension, one seeded instance per compressor of
 * the catalogue (every-compressor.ts); EF14 for T rounds and, on the same keys and step, naive compressed GD for
 * min(T, 50) rounds; each path handed with its replayed gradients (src/algorithms/ef14-virtual-iterate.ts) to the
 * claim's sides, for the corrected iterate x̃^t (the claim) and the plain x^{t+1} = x^t − γg^t (the teeth).
 */
import { compressedGd } from '../../../src/algorithms/compressed-gd.ts';
import { ef14VirtualIterate, replayGradients } from '../../../src/algorithms/ef14-virtual-iterate.ts';
import { trajectory } from '../../../src/algorithms/run.ts';
import { foldIn, type Key } from '../../../src/rng/key.ts';
import { integerBelow } from '../../../src/rng/sample.ts';
import { DEFAULT_FLOOR, DEFAULT_RTOL } from '../../../src/report/verdict.ts';
import type { TableSpec, Trial } from '../../types.ts';
import { ef14States, seededEf14Instance, type Directed, type IdentitySides } from './ef14-run.ts';
import { flatTrials } from './flat-trials.ts';
import { everyCompressor } from './every-compressor.ts';

export interface CatalogueRuns {
  /** EF14's corrected iterate against SGD: the claim. */
  readonly corrected: Trial[];
  /** Teeth: EF14's plain iterate x^{t+1} in place of x̃^t. */
  readonly uncorrected: Trial[];
  /** Teeth: naive compressed GD (no memory), plain iterate. */
  readonly naive: Trial[];
  /** EF14 runs in all (compressors × dimensions). */
  readonly instances: number;
  /** Worst deviation per compressor in units of the tolerance, first dimension. */
  readonly table: TableSpec;
}

export function catalogueRuns(root: Key, T: number, dimensions: number, sides: IdentitySides): CatalogueRuns {
  const out = { corrected: [] as Trial[], uncorrected: [] as Trial[], naive: [] as Trial[] };
  const rows: (string | number)[][] = [];
  let instances = 0;
  const dims = Array.from({ length: dimensions }, (_, rep) => 1 + integerBelow(foldIn(foldIn(root, 1), rep), 8));
  for (let rep = 0; rep < dimensions; rep++) {
    const d = dims[rep];
    for (const [c, C] of everyCompressor(d).entries()) {
      const fixed = seededEf14Instance(foldIn(foldIn(foldIn(root, 2), rep), c), d);
      const runKey = foldIn(foldIn(foldIn(root, 3), rep), c);
      const { states, oracle, gamma } = ef14States(fixed, C, T, runKey);
      const label = (t: number, j: number) => ({ compressor: C.name, dimension: d, rep, t, j });
      const plain = (s: Directed) => s.x.map((v, j) => v - gamma * s.g[j]);
      const grads = replayGradients(states, oracle, runKey);
      const trials = flatTrials(
        sides(states, grads, gamma, (s) => ef14VirtualIterate(s, gamma)),
        label,
      );
      out.corrected.push(...trials);
      out.uncorrected.push(...flatTrials(sides(states, grads, gamma, plain), label));
      instances++;
      let worst = 0;
      for (const tr of trials)
        worst = Math.max(worst, Math.abs(tr.lhs - tr.rhs) / (DEFAULT_RTOL * tr.scale + DEFAULT_FLOOR));
      if (rep === 0) rows.push([C.name, states.length - 1, worst]);
      // Teeth: naive compressed GD (no memory), the same keys and step.
      const naiveStates =
        trajectory(compressedGd({ gamma, compressor: C, x0: fixed.x0 }), oracle, Math.min(T, 50), runKey, {
          keepStates: true,
        }).states ?? [];
      out.naive.push(
        ...flatTrials(sides(naiveStates, replayGradients(naiveStates, oracle, runKey), gamma, plain), label),
      );
    }
  }
  return {
    ...out,
    instances,
    table: {
      title: `Worst deviation of the corrected iterate from SGD, in units of the tolerance 1e-12·scale (≤ 1 passes); first seeded dimension, d = ${dims[0]}`,
      columns: ['compressor', 'rounds', 'max |x̃ − x_SGD| / tolerance'],
      rows,
    },
  };
}
