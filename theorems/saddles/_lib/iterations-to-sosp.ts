/**
 * The first round t at which a method's iterate x^t is an ε-SOSP (sosp-measure.ts), within a round budget: the
 * quantity whose d-scaling the saddle claims fit (docs/saddles.md). Keys as in src/algorithms/run.ts: init from
 * split(key)[0], round t from foldIn(split(key)[1], t), so a run here and a trajectory() of the same method, oracle
 * and key visit the same iterates. Communication to reach x^T is the T messages sent at x⁰, …, x^{T−1}.
 * Cost: the gradient test first; Lanczos only where ‖∇f‖ ≤ ε, and not even there while the last round's Ritz vector
 * still certifies negative curvature below −√(ρε) (sosp-measure.ts) — the escape phase then costs one product a round.
 */
import type { Algorithm, MethodState } from '../../../src/algorithms/types.ts';
import { lanczosStart } from '../../../src/linalg/lanczos.ts';
import type { ReadonlyVector } from '../../../src/linalg/vector.ts';
import type { Oracle } from '../../../src/oracles/types.ts';
import type { SaddleProblem } from '../../../src/problems/saddle-problem.ts';
import { foldIn, split, type Key } from '../../../src/rng/key.ts';
import { sospMeasure } from './sosp-measure.ts';

export interface SospRun {
  /** First t with x^t an ε-SOSP; null when none within the budget (or the run left the finite numbers). */
  readonly iterations: number | null;
  /** Rounds run: iterations, or the budget. */
  readonly rounds: number;
  /** max_t max_i |u_iᵀx^t|: the runs' reach in frame coordinates, against the slab radius R where L and ρ hold. */
  readonly reach: number;
  /** The run produced a non-finite iterate. */
  readonly diverged: boolean;
}

export function iterationsToSosp<P, S extends MethodState>(
  alg: Algorithm<P, S>,
  oracle: Oracle,
  problem: SaddleProblem,
  epsilon: number,
  maxRounds: number,
  key: Key,
): SospRun {
  if (!(Number.isInteger(maxRounds) && maxRounds >= 0))
    throw new RangeError(`iterationsToSosp: need an integer budget ≥ 0, got ${maxRounds}`);
  const [kInit, kSteps, kLanczos] = split(key, 3);
  // One Lanczos start per run, drawn once: the start vector needs no fresh randomness each round.
  const start = lanczosStart(kLanczos, problem.dim);
  let state = alg.init(oracle, kInit);
  let reach = 0;
  // The last negative-curvature direction found: near a saddle it certifies "not an ε-SOSP" with one product.
  let witness: ReadonlyVector | undefined;
  for (let t = 0; ; t++) {
    const y = problem.coordinates(state.x);
    let finite = true;
    for (let i = 0; i < y.length; i++) {
      if (!Number.isFinite(y[i])) finite = false;
      reach = Math.max(reach, Math.abs(y[i]));
    }
    if (!finite) return { iterations: null, rounds: t, reach: Infinity, diverged: true };
    const m = sospMeasure(
      problem,
      state.x,
      epsilon,
      kLanczos,
      witness === undefined ? { lazy: true, start } : { lazy: true, start, witness },
    );
    if (m.ratio <= 1) return { iterations: t, rounds: t, reach, diverged: false };
    if (m.vector !== undefined) witness = m.vector;
    if (t === maxRounds) return { iterations: null, rounds: t, reach, diverged: false };
    state = alg.step(state, oracle, foldIn(kSteps, t));
  }
}
