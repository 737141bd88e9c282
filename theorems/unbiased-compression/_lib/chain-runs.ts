/**
 * The runs of shared-compression-lower-bound: span methods (ADIANA, DIANA, compressed GD from x⁰ = 0, h_i⁰ = 0) on
 * chain-instance.ts's f with rand-K, the subsets their keys select recorded (chain-lower-bound.ts), and per round
 * the two pathwise sides: reach(state_t) ≤ N_t and LB(N_t) ≤ f(y^t) − f* (docs/unbiased-compression.md).
 */
import { adianaParameters } from '../../../src/algorithms/adiana-parameters.ts';
import { adiana } from '../../../src/algorithms/adiana.ts';
import { compressedGd } from '../../../src/algorithms/compressed-gd.ts';
import { dianaParameters } from '../../../src/algorithms/diana-parameters.ts';
import { diana } from '../../../src/algorithms/diana.ts';
import { trajectory } from '../../../src/algorithms/run.ts';
import { randK } from '../../../src/compressors/rand-k.ts';
import type { Compressor } from '../../../src/compressors/types.ts';
import { exactOracle } from '../../../src/oracles/exact.ts';
import { objective } from '../../../src/problems/types.ts';
import type { Key } from '../../../src/rng/key.ts';
import type { MethodState } from '../../../src/algorithms/types.ts';
import type { Trial } from '../../types.ts';
import { reach, type ChainInstance } from './chain-instance.ts';
import { recordingCompressor, resistingCounter } from './chain-lower-bound.ts';

export type SpanMethod = 'adiana' | 'diana' | 'compressed-gd';

/** Compressed messages each node sends per round. */
export const MESSAGES: Readonly<Record<SpanMethod, number>> = { adiana: 2, diana: 1, 'compressed-gd': 1 };

/**
 * The iterates and shifts a method keeps: ADIANA's y (`x`), z, w, h, h_i; DIANA's x, h, h_i; compressed GD's x. Not a
 * message in flight: compressed GD's state also holds g^t, the round-t message itself (sent at the end of the
 * previous step), which may reach N_t + 1 — it is what round t reveals, counted in N_{t+1}.
 */
const KEPT = ['x', 'y', 'z', 'w', 'h', 'hi'] as const;

/** The furthest coordinate any kept vector of a state touches. */
function stateReach(state: MethodState): number {
  let out = 0;
  const fields = state as unknown as Record<string, unknown>;
  for (const name of KEPT) {
    const v = fields[name];
    if (v instanceof Float64Array) out = Math.max(out, reach(v));
    else if (Array.isArray(v)) for (const u of v) if (u instanceof Float64Array) out = Math.max(out, reach(u));
  }
  return out;
}

/**
 * The states t = 0…rounds of the method at its rule's parameters for ω = d/K − 1 (any parameters would do: the
 * argument is about spans).
 */
function runStates(
  method: SpanMethod,
  ch: ChainInstance,
  compressor: Compressor,
  shared: boolean,
  rounds: number,
  runKey: Key,
): readonly MethodState[] {
  const { problem } = ch;
  const w = compressor.contract.kind === 'unbiased' ? compressor.contract.omega : 0;
  const c = { L: problem.L, mu: problem.mu as number, omega: w, n: problem.n };
  const common = {
    compressor,
    x0: new Float64Array(problem.dim),
    randomness: shared ? 'shared' : 'independent',
  } as const;
  const oracle = exactOracle(problem);
  const o = { keepStates: true };
  if (method === 'adiana')
    return trajectory(adiana({ ...adianaParameters(c), ...common }), oracle, rounds, runKey, o).states ?? [];
  if (method === 'diana')
    return (
      trajectory(diana({ ...dianaParameters({ ...c, Lmax: problem.L }), ...common }), oracle, rounds, runKey, o)
        .states ?? []
    );
  return (
    trajectory(compressedGd({ gamma: 1 / (problem.L * (1 + w)), ...common }), oracle, rounds, runKey, o).states ?? []
  );
}

export interface ChainRun {
  readonly reach: Trial[];
  readonly value: Trial[];
  /** N_T at the last round. */
  readonly frontier: number;
}

/**
 * One run of `rounds` rounds. The counter reads node 0's subsets (all nodes' under shared randomness): under
 * independent randomness it is the wrong counter, which is what the teeth show.
 */
export function chainRun(
  ch: ChainInstance,
  method: SpanMethod,
  K: number,
  rounds: number,
  runKey: Key,
  shared: boolean,
): ChainRun {
  const { problem, d, floor } = ch;
  const rec = recordingCompressor(randK(d, K, { scaled: true }));
  const states = runStates(method, ch, rec.compressor, shared, rounds, runKey);
  const m = MESSAGES[method];
  const N = resistingCounter(rec.subsets, m * problem.n, m, d);
  const reachTrials: Trial[] = [];
  const value: Trial[] = [];
  states.forEach((st, t) => {
    const r = stateReach(st);
    reachTrials.push({ lhs: r, rhs: N[t], scale: d, instance: { method, t, reach: r, counter: N[t] } });
    const gap = objective(problem, st.x) - problem.fInf;
    value.push({ lhs: floor[N[t]], rhs: gap, scale: floor[0] + Math.abs(gap), instance: { method, t, counter: N[t] } });
  });
  return { reach: reachTrials, value, frontier: N[states.length - 1] };
}
