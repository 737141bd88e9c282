/**
 * The only loop: runs a method for T rounds and records, for t = 0…T, ‖∇f(x^t)‖² of the whole objective, f(x^t)
 * and the cumulative compressed uplink bits per node (docs/theory.md §3.9: the metric is recorded from x⁰ on).
 * Keys: [kInit, kSteps] = split(key); round t → t + 1 consumes foldIn(kSteps, t), so a run of T rounds is the
 * prefix of a run of 2T bit for bit. Non-finite values end the run as a result (`diverged`), never a throw.
 */
import { allFinite, norm2sq } from '../linalg/vector.ts';
import { foldIn, split, type Key } from '../rng/key.ts';
import type { Oracle } from '../oracles/types.ts';
import { gradient, objective } from '../problems/types.ts';
import type { Algorithm, MethodState } from './types.ts';

export interface TrajectoryOptions {
  /** Keep every state t = 0…T (theorem checks); default false. */
  readonly keepStates?: boolean;
  /** Record the metrics every `record` rounds, and always at the last round; default 1. */
  readonly record?: number;
}

export interface Trajectory<State> {
  /** The rounds t at which the metrics were recorded. */
  readonly rounds: number[];
  /** ‖∇f(x^t)‖² at those rounds. */
  readonly gradNormSq: number[];
  /** f(x^t) at those rounds. */
  readonly f: number[];
  /** Cumulative compressed uplink bits per node at those rounds (the initial message excluded). */
  readonly bitsPerNode: number[];
  /** Bits of the initial uncompressed message per node. */
  readonly initBitsPerNode: number;
  /** The last state before the run ended (before the first non-finite one when it diverged). */
  readonly final: State;
  /** Every state t = 0…final.t when keepStates was set. */
  readonly states?: State[];
  /** The first round whose state or metrics were non-finite; the run stopped there. */
  readonly diverged?: { readonly round: number };
}

/** Every top-level vector field of the state (x, g, v, …) is finite. Per-node arrays follow through x next round. */
function stateFinite(state: MethodState): boolean {
  for (const v of Object.values(state)) if (v instanceof Float64Array && !allFinite(v)) return false;
  return true;
}

export function trajectory<Params, State extends MethodState>(
  alg: Algorithm<Params, State>,
  oracle: Oracle,
  T: number,
  key: Key,
  options: TrajectoryOptions = {},
): Trajectory<State> {
  if (!(Number.isInteger(T) && T >= 0 && T < 2 ** 32))
    throw new RangeError(`trajectory: need an integer T ≥ 0, got T=${T}`);
  const stride = options.record ?? 1;
  if (!(Number.isInteger(stride) && stride >= 1))
    throw new RangeError(`trajectory: need an integer record stride ≥ 1, got ${stride}`);
  const problem = oracle.problem;
  const [kInit, kSteps] = split(key);
  const rounds: number[] = [];
  const gradNormSq: number[] = [];
  const f: number[] = [];
  const bitsPerNode: number[] = [];
  const states: State[] = [];
  /** Records round t; false when its metrics are non-finite. */
  const record = (s: State): boolean => {
    const gn = norm2sq(gradient(problem, s.x));
    const fx = objective(problem, s.x);
    if (!(Number.isFinite(gn) && Number.isFinite(fx))) return false;
    rounds.push(s.t);
    gradNormSq.push(gn);
    f.push(fx);
    bitsPerNode.push(s.bitsPerNode);
    return true;
  };
  const done = (final: State, divergedAt?: number): Trajectory<State> => ({
    rounds,
    gradNormSq,
    f,
    bitsPerNode,
    initBitsPerNode: final.initBitsPerNode,
    final,
    ...(options.keepStates === true ? { states: states.slice(0, final.t + 1) } : {}),
    ...(divergedAt !== undefined ? { diverged: { round: divergedAt } } : {}),
  });

  const metricsFinite = (s: State): boolean =>
    Number.isFinite(norm2sq(gradient(problem, s.x))) && Number.isFinite(objective(problem, s.x));

  let state = alg.init(oracle, kInit);
  if (!stateFinite(state) || !record(state)) return done(state, 0);
  if (options.keepStates === true) states.push(state);
  let lastRecorded = state;
  for (let t = 0; t < T; t++) {
    const next = alg.step(state, oracle, foldIn(kSteps, t));
    if (!stateFinite(next)) return done(state, t + 1);
    if (next.t % stride === 0 || t === T - 1) {
      if (!record(next)) {
        // The metrics overflowed somewhere after the last record: replay those rounds (prefix stability makes
        // the replay identical) to name the first bad one exactly.
        let s = lastRecorded;
        while (s.t < next.t) {
          const after = alg.step(s, oracle, foldIn(kSteps, s.t));
          if (!metricsFinite(after)) return done(s, after.t);
          s = after;
        }
        return done(state, next.t);
      }
      lastRecorded = next;
    }
    if (options.keepStates === true) states.push(next);
    state = next;
  }
  return done(state);
}
