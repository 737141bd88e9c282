/**
 * PermK: the aggregate is unbiased with variance exactly (1/n)Σ‖a_i‖² − ‖ā‖², and identical inputs come back exactly.
 *
 * Setting: n nodes with inputs a_1, …, a_n ∈ ℝ^d, ā = (1/n)Σ_i a_i, d ≥ n (d = qn + r; docs/theory.md states d = qn, and
 *   src/compressors/perm-k.ts extends it to r ≠ 0 with a random block-to-node assignment σ); and d < n with n = qd.
 * Algorithm: PermK, src/compressors/perm-k.ts: one shared uniform permutation π of the coordinates cut into n blocks,
 *   block b to node σ(b) (σ uniform), C_i(x) = n·Σ_{j∈B_i} x_j e_j; for d < n every coordinate goes to q nodes and is
 *   scaled by d. The master averages: (1/n)Σ_i C_i(a_i).
 * Claim: (i) d ≥ n: E(1/n)Σ_i C_i(a_i) = ā and E‖(1/n)Σ_i C_i(a_i) − ā‖² = (1/n)Σ_i‖a_i‖² − ‖ā‖² exactly (the
 *   AB-inequality with A = B = 1, with equality); (ii) d ≥ n: if a_i = a for all i then (1/n)Σ_i C_i(a) = a on every
 *   draw (the premise of He–Huang–Yuan's point that correlated compressors can beat independent ones);
 *   (iii) d < n, n = qd: the variance is ((d − 1)/(n − 1))·((1/n)Σ_i‖a_i‖² − ‖ā‖²) (perm-k.ts's derived form).
 * Kind: identity, exact: the law of the aggregate by enumerating every shared draw (π, σ) — d!·n! outcomes, d ≤ 6 —
 *   against the closed forms and against permKMoments; the sampler (compressAll) against the exact variance by Monte
 *   Carlo, two-sided at z = 6; identical inputs through compressAll on seeded keys, checked per draw.
 * Reference: Szlendak, Tyurin, Richtárik (2021), "Permutation compressors for provably faster distributed nonconvex
 *   optimization" (PermK, AB-inequality); He, Huang, Yuan (2023), NeurIPS (independent vs correlated compressors);
 *   docs/theory.md §1.3 [D] and §9.1 item 11: a derived form, not a constant of either paper.
 * Teeth: independent scaled rand-k with k = d/n in place of PermK (variance ((n − 1)/n)(1/n)Σ‖a_i‖², not the PermK
 *   identity; identical inputs do not come back), and PermK with a fixed block assignment σ = id when n ∤ d (biased:
 *   nodes with the smaller blocks cover a coordinate with probability q/d < 1/n), must violate the claims.
 */
import { permK, permKBlocks, permKMoments } from '../../src/compressors/perm-k.ts';
import { randK } from '../../src/compressors/rand-k.ts';
import { norm2sq, type ReadonlyVector } from '../../src/linalg/vector.ts';
import { foldIn, key, split } from '../../src/rng/key.ts';
import { normal } from '../../src/rng/sample.ts';
import { meanSe } from '../../src/stats/mean-se.ts';
import { lowerInExpectationVerdict, upperInExpectationVerdict, verdictOverTrials, type Sides } from '../../src/report/verdict.ts';
import { budgetSizes, theoremFile, type Budget, type Theorem, type TheoremMeta, type TheoremResult, type Trial } from '../types.ts';
import { absMeanOf, independentAggregateLaw, meanOf, randKScaledLaw, type AggregateLaw } from './independent-vs-shared.ts';

export const meta: TheoremMeta = {
  id: 'perm-k-variance',
  title: 'PermK: unbiased aggregate with variance exactly (1/n)Σ‖a_i‖² − ‖ā‖²; identical inputs come back exactly',
  group: 'independent-compression',
  paper: { authors: 'Szlendak, Tyurin, Richtárik', year: 2021 },
  theorem: 'PermK AB-inequality (A = B = 1)',
  provenance: 'D',
  kind: 'identity',
  statement:
    'PermK, d ≥ n: E(1/n)Σ_i C_i(a_i) = ā, E‖(1/n)Σ_i C_i(a_i) − ā‖² = (1/n)Σ_i‖a_i‖² − ‖ā‖², and (1/n)Σ_i C_i(a) = a on every draw; d < n = qd: variance ((d−1)/(n−1))·((1/n)Σ‖a_i‖² − ‖ā‖²) (docs/theory.md §1.3)',
  file: theoremFile(import.meta.url),
};

