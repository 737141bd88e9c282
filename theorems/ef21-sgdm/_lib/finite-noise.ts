/**
 * Stochastic gradients whose noise has a finite support, so that one-step expectations are exact sums instead of
 * Monte Carlo estimates (docs/theory.md §0.4: "exact expectations where possible"). Node i adds ξ_i drawn from its own
 * law {(p_ij, ξ_ij)}: zero mean, E‖ξ_i‖² = σ_i² ≤ σ² (Assumption 2 of Fatkhullin et al. 2023; docs/theory.md §5.5),
 * independent across nodes. The joint law of one round is the product of the node laws; `noiseOutcomes`
 * enumerates it, and `finiteNoiseOracle` is the ordinary Oracle of one outcome, so a method's own `step` computes
 * each branch and the expectation is Σ_ω p_ω · (value after the step under ω).
 */
import type { ReadonlyVector, Vector } from '../../../src/linalg/vector.ts';
import type { Oracle } from '../../../src/oracles/types.ts';
import type { Problem } from '../../../src/problems/types.ts';

/** One node's noise law: support points ξ_j with probabilities p_j (Σ p_j = 1, Σ p_j ξ_j = 0). */
export interface FiniteNoise {
  readonly p: readonly number[];
  readonly points: readonly ReadonlyVector[];
}

/**
 * The zero-mean law built from raw support points and (unnormalised) weights: ξ_j = s·(z_j − Σ_l p_l z_l), with s
 * chosen so that E‖ξ‖² = variance exactly. A degenerate support (all z_j equal) gives ξ ≡ 0 whatever `variance` is.
 * @example
 * centeredNoise([[1, 0], [-1, 0]], [1, 1], 4).points.map((v) => Array.from(v));
 * // returns [[2, 0], [-2, 0]]
 */
export function centeredNoise(
  raw: readonly ReadonlyVector[],
  weights: readonly number[],
  variance: number,
): FiniteNoise {
  const m = raw.length;
  if (m < 1 || weights.length !== m)
    throw new RangeError(`centered-noise: need as many weights as points (≥ 1), got ${weights.length} and ${m}`);
  if (!(variance >= 0 && Number.isFinite(variance)))
    throw new RangeError(`centered-noise: need a finite variance ≥ 0, got ${variance}`);
  let total = 0;
  for (const w of weights) {
    if (!(w > 0 && Number.isFinite(w))) throw new RangeError(`centered-noise: need weights > 0, got ${w}`);
    total += w;
  }
  const p = weights.map((w) => w / total);
  const d = raw[0].length;
  const centre = new Float64Array(d);
  for (let j = 0; j < m; j++) for (let c = 0; c < d; c++) centre[c] += p[j] * raw[j][c];
  const shifted = raw.map((z) => Float64Array.from({ length: d }, (_, c) => z[c] - centre[c]));
  let second = 0;
  for (let j = 0; j < m; j++) for (let c = 0; c < d; c++) second += p[j] * shifted[j][c] ** 2;
  const s = second > 0 ? Math.sqrt(variance / second) : 0;
  return { p, points: shifted.map((z) => z.map((v) => s * v)) };
}

/** E‖ξ‖² = Σ_j p_j ‖ξ_j‖². */
export function noiseVariance(noise: FiniteNoise): number {
  let s = 0;
  noise.points.forEach((z, j) => {
    for (let c = 0; c < z.length; c++) s += noise.p[j] * z[c] * z[c];
  });
  return s;
}

/** One joint outcome of a round: node i draws support point `index[i]`; `p` = Π_i p_{i, index[i]}. */
export interface NoiseOutcome {
  readonly index: readonly number[];
  readonly p: number;
}

/**
 * Every joint outcome of independent node laws (Π_i m_i of them), in lexicographic order.
 * @example
 * noiseOutcomes([{ p: [0.5, 0.5], points: [[1], [-1]] }, { p: [1], points: [[0]] }]).map((o) => o.index);
 * // returns [[0, 0], [1, 0]]
 */
export function noiseOutcomes(law: readonly FiniteNoise[], maxOutcomes = 4096): NoiseOutcome[] {
  let count = 1;
  for (const node of law) count *= node.p.length;
  if (count > maxOutcomes)
    throw new RangeError(`noise-outcomes: ${count} joint outcomes exceed the limit ${maxOutcomes}`);
  let out: NoiseOutcome[] = [{ index: [], p: 1 }];
  for (const node of law) {
    const next: NoiseOutcome[] = [];
    for (const o of out) {
      for (let j = 0; j < node.p.length; j++) next.push({ index: [...o.index, j], p: o.p * node.p[j] });
    }
    out = next;
  }
  return out;
}

/**
 * The oracle of one outcome: ĝ_i(x) = ∇f_i(x) + ξ_{i, index[i]} whatever the key (the enumeration, not the key,
 * chooses the noise). `sigma` is the declared bound σ ≥ max_i sqrt(E‖ξ_i‖²).
 */
export function finiteNoiseOracle(
  problem: Problem,
  law: readonly FiniteNoise[],
  outcome: NoiseOutcome,
  sigma: number,
): Oracle {
  if (law.length !== problem.n)
    throw new RangeError(`finite-noise oracle: ${law.length} node laws for n=${problem.n} nodes`);
  return {
    name: `finite-noise(σ=${sigma},outcome=${outcome.index.join('.')})`,
    problem,
    sigma,
    shared: false,
    gradI: (i: number, x: ReadonlyVector): Vector => {
      const g = problem.gradI(i, x);
      const xi = law[i].points[outcome.index[i]];
      for (let c = 0; c < g.length; c++) g[c] += xi[c];
      return g;
    },
  };
}
