/**
 * R independent runs of a method on the Theorem 1 instance with the three-point noise (src/problems/
 * theorem1-instance.ts, src/oracles/three-point.ts, σ = 1), summarised per round: the Monte Carlo behind
 * thm1-ef21-sgd-ideal-lower-bound (docs/theory.md §5.2).
 */
import { trajectory } from '../../../src/algorithms/run.ts';
import type { Algorithm, MethodState } from '../../../src/algorithms/types.ts';
import { threePointOracle } from '../../../src/oracles/three-point.ts';
import { theorem1Instance } from '../../../src/problems/theorem1-instance.ts';
import { foldIn, type Key } from '../../../src/rng/key.ts';
import { meanSe, type MeanSe } from '../../../src/stats/mean-se.ts';

export interface RunStats {
  /** E‖∇f(x^t)‖² estimates, t = 0…T. */
  readonly gradNormSq: MeanSe[];
  /** Samples of ∂_j f(x^t) per t and coordinate: [t][j][run]. */
  readonly gradSamples?: Float64Array[][];
  /** Per-run mean of ‖∇f(x^t)‖² over t ∈ [T/2, T]. */
  readonly windowMean: MeanSe;
}

/** R independent runs of T rounds on n nodes (keys foldIn(k, r)), with per-t statistics. */
export function threePointRuns<P, S extends MethodState>(
  alg: Algorithm<P, S>,
  n: number,
  T: number,
  R: number,
  k: Key,
  keepGradients: boolean,
): RunStats {
  const oracle = threePointOracle(theorem1Instance({ n }), 1);
  const per = Array.from({ length: T + 1 }, () => new Float64Array(R));
  const grads = keepGradients
    ? Array.from({ length: T + 1 }, () => [new Float64Array(R), new Float64Array(R)])
    : undefined;
  const window = new Float64Array(R);
  const from = Math.floor(T / 2);
  for (let r = 0; r < R; r++) {
    const tr = trajectory(alg, oracle, T, foldIn(k, r), { keepStates: keepGradients });
    if (tr.diverged !== undefined) throw new RangeError(`thm1: ${alg.name} diverged at round ${tr.diverged.round}`);
    let w = 0;
    for (let t = 0; t <= T; t++) {
      per[t][r] = tr.gradNormSq[t];
      if (t >= from) w += tr.gradNormSq[t];
      // ∇f(x) = L x with L = 1 on theorem1Instance.
      if (grads !== undefined && tr.states !== undefined)
        for (let j = 0; j < 2; j++) grads[t][j][r] = tr.states[t].x[j];
    }
    window[r] = w / (T - from + 1);
  }
  return {
    gradNormSq: per.map((s) => meanSe(s)),
    ...(grads !== undefined ? { gradSamples: grads } : {}),
    windowMean: meanSe(window),
  };
}