/** All permutations of {0, …, m−1} (m! of them; keep m ≤ 7). */
export function permutations(m: number): Int32Array[] {
  if (m > 7) throw new RangeError(`perm-k-variance: enumeration needs m ≤ 7, got m=${m}`);
  let out: number[][] = [[]];
  for (let v = 0; v < m; v++) out = out.flatMap((p) => Array.from({ length: p.length + 1 }, (_, i) => [...p.slice(0, i), v, ...p.slice(i)]));
  return out.map((p) => Int32Array.from(p));
}

/** The scale a PermK node applies: the inverse of its per-coordinate inclusion probability [docs/theory.md §1.3]. */
export function permKScale(d: number, n: number): number {
  return d >= n ? n : d;
}

/**
 * The exact law of the PermK aggregate (1/n)Σ_i C_i(a_i) over every shared draw (π, σ) — or, with `fixedSigma`,
 * over π alone with σ = identity (the teeth: a fixed block assignment). Outcomes are built with permKBlocks, the
 * function compressAll draws its blocks with.
 */
export function permKAggregateLaw(as: readonly ReadonlyVector[], options: { readonly fixedSigma?: boolean } = {}): AggregateLaw {
  const n = as.length;
  const d = as[0].length;
  const scale = permKScale(d, n);
  const pis = permutations(d);
  const sigmas = options.fixedSigma === true ? [Int32Array.from({ length: n }, (_, i) => i)] : permutations(n);
  const count = pis.length * sigmas.length;
  const abar = meanOf(as);
  const abarMagnitude = absMeanOf(as);
  const mean = new Float64Array(d);
  let variance = 0;
  let magnitude = 0;
  const agg = new Float64Array(d);
  const aggMagnitude = new Float64Array(d);
  for (const pi of pis) {
    for (const sigma of sigmas) {
      agg.fill(0);
      aggMagnitude.fill(0);
      const blocks = permKBlocks(d, n, pi, sigma);
      for (let i = 0; i < n; i++) {
        for (const j of blocks[i]) {
          agg[j] += (scale * as[i][j]) / n;
          aggMagnitude[j] += Math.abs(scale * as[i][j]) / n;
        }
      }
      for (let j = 0; j < d; j++) {
        mean[j] += agg[j] / count;
        variance += (agg[j] - abar[j]) ** 2 / count;
        magnitude += (aggMagnitude[j] + abarMagnitude[j]) ** 2 / count;
      }
    }
  }
  return { mean, variance, scale: magnitude, outcomes: count };
}

/** The closed form A·(1/n)Σ‖a_i‖² − B·‖ā‖² with A = B = 1 (d ≥ n) or (d − 1)/(n − 1) (d < n), and its scale. */
export function permKVarianceClosedForm(as: readonly ReadonlyVector[]): { value: number; scale: number } {
  const n = as.length;
  const d = as[0].length;
  const ab = d >= n ? 1 : (d - 1) / (n - 1);
  const meanSq = as.reduce((s, a) => s + norm2sq(a), 0) / n;
  const abarSq = norm2sq(meanOf(as));
  return { value: ab * (meanSq - abarSq), scale: ab * (meanSq + norm2sq(absMeanOf(as))) };
}

/** Variance of an aggregate law against a closed form (both sides' summand magnitudes in the scale). */
export function lawVarianceSides(law: AggregateLaw, closed: { value: number; scale: number }): Sides {
  return { lhs: law.variance, rhs: closed.value, scale: law.scale + closed.scale };
}

/** ‖E agg − ā‖² against 0. */
export function lawBiasSides(law: AggregateLaw, abar: ReadonlyVector): Sides {
  let gap = 0;
  for (let j = 0; j < abar.length; j++) gap += (law.mean[j] - abar[j]) ** 2;
  return { lhs: gap, rhs: 0, scale: law.scale };
}

/** ‖(1/n)Σ_i C_i(a) − a‖² against 0 for one draw of outputs (scale: the squared magnitudes of the summands). */
export function identicalInputSides(outputs: readonly ReadonlyVector[], a: ReadonlyVector): Sides {
  const n = outputs.length;
  let gap = 0;
  let scale = 0;
  for (let j = 0; j < a.length; j++) {
    let s = 0;
    let m = 0;
    for (const c of outputs) {
      s += c[j] / n;
      m += Math.abs(c[j]) / n;
    }
    gap += (s - a[j]) ** 2;
    scale += (m + Math.abs(a[j])) ** 2;
  }
  return { lhs: gap, rhs: 0, scale };
}

