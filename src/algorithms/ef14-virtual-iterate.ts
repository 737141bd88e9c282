/**
 * EF14's virtual ("error-corrected") iterate and the replay of the gradients its nodes drew, shared by the
 * property (properties/algorithms/metamorphic.spec.ts) and the theorem report
 * (theorems/divergence-and-ef/ef14-corrected-iterate.ts) of the same identity [D, docs/theory.md §2.1]:
 *   x̃^t := x^t − γ g^t − γ (1/n) Σ_i e_i^t = x⁰ − γ Σ_{s≤t} (1/n) Σ_i ĝ_i(x^s).
 *
 * Replaying the gradients: run.ts gives round t → t + 1 the key foldIn(kSteps, t) with [kInit, kSteps] = split(key),
 * and ef14.ts/compressed-gd.ts draw ĝ_i with kNoise = split(roundKey)[0]. ef14NoiseKey reproduces that derivation;
 * if either convention changes, the identity checks fail loudly rather than passing vacuously.
 */
import type { Vector } from '../linalg/vector.ts';
import type { Oracle } from '../oracles/types.ts';
import { foldIn, split, type Key } from '../rng/key.ts';
import type { EF14State } from './ef14.ts';
import type { MethodState } from './types.ts';

/**
 * The corrected iterate x̃ = x − γ g − γ(1/n)Σ_i e_i of an EF14 state.
 *
 * @example
 * ef14VirtualIterate({ t: 0, x: Float64Array.of(1), g: Float64Array.of(1), ei: [Float64Array.of(2)], bitsPerNode: 0, initBitsPerNode: 0 }, 0.5);
 * // returns Float64Array [-0.5]   (1 − 0.5·1 − 0.5·2)
 */
export function ef14VirtualIterate(state: EF14State, gamma: number): Vector {
  const n = state.ei.length;
  const out = new Float64Array(state.x.length);
  for (let j = 0; j < out.length; j++) {
    let e = 0;
    for (let i = 0; i < n; i++) e += state.ei[i][j];
    out[j] = state.x[j] - gamma * state.g[j] - (gamma / n) * e;
  }
  return out;
}

/** The noise key the nodes used for the gradients of state t of a run started with `runKey` (header). */
export function ef14NoiseKey(runKey: Key, t: number): Key {
  const [kInit, kSteps] = split(runKey);
  return split(t === 0 ? kInit : foldIn(kSteps, t - 1))[0];
}

/** ĝ_i(x^t) for every state t and node i, replayed from the run's keys (header): gradients[t][i]. */
export function replayGradients(states: readonly MethodState[], oracle: Oracle, runKey: Key): Vector[][] {
  return states.map((s, t) => {
    const kNoise = ef14NoiseKey(runKey, t);
    return Array.from({ length: oracle.problem.n }, (_, i) => oracle.gradI(i, s.x, kNoise));
  });
}
