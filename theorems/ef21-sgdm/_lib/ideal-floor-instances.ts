/**
 * The instances behind ef21-sgdm-ideal-floor: the three-point law on the Theorem 1 instance over a grid of n and η
 * (exact by enumerating compositions, ideal-error.ts), random finite laws on random separable quadratics (exact by
 * enumerating the product of the node laws), and the two laws at which the derived bounds are attained.
 */
import { topK } from '../../../src/compressors/top-k.ts';
import type { ReadonlyVector } from '../../../src/linalg/vector.ts';
import { threePointSupport } from '../../../src/oracles/three-point.ts';
import { diagonalQuadratic } from '../../../src/problems/diagonal-quadratic.ts';
import { theorem1Instance } from '../../../src/problems/theorem1-instance.ts';
import type { Problem } from '../../../src/problems/types.ts';
import { foldIn, type Key } from '../../../src/rng/key.ts';
import { integerBelow, normal, uniform } from '../../../src/rng/sample.ts';
import { centeredNoise, noiseVariance, type FiniteNoise } from './finite-noise.ts';
import { exchangeableOutcomes, idealStepMoments, type IdealStepMoments } from './ideal-error.ts';

/** One enumerated instance: the method's exact moments at x, with what the bounds need. */
export interface IdealCase {
  readonly label: string;
  readonly problem: Problem;
  readonly n: number;
  readonly d: number;
  readonly k: number;
  readonly alpha: number;
  readonly eta: number;
  readonly gamma: number;
  /** max_i E‖ξ_i‖², the σ² of Assumption 2. */
  readonly sigmaSq: number;
  /** Identical node laws with E‖ξ_i‖² = σ² (what the lower bound needs). */
  readonly iid: boolean;
  readonly x: ReadonlyVector;
  readonly moments: IdealStepMoments;
}

/** The three-point law of docs/theory.md §5.2 as a FiniteNoise. */
export function threePointLaw(sigma: number): FiniteNoise {
  const support = threePointSupport(sigma);
  return { p: support.map((s) => s.p), points: support.map((s) => s.value) };
}

/** The three-point law on theorem1Instance({ n, L }) with top-1 at x, every node alike (σ = 1). */
export function threePointCase(n: number, eta: number, gamma: number, x: ReadonlyVector, L = 1): IdealCase {
  const law = threePointLaw(1);
  const problem = theorem1Instance({ n, L });
  const laws = new Array<FiniteNoise>(n).fill(law);
  const moments = idealStepMoments(problem, laws, 1, topK(2, 1), eta, gamma, x, exchangeableOutcomes(n, law));
  return { label: 'three-point', problem, n, d: 2, k: 1, alpha: 0.5, eta, gamma, sigmaSq: 1, iid: true, x, moments };
}

/** Moments of one case from its laws (product enumeration; n ≤ 3 and ≤ 3 points keep it ≤ 27 outcomes). */
function caseOf(
  label: string,
  problem: Problem,
  laws: readonly FiniteNoise[],
  k: number,
  eta: number,
  gamma: number,
  x: ReadonlyVector,
  iid: boolean,
): IdealCase {
  const d = problem.dim;
  const sigmaSq = Math.max(...laws.map(noiseVariance));
  const moments = idealStepMoments(problem, laws, Math.sqrt(sigmaSq), topK(d, k), eta, gamma, x);
  return { label, problem, n: problem.n, d, k, alpha: k / d, eta, gamma, sigmaSq, iid, x, moments };
}

/**
 * A random case from key k: n ∈ 1…3, d ∈ 2…4, k ∈ 1…d, separable quadratic f_i with curvatures in [−2, 2]
 * (indefinite allowed: the descent lemma needs none) and Gaussian linear terms, x Gaussian, η ∈ (0, 1],
 * γL ∈ (0, 2]; node laws of 2–3 Gaussian points centred to E‖ξ_i‖² = σ_i², either one law for every node (σ_i = 1)
 * or a law per node with σ_i² ∈ [1/2, 1].
 */
export function randomCase(k: Key): IdealCase {
  const n = 1 + integerBelow(foldIn(k, 0), 3);
  const d = 2 + integerBelow(foldIn(k, 1), 3);
  const kk = 1 + integerBelow(foldIn(k, 2), d);
  const u = uniform(foldIn(k, 3), 4);
  const iid = u[0] < 0.5;
  const a = Array.from({ length: n }, (_, i) => Array.from(uniform(foldIn(k, 10 + i), d), (v) => 4 * v - 2));
  const b = Array.from({ length: n }, (_, i) => Array.from(normal(foldIn(k, 20 + i), d)));
  const problem = diagonalQuadratic(a, b);
  const lawOf = (j: number, variance: number): FiniteNoise => {
    const m = 2 + integerBelow(foldIn(k, 30 + j), 2);
    const raw = Array.from({ length: m }, (_, l) => normal(foldIn(foldIn(k, 40 + j), l), d));
    return centeredNoise(
      raw,
      Array.from(uniform(foldIn(k, 50 + j), m), (w) => 0.1 + w),
      variance,
    );
  };
  const laws = iid
    ? new Array<FiniteNoise>(n).fill(lawOf(0, 1))
    : Array.from({ length: n }, (_, i) => lawOf(i, 0.5 + 0.5 * uniform(foldIn(k, 60 + i), 1)[0]));
  const eta = 1 - u[1];
  const gamma = (2 * (1 - u[2])) / Math.max(problem.L, 1e-3);
  return caseOf('random', problem, laws, kk, eta, gamma, normal(foldIn(k, 4), d), iid);
}

/**
 * The laws at which the bounds are attained [D]: ξ = ±e₁ with n = 1 (top-k sends it whole, E‖e‖² = η²σ², the upper
 * bound), and ξ = ±(1, …, 1)/√d (top-k keeps exactly k/d of ‖ξ‖² and E top-k(ξ) = 0, so E‖e‖² = αη²σ²/n, the lower
 * bound), on f_i = ½‖x‖², d = 4, k = 1, η = 1/2.
 */
export function attainingCases(): IdealCase[] {
  const d = 4;
  const eta = 0.5;
  const isotropic = (n: number): Problem =>
    diagonalQuadratic(Array.from({ length: n }, () => new Array<number>(d).fill(1)));
  const x = [1, -1, 0.5, 0];
  const e1 = centeredNoise([Float64Array.of(1, 0, 0, 0), Float64Array.of(-1, 0, 0, 0)], [1, 1], 1);
  const flat = centeredNoise([new Float64Array(d).fill(1), new Float64Array(d).fill(-1)], [1, 1], 1);
  return [
    caseOf('±e₁ (upper bound attained)', isotropic(1), [e1], 1, eta, 1, x, true),
    ...[1, 2, 3].map((n) =>
      caseOf(
        '±(1,…,1)/√d (lower bound attained)',
        isotropic(n),
        new Array<FiniteNoise>(n).fill(flat),
        1,
        eta,
        1,
        x,
        true,
      ),
    ),
  ];
}
