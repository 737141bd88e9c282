/**
 * Exact expectations for EF21-SGDM-ideal (src/algorithms/ef21-sgdm-ideal.ts; docs/theory.md §5.1, "Derived form"):
 * the moments of its estimator error e = g − ∇f(x) and of one step from a point x, by enumerating a finite noise law
 * through the method's own init and step (finite-noise.ts); and E‖∇f(x^t)‖² along a whole run on f = (L/2)‖x‖²,
 * where e has the same law in every round and is independent of x^t, so two moments of e fix the run's.
 */
import { ef21SgdmIdeal } from '../../../src/algorithms/ef21-sgdm-ideal.ts';
import type { Compressor } from '../../../src/compressors/types.ts';
import type { ReadonlyVector } from '../../../src/linalg/vector.ts';
import { gradient, objective, type Problem } from '../../../src/problems/types.ts';
import { key } from '../../../src/rng/key.ts';
import { finiteNoiseOracle, noiseOutcomes, type FiniteNoise, type NoiseOutcome } from './finite-noise.ts';

/** ln k!, summed (k ≤ a few hundred here). */
function lnFactorial(k: number): number {
  let s = 0;
  for (let j = 2; j <= k; j++) s += Math.log(j);
  return s;
}

/**
 * The joint outcomes of n nodes that share one law, up to the order of the nodes: one outcome per composition
 * (k_1, …, k_m) of n, the nodes sorted by support point, with the multinomial probability n!/Π k_j! · Π p_j^{k_j}.
 * Exact for a method whose nodes are exchangeable (identical f_i and law): C(n + m − 1, m − 1) outcomes instead of
 * m^n, which makes n = 50 enumerable for the three-point law.
 * @example
 * exchangeableOutcomes(2, { p: [0.5, 0.5], points: [[1], [-1]] }).map((o) => [o.index, o.p]);
 * // returns [[[0, 0], 0.25000000000000006], [[0, 1], 0.5], [[1, 1], 0.25000000000000006]] (log-space weights)
 */
export function exchangeableOutcomes(n: number, law: FiniteNoise): NoiseOutcome[] {
  if (!(Number.isInteger(n) && n >= 1)) throw new RangeError(`exchangeable-outcomes: need n ≥ 1, got n=${n}`);
  const m = law.p.length;
  const out: NoiseOutcome[] = [];
  const counts = new Array<number>(m).fill(0);
  const lnN = lnFactorial(n);
  const visit = (j: number, left: number): void => {
    if (j === m - 1) {
      counts[j] = left;
      let lnP = lnN;
      for (let l = 0; l < m; l++) lnP += counts[l] * Math.log(law.p[l]) - lnFactorial(counts[l]);
      const index: number[] = [];
      for (let l = 0; l < m; l++) for (let c = 0; c < counts[l]; c++) index.push(l);
      out.push({ index, p: Math.exp(lnP) });
      return;
    }
    for (let c = left; c >= 0; c--) {
      counts[j] = c;
      visit(j + 1, left - c);
    }
  };
  visit(0, n);
  return out;
}

export interface IdealStepMoments {
  /** E e with e = g − ∇f(x), g the method's estimator at x. */
  readonly errorMean: Float64Array;
  /** E‖e‖². */
  readonly errorSecond: number;
  /** E f(x⁺), x⁺ = x − γg. */
  readonly fNext: number;
  /** E‖x⁺ − x‖². */
  readonly stepSecond: number;
  readonly outcomes: number;
}

/**
 * The exact moments at x: every outcome of the node laws (`outcomes`, default their product) is run through
 * EF21-SGDM-ideal's init at x (g built from ∇f_i(x) and the compressed damped noise) and one step (x⁺ = x − γg).
 * Top-k is deterministic, so the noise outcome is the only randomness.
 */
export function idealStepMoments(
  problem: Problem,
  law: readonly FiniteNoise[],
  sigma: number,
  compressor: Compressor,
  eta: number,
  gamma: number,
  x: ReadonlyVector,
  outcomes: readonly NoiseOutcome[] = noiseOutcomes(law),
): IdealStepMoments {
  const alg = ef21SgdmIdeal({ gamma, eta, compressor, x0: x });
  const grad = gradient(problem, x);
  const d = x.length;
  const errorMean = new Float64Array(d);
  let errorSecond = 0;
  let fNext = 0;
  let stepSecond = 0;
  for (const o of outcomes) {
    const oracle = finiteNoiseOracle(problem, law, o, sigma);
    const now = alg.init(oracle, key(0));
    const next = alg.step(now, oracle, key(1));
    let e2 = 0;
    let r = 0;
    for (let j = 0; j < d; j++) {
      const e = now.g[j] - grad[j];
      errorMean[j] += o.p * e;
      e2 += e * e;
      r += (next.x[j] - x[j]) ** 2;
    }
    errorSecond += o.p * e2;
    stepSecond += o.p * r;
    fNext += o.p * objective(problem, next.x);
  }
  return { errorMean, errorSecond, fNext, stepSecond, outcomes: outcomes.length };
}

/**
 * (1/T) Σ_{t<T} E‖∇f(x^t)‖² on f = (L/2)‖x‖² from x⁰, where x^{t+1} = (1 − γL)x^t − γe^t and the e^t are
 * independent of x^t with mean m and second moment q: E x^{t+1} = (1 − γL)E x^t − γm and
 * E‖x^{t+1}‖² = (1 − γL)²E‖x^t‖² − 2γ(1 − γL)⟨E x^t, m⟩ + γ²q (the cross term needs only the independence).
 * @example
 * averagedGradNormSq(1, 1, [0, -1], [0, 0], 2, 2);
 * // returns 1.5 (t = 0: ‖x⁰‖² = 1; t = 1: x¹ = −e⁰, E‖x¹‖² = q = 2)
 */
export function averagedGradNormSq(
  L: number,
  gamma: number,
  x0: readonly number[],
  m: ArrayLike<number>,
  q: number,
  T: number,
): number {
  const a = 1 - gamma * L;
  const mu = Float64Array.from(x0);
  let second = 0;
  for (const v of x0) second += v * v;
  let sum = 0;
  for (let t = 0; t < T; t++) {
    sum += L * L * second;
    let cross = 0;
    for (let j = 0; j < mu.length; j++) cross += mu[j] * m[j];
    second = a * a * second - 2 * gamma * a * cross + gamma * gamma * q;
    for (let j = 0; j < mu.length; j++) mu[j] = a * mu[j] - gamma * m[j];
  }
  return sum / T;
}

/**
 * The step multiplier m = γL ∈ (0, 2) above which the stationary E‖∇f‖² = ‖m‖² + (γL/(2 − γL))(q − ‖m‖²) (the
 * limit of the recursion above) exceeds `bound`: the root of γL/(2 − γL) = (bound − ‖m‖²)/(q − ‖m‖²).
 * @example
 * criticalStepMultiplier(0, 1, 1);
 * // returns 1 (the law attains the bound at γL = 1)
 */
export function criticalStepMultiplier(meanSq: number, q: number, bound: number): number {
  const r = (bound - meanSq) / (q - meanSq);
  return (2 * r) / (1 + r);
}