/** Shapes (d, n) small enough to enumerate d!·n! draws: n | d, n ∤ d, d = n, and d < n with n = qd. */
export const SHAPES: readonly (readonly [number, number])[] = [
  [4, 2],
  [6, 3],
  [6, 2],
  [5, 2],
  [5, 3],
  [4, 4],
  [3, 1],
  [2, 4],
  [3, 6],
  [1, 3],
];

export async function check(seed: number, budget: Budget): Promise<TheoremResult> {
  const { trials, samples } = budgetSizes(budget);
  const root = key(seed);
  const ctx = { id: meta.id, seed, budget, provenance: meta.provenance };
  const perShape = Math.max(2, Math.ceil(trials / 100));
  const variance: Trial[] = [];
  const smallD: Trial[] = [];
  const unbiased: Trial[] = [];
  const moments: Trial[] = [];
  const independent: Trial[] = [];
  const fixedSigma: Trial[] = [];
  let draws = 0;
  for (const [s, [d, n]] of SHAPES.entries()) {
    for (let t = 0; t < perShape; t++) {
      const k0 = foldIn(foldIn(foldIn(root, 1), s), t);
      const as = Array.from({ length: n }, (_, i) => normal(foldIn(k0, i), d));
      const abar = meanOf(as);
      const law = permKAggregateLaw(as);
      draws += law.outcomes;
      const inst = { d, n, a: as.map((a) => Array.from(a)) };
      (d >= n ? variance : smallD).push({ ...lawVarianceSides(law, permKVarianceClosedForm(as)), instance: inst });
      unbiased.push({ ...lawBiasSides(law, abar), instance: inst });
      const m = permKMoments(d, n, as);
      moments.push({ lhs: m.variance, rhs: law.variance, scale: law.scale, instance: inst });
      // Teeth 1: independent scaled rand-k with k = d/n (n | d, n ≥ 2), enumerated, against the PermK identity.
      if (d >= n && d % n === 0 && n >= 2) {
        const lawR = independentAggregateLaw(
          as.map((a) => randKScaledLaw(a, d / n)),
          abar,
          absMeanOf(as),
        );
        independent.push({ ...lawVarianceSides(lawR, permKVarianceClosedForm(as)), instance: inst });
      }
      // Teeth 2: σ fixed to the identity when n ∤ d: the aggregate is biased.
      if (d > n && d % n !== 0) fixedSigma.push({ ...lawBiasSides(permKAggregateLaw(as, { fixedSigma: true }), abar), instance: inst });
    }
  }

  // Identical inputs through the sampler itself, on seeded keys (d ≥ n), and the rand-k teeth on the same keys.
  const identical: Trial[] = [];
  const identicalRandK: Trial[] = [];
  for (const [s, [d, n]] of SHAPES.entries()) {
    if (d < n) continue;
    const C = permK(d, n);
    const R = randK(d, Math.max(1, Math.floor(d / n)), { scaled: true });
    for (let t = 0; t < perShape * 10; t++) {
      const [ka, kc] = split(foldIn(foldIn(foldIn(root, 2), s), t));
      const a = normal(ka, d);
      const same = Array.from({ length: n }, () => a);
      identical.push({ ...identicalInputSides(C.compressAll(same, kc), a), instance: { d, n, a: Array.from(a), draw: t } });
      if (n >= 2) identicalRandK.push({ ...identicalInputSides(same.map((x, i) => R.compress(x, foldIn(kc, i))), a), instance: { d, n, a: Array.from(a), draw: t } });
    }
  }

  // The sampler's variance against the exact value (d = 8, n = 4: 8!·4! outcomes would be too many to enumerate,
  // so the exact value is permKMoments / the closed form, already tied to enumeration above).
  const d = 8;
  const n = 4;
  const as = Array.from({ length: n }, (_, i) => normal(foldIn(foldIn(root, 3), i), d));
  const closed = permKVarianceClosedForm(as);
  const C = permK(d, n);
  const abar = meanOf(as);
  const mcDraws = Math.max(500, Math.ceil(samples / 2));
  const xs = Array.from({ length: mcDraws }, (_, t) => {
    const out = C.compressAll(as, foldIn(foldIn(root, 4), t));
    let e = 0;
    for (let j = 0; j < d; j++) {
      let s = 0;
      for (const c of out) s += c[j] / n;
      e += (s - abar[j]) ** 2;
    }
    return e;
  });
  const stats = meanSe(xs);
  const meanSq = as.reduce((s, a) => s + norm2sq(a), 0) / n;
  const indepVariance = ((n - 1) / n) * meanSq;

  const claim = 'E‖(1/n)ΣC_i(a_i) − ā‖² = (1/n)Σ‖a_i‖² − ‖ā‖²';
  const verdicts = [
    verdictOverTrials({ ...ctx, claim, check: `d ≥ n: every shared draw (π, σ) enumerated, shapes ${shapeList(true)}`, details: { draws } }, 'identity', variance),
    verdictOverTrials({ ...ctx, claim: '‖E(1/n)ΣC_i(a_i) − ā‖² = 0', check: 'the aggregate is unbiased (all shapes, enumerated)' }, 'identity', unbiased),
    verdictOverTrials({ ...ctx, claim: '(1/n)ΣC_i(a) = a', check: `identical inputs, compressAll on ${identical.length} seeded draws` }, 'identity', identical),
    verdictOverTrials({ ...ctx, claim: 'E‖agg − ā‖² = ((d−1)/(n−1))((1/n)Σ‖a_i‖² − ‖ā‖²)', check: `d < n = qd (perm-k.ts's derived form), shapes ${shapeList(false)}` }, 'identity', smallD),
    verdictOverTrials({ ...ctx, claim: 'permKMoments variance = enumerated variance', check: 'src/compressors/perm-k.ts permKMoments against enumeration' }, 'identity', moments),
    upperInExpectationVerdict({ ...ctx, claim: `${claim} (≤)`, check: `compressAll, d = ${d}, n = ${n}: sample mean ≤ exact` }, { stats, bound: closed.value }),
    lowerInExpectationVerdict({ ...ctx, claim: `${claim} (≥)`, check: `compressAll, d = ${d}, n = ${n}: sample mean ≥ exact` }, { stats, bound: closed.value }),
    verdictOverTrials({ ...ctx, claim, check: 'teeth: independent scaled rand-k (k = d/n) in place of PermK, enumerated', expectation: 'may-fail' }, 'identity', independent),
    verdictOverTrials({ ...ctx, claim: '(1/n)ΣC_i(a) = a', check: 'teeth: independent scaled rand-k (k = ⌊d/n⌋) with identical inputs', expectation: 'may-fail' }, 'identity', identicalRandK),
    verdictOverTrials({ ...ctx, claim: '‖E(1/n)ΣC_i(a_i) − ā‖² = 0', check: 'teeth: fixed block assignment σ = id with n ∤ d', expectation: 'may-fail' }, 'identity', fixedSigma),
  ];
  return {
    verdicts,
    tables: [
      {
        title: `Aggregated variance on one seeded instance, d = ${d}, n = ${n}, Gaussian a_i; Monte Carlo over ${mcDraws} compressAll draws`,
        columns: ['quantity', 'value'],
        rows: [
          ['(1/n)Σ‖a_i‖²', meanSq],
          ['‖ā‖²', norm2sq(abar)],
          ['PermK exact: (1/n)Σ‖a_i‖² − ‖ā‖²', closed.value],
          ['PermK permKMoments', permKMoments(d, n, as).variance],
          ['PermK measured mean', stats.mean],
          ['PermK measured se', stats.se],
          ['independent rand-k (k = d/n = 2) exact: ((n−1)/n)(1/n)Σ‖a_i‖²', indepVariance],
          ['identical inputs a_i = a_1: PermK exact', permKVarianceClosedForm(Array.from({ length: n }, () => as[0])).value],
          ['identical inputs a_i = a_1: independent rand-k exact ((n−1)/n)‖a_1‖²', ((n - 1) / n) * norm2sq(as[0])],
        ],
        caption: 'With heterogeneous inputs PermK need not beat independent rand-k; with identical (or similar) inputs it removes the compression variance entirely.',
      },
    ],
    notes: [
      `Enumeration: every (π, σ) ∈ S_d × S_n for the shapes (d, n) ∈ {${SHAPES.map(([a, b]) => `(${a}, ${b})`).join(', ')}}, ${perShape} Gaussian instances each, ${draws} draws in all; outcomes built with permKBlocks, the function compressAll samples. Tolerance 1e-12·Σ(magnitudes of the summands)² + 1e-300 (ā and the aggregate may cancel).`,
      'docs/theory.md §1.3 states the identity for d = qn; perm-k.ts extends PermK to n ∤ d with a random block-to-node assignment, and the same identity holds there (checked); the d < n formula is perm-k.ts’s own derived form.',
      'Teeth: independent rand-k with the same per-node budget has variance ((n − 1)/n)(1/n)Σ‖a_i‖² and does not return identical inputs; a fixed block assignment with n ∤ d is biased. Each must violate the PermK claims on some instance.',
    ],
  };
}

function shapeList(bigD: boolean): string {
  return SHAPES.filter(([d, n]) => (d >= n) === bigD)
    .map(([d, n]) => `(${d},${n})`)
    .join(' ');
}

export const theorem: Theorem = { meta, check };
