/**
 * Independent unbiased compressors divide the aggregated compression variance by n; shared randomness does not.
 *
 * Setting: n nodes with inputs a_1, …, a_n ∈ ℝ^d, ā = (1/n)Σ_i a_i; unbiased compressors C_i ∈ U(ω): scaled rand-k
 *   (ω = d/k − 1, src/compressors/rand-k.ts) and natural compression (ω = 1/8, src/compressors/natural.ts).
 * Algorithm: the master's aggregate (1/n)Σ_i C_i(a_i), with the nodes' randomness independent (key foldIn(k, i))
 *   or shared (every node uses the round's key), as src/algorithms/validate.ts compressorKey chooses.
 * Claim: (i) independent: E(1/n)Σ_i C_i(a_i) = ā and E‖(1/n)Σ_i C_i(a_i) − ā‖² = (1/n²)Σ_i E‖C_i(a_i) − a_i‖²
 *   (≤ (ω/n)(1/n)Σ_i‖a_i‖², with equality for scaled rand-k); (ii) shared rand-k (one subset for all nodes):
 *   (1/n)Σ_i C(a_i) = C(ā), so the variance is ω‖ā‖², and with all a_i = a it is ω‖a‖²: no 1/n.
 * Kind: identity, exact: the left sides by enumerating the joint law (C(d, k)^n subset tuples for independent rand-k,
 *   2^{dn} roundings for natural, C(d, k) shared subsets), the right sides from each compressor's expectation()
 *   (its exact moments). The simulator's draws (compress with independent / shared keys) are checked against the
 *   exact values by Monte Carlo, two-sided at z = 6, and measured against n in a table and figure.
 * Reference: He, Huang, Yuan (2023), "Unbiased compression saves communication in distributed optimization: when
 *   and how much?", NeurIPS (independence assumption); Szlendak, Tyurin, Richtárik (2021) (AB-inequality);
 *   docs/theory.md §1.3 and §6.1 [D], §9.1 item 12: a derived form, not a constant of either paper.
 * Teeth: the 1/n identity applied to shared randomness with identical inputs (a_i = a) must fail for n ≥ 2.
 */
import { natural } from '../../src/compressors/natural.ts';
import { floorLog2, powerOfTwo } from '../../src/compressors/power-of-two.ts';
import { randK } from '../../src/compressors/rand-k.ts';
import type { Compressor } from '../../src/compressors/types.ts';
import { compressorKey, type Randomness } from '../../src/algorithms/validate.ts';
import { norm2sq, type ReadonlyVector, type Vector } from '../../src/linalg/vector.ts';
import { foldIn, key, split, type Key } from '../../src/rng/key.ts';
import { integerBelow, normal } from '../../src/rng/sample.ts';
import { meanSe } from '../../src/stats/mean-se.ts';
import { lowerInExpectationVerdict, upperInExpectationVerdict, verdictOverTrials, type Sides } from '../../src/report/verdict.ts';
import { budgetSizes, theoremFile, type Budget, type Theorem, type TheoremMeta, type TheoremResult, type Trial } from '../types.ts';

export const meta: TheoremMeta = {
  id: 'independent-vs-shared',
  title: 'Independent unbiased compressors divide the aggregated variance by n; shared randomness does not',
  group: 'independent-compression',
  paper: { authors: 'He, Huang, Yuan', year: 2023 },
  theorem: 'independent-compressor assumption',
  provenance: 'D',
  kind: 'identity',
  statement:
    'Independent C_i ∈ U(ω): E‖(1/n)Σ_i C_i(a_i) − ā‖² = (1/n²)Σ_i E‖C_i(a_i) − a_i‖² (= (ω/n)(1/n)Σ‖a_i‖² for scaled rand-k); shared rand-k: = ω‖ā‖², i.e. ω‖a‖² when all a_i = a (docs/theory.md §1.3)',
  file: theoremFile(import.meta.url),
};

/** One outcome of a discrete compressor law: C(x) = value with probability p. */
export interface Outcome {
  readonly p: number;
  readonly value: Vector;
}

/** The k-subsets of {0, …, d−1} in lexicographic order. */
export function kSubsets(d: number, k: number): number[][] {
  const out: number[][] = [];
  const idx = Array.from({ length: k }, (_, i) => i);
  if (k > d || k < 0) return out;
  for (;;) {
    out.push([...idx]);
    let i = k - 1;
    while (i >= 0 && idx[i] === d - k + i) i--;
    if (i < 0) return out;
    idx[i]++;
    for (let m = i + 1; m < k; m++) idx[m] = idx[m - 1] + 1;
  }
}

/** Law of scaled rand-k [docs/theory.md §1.1 row 2]: a uniform k-subset S, C(x) = (d/k)Σ_{j∈S} x_j e_j. */
export function randKScaledLaw(x: ReadonlyVector, k: number): Outcome[] {
  const d = x.length;
  const subsets = kSubsets(d, k);
  return subsets.map((S) => {
    const value = new Float64Array(d);
    for (const j of S) value[j] = (d / k) * x[j];
    return { p: 1 / subsets.length, value };
  });
}

/**
 * Law of natural compression [docs/theory.md §1.1 row 6]: coordinate t ≠ 0 with 2^a ≤ |t| < 2^{a+1} becomes
 * sign(t)·2^{a+1} with probability |t|/2^a − 1, else sign(t)·2^a, independently per coordinate (2^{nnz} outcomes).
 */
export function naturalLaw(x: ReadonlyVector): Outcome[] {
  let outcomes: Outcome[] = [{ p: 1, value: new Float64Array(x.length) }];
  for (let j = 0; j < x.length; j++) {
    const t = x[j];
    if (t === 0) continue;
    const lower = powerOfTwo(floorLog2(t)) * Math.sign(t);
    const up = t / lower - 1;
    const next: Outcome[] = [];
    for (const o of outcomes) {
      for (const [p, v] of [
        [1 - up, lower],
        [up, 2 * lower],
      ] as const) {
        if (p === 0) continue;
        const value = o.value.slice();
        value[j] = v;
        next.push({ p: o.p * p, value });
      }
    }
    outcomes = next;
  }
  return outcomes;
}

/** Exact mean and variance of the aggregate, with the scale of the summands of the variance (for the tolerance). */
export interface AggregateLaw {
  readonly mean: Vector;
  /** E‖(1/n)Σ_i C_i(a_i) − ā‖², ā the mean of the inputs. */
  readonly variance: number;
  /**
   * Σ_outcomes p·Σ_j (A_j + B_j)², A_j and B_j the sums of the magnitudes of the summands of agg_j and ā_j: what the
   * rounding of the variance is relative to (agg_j − ā_j may cancel, so |agg_j| itself would be too small).
   */
  readonly scale: number;
  readonly outcomes: number;
}

/** The aggregate's law when node i's output has law laws[i], the nodes independent (product of the laws). */
export function independentAggregateLaw(laws: readonly (readonly Outcome[])[], abar: ReadonlyVector, abarMagnitude: ReadonlyVector = absOf(abar)): AggregateLaw {
  const n = laws.length;
  const d = abar.length;
  const total = laws.reduce((c, l) => c * l.length, 1);
  if (total > 2e5) throw new RangeError(`independent-vs-shared: ${total} joint outcomes, keep it ≤ 2e5`);
  const mean = new Float64Array(d);
  let variance = 0;
  let scale = 0;
  const partial: Float64Array[] = Array.from({ length: n + 1 }, () => new Float64Array(d));
  const magnitude: Float64Array[] = Array.from({ length: n + 1 }, () => new Float64Array(d));
  const walk = (i: number, p: number): void => {
    if (i === n) {
      for (let j = 0; j < d; j++) {
        const agg = partial[n][j] / n;
        mean[j] += p * agg;
        variance += p * (agg - abar[j]) ** 2;
        scale += p * (magnitude[n][j] / n + abarMagnitude[j]) ** 2;
      }
      return;
    }
    for (const o of laws[i]) {
      // Partial sums per depth, not add-then-subtract, so every outcome's aggregate is summed in node order exactly.
      for (let j = 0; j < d; j++) {
        partial[i + 1][j] = partial[i][j] + o.value[j];
        magnitude[i + 1][j] = magnitude[i][j] + Math.abs(o.value[j]);
      }
      walk(i + 1, p * o.p);
    }
  };
  walk(0, 1);
  return { mean, variance, scale, outcomes: total };
}

/** Shared rand-k: one uniform k-subset S for every node, so the aggregate is (d/k)ā restricted to S. */
export function sharedRandKAggregateLaw(as: readonly ReadonlyVector[], k: number): AggregateLaw {
  const n = as.length;
  const d = as[0].length;
  const abar = meanOf(as);
  const abarMagnitude = absMeanOf(as);
  const subsets = kSubsets(d, k);
  const mean = new Float64Array(d);
  let variance = 0;
  let scale = 0;
  for (const S of subsets) {
    const p = 1 / subsets.length;
    const agg = new Float64Array(d);
    const magnitude = new Float64Array(d);
    for (const j of S) {
      let s = 0;
      for (let i = 0; i < n; i++) s += (d / k) * as[i][j];
      agg[j] = s / n;
      magnitude[j] = (d / k) * abarMagnitude[j];
    }
    for (let j = 0; j < d; j++) {
      mean[j] += p * agg[j];
      variance += p * (agg[j] - abar[j]) ** 2;
      scale += p * (magnitude[j] + abarMagnitude[j]) ** 2;
    }
  }
  return { mean, variance, scale, outcomes: subsets.length };
}

/** |x|, entry by entry. */
function absOf(x: ReadonlyVector): Vector {
  return Float64Array.from(x, Math.abs);
}

/** (1/n)Σ_i |a_i|, entry by entry: the magnitudes ā is summed from. */
export function absMeanOf(as: readonly ReadonlyVector[]): Vector {
  return meanOf(as.map(absOf));
}

export function meanOf(as: readonly ReadonlyVector[]): Vector {
  const d = as[0].length;
  const out = new Float64Array(d);
  for (const a of as) for (let j = 0; j < d; j++) out[j] += a[j] / as.length;
  return out;
}

/** The 1/n side: (1/n²)Σ_i E‖C_i(a_i) − a_i‖² from each compressor's exact moments (expectation()). */
export function oneOverNSide(C: Compressor, as: readonly ReadonlyVector[]): number {
  const n = as.length;
  let s = 0;
  for (const a of as) {
    const e = C.expectation?.(a);
    if (e === undefined) throw new RangeError(`independent-vs-shared: ${C.name} has no exact expectation`);
    s += e.errorSq;
  }
  return s / (n * n);
}

/** Sides of "variance = closed form": lhs from the enumerated law; rhsScale the magnitude of the rhs's summands. */
export function varianceSides(law: AggregateLaw, rhs: number, rhsScale: number = Math.abs(rhs)): Sides {
  return { lhs: law.variance, rhs, scale: law.scale + rhsScale };
}

/** ‖E agg − ā‖² against 0: the aggregate is unbiased (scale: the squared magnitudes the mean was summed from). */
export function unbiasedSides(law: AggregateLaw, abar: ReadonlyVector): Sides {
  let gap = 0;
  for (let j = 0; j < abar.length; j++) gap += (law.mean[j] - abar[j]) ** 2;
  return { lhs: gap, rhs: 0, scale: law.scale };
}

/** One simulated draw of ‖(1/n)Σ_i C(a_i) − ā‖² with the simulator's key rule (validate.ts compressorKey). */
export function aggregateErrorSample(C: Compressor, as: readonly ReadonlyVector[], k: Key, randomness: Randomness): number {
  const n = as.length;
  const d = as[0].length;
  const agg = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    const c = C.compress(as[i], compressorKey(k, i, randomness));
    for (let j = 0; j < d; j++) agg[j] += c[j] / n;
  }
  const abar = meanOf(as);
  let s = 0;
  for (let j = 0; j < d; j++) s += (agg[j] - abar[j]) ** 2;
  return s;
}

function randomInputs(k: Key, n: number, d: number): Vector[] {
  return Array.from({ length: n }, (_, i) => normal(foldIn(k, i), d));
}

export async function check(seed: number, budget: Budget): Promise<TheoremResult> {
  const { trials, samples } = budgetSizes(budget);
  const root = key(seed);
  const ctx = { id: meta.id, seed, budget, provenance: meta.provenance };
  const claim = 'E‖(1/n)ΣC_i(a_i) − ā‖² = (1/n²)ΣE‖C_i(a_i) − a_i‖²';
  const count = Math.max(20, Math.ceil(trials / 10));

  // (i) Independent rand-k (scaled) and natural: enumerated joint law against the 1/n side.
  const indepRandK: Trial[] = [];
  const equality: Trial[] = [];
  const indepNatural: Trial[] = [];
  const unbiased: Trial[] = [];
  const shared: Trial[] = [];
  const teeth: Trial[] = [];
  let outcomes = 0;
  for (let t = 0; t < count; t++) {
    const [kn, kd, kk, ka, kb, kc] = split(foldIn(foldIn(root, 1), t), 6);
    const n = 1 + integerBelow(kn, 3);
    const d = 2 + integerBelow(kd, 3);
    const k = 1 + integerBelow(kk, d - 1);
    const as = randomInputs(ka, n, d);
    const abar = meanOf(as);
    const C = randK(d, k, { scaled: true });
    const law = independentAggregateLaw(as.map((a) => randKScaledLaw(a, k)), abar, absMeanOf(as));
    outcomes += law.outcomes;
    const inst = { n, d, k, a: as.map((a) => Array.from(a)) };
    indepRandK.push({ ...varianceSides(law, oneOverNSide(C, as)), instance: inst });
    unbiased.push({ ...unbiasedSides(law, abar), instance: inst });
    // Scaled rand-k attains the bound: (1/n²)ΣE‖C(a_i) − a_i‖² = (ω/n)(1/n)Σ‖a_i‖², ω = d/k − 1.
    const omega = d / k - 1;
    const bound = (omega / n) * (as.reduce((s, a) => s + norm2sq(a), 0) / n);
    const side = oneOverNSide(C, as);
    equality.push({ lhs: side, rhs: bound, scale: side + bound, instance: inst });
    // Natural compression: d ≤ 3, n ≤ 3, so 2^{dn} ≤ 512 joint outcomes.
    const dn = 1 + integerBelow(kb, 3);
    const bs = randomInputs(kc, n, dn);
    const lawN = independentAggregateLaw(bs.map((b) => naturalLaw(b)), meanOf(bs), absMeanOf(bs));
    outcomes += lawN.outcomes;
    const instN = { n, d: dn, a: bs.map((b) => Array.from(b)) };
    indepNatural.push({ ...varianceSides(lawN, oneOverNSide(natural(dn), bs)), instance: instN });
    unbiased.push({ ...unbiasedSides(lawN, meanOf(bs)), instance: instN });
    // (ii) Shared rand-k: variance ω‖ā‖²; teeth: identical inputs against the 1/n side, n ≥ 2.
    const lawS = sharedRandKAggregateLaw(as, k);
    const abarSq = norm2sq(abar);
    shared.push({ ...varianceSides(lawS, omega * abarSq, omega * norm2sq(absMeanOf(as))), instance: inst });
    const m = n + 1;
    const same = Array.from({ length: m }, () => as[0]);
    teeth.push({ ...varianceSides(sharedRandKAggregateLaw(same, k), oneOverNSide(C, same)), instance: { n: m, d, k, a: [Array.from(as[0])] } });
  }

  // Simulator draws against the exact values, and the picture against n (d = 8, k = 2, identical unit inputs).
  const d = 8;
  const kk = 2;
  const omega = d / kk - 1;
  const C = randK(d, kk, { scaled: true });
  const a0 = normal(foldIn(root, 2), d);
  const aNorm = Math.sqrt(norm2sq(a0));
  const a = a0.map((v) => v / aNorm);
  const ns = [1, 2, 4, 8, 16, 32, 64];
  const rows: (string | number)[][] = [];
  const indepPts: [number, number][] = [];
  const sharedPts: [number, number][] = [];
  const mcVerdicts = [];
  const draws = Math.max(200, Math.ceil(samples / 10));
  for (const n of ns) {
    const as = Array.from({ length: n }, () => a);
    const exactIndep = oneOverNSide(C, as);
    const exactShared = sharedRandKAggregateLaw(as, kk).variance;
    const sample = (r: Randomness, stream: number): number[] =>
      Array.from({ length: draws }, (_, s) => aggregateErrorSample(C, as, foldIn(foldIn(foldIn(root, stream), n), s), r));
    const mi = meanSe(sample('independent', 3));
    const ms = meanSe(sample('shared', 4));
    rows.push([n, exactIndep, mi.mean, mi.se, exactShared, ms.mean, ms.se, omega / n]);
    indepPts.push([n, mi.mean]);
    sharedPts.push([n, ms.mean]);
    if (n === 8) {
      const c = (what: string, bound: number, s: typeof mi, r: string) => [
        upperInExpectationVerdict({ ...ctx, claim: `E‖agg − ā‖² ≤ ${what}`, check: `simulator, ${r} keys, n = 8, rand-k(k=2,d=8,scaled), a_i = a, ‖a‖ = 1: mean ≤ exact` }, { stats: s, bound }),
        lowerInExpectationVerdict({ ...ctx, claim: `E‖agg − ā‖² ≥ ${what}`, check: `simulator, ${r} keys, n = 8, rand-k(k=2,d=8,scaled), a_i = a, ‖a‖ = 1: mean ≥ exact` }, { stats: s, bound }),
      ];
      mcVerdicts.push(...c('(ω/n)‖a‖²', exactIndep, mi, 'independent'), ...c('ω‖a‖²', exactShared, ms, 'shared'));
    }
  }

  const verdicts = [
    verdictOverTrials({ ...ctx, claim, check: `independent scaled rand-k, ${count} instances (n ≤ 3, d ≤ 4), joint law enumerated`, details: { jointOutcomes: outcomes } }, 'identity', indepRandK),
    verdictOverTrials({ ...ctx, claim, check: `independent natural compression, ${count} instances (n ≤ 3, d ≤ 3), joint law enumerated` }, 'identity', indepNatural),
    verdictOverTrials({ ...ctx, claim: '‖E(1/n)ΣC_i(a_i) − ā‖² = 0', check: 'the aggregate is unbiased (both compressors, enumerated)' }, 'identity', unbiased),
    verdictOverTrials({ ...ctx, claim: '(1/n²)ΣE‖C_i(a_i) − a_i‖² = (ω/n)(1/n)Σ‖a_i‖²', check: 'scaled rand-k attains the bound (ω = d/k − 1)' }, 'identity', equality),
    verdictOverTrials({ ...ctx, claim: 'shared rand-k: E‖(1/n)ΣC(a_i) − ā‖² = ω‖ā‖²', check: 'one subset for all nodes, enumerated' }, 'identity', shared),
    verdictOverTrials({ ...ctx, claim, check: 'teeth: shared rand-k with identical inputs a_i = a, n ≥ 2', expectation: 'may-fail' }, 'identity', teeth),
    ...mcVerdicts,
  ];
  return {
    verdicts,
    tables: [
      {
        title: `Aggregated variance E‖(1/n)ΣC_i(a) − a‖² against n: rand-k(k=2,d=8,scaled) (ω = 3), identical inputs a_i = a, ‖a‖ = 1; Monte Carlo over ${draws} draws per n`,
        columns: ['n', 'independent: exact (ω/n)‖a‖²', 'independent: mean', 'se', 'shared: exact ω‖a‖²', 'shared: mean', 'se', 'ω/n'],
        rows,
      },
    ],
    figures: [
      {
        kind: 'line',
        name: 'variance-vs-n',
        title: 'Aggregated compression variance against n, rand-k(k=2,d=8,scaled), a_i = a, ‖a‖ = 1',
        x: { label: 'nodes n', log: true },
        y: { label: 'E‖(1/n)ΣC_i(a) − a‖²', log: true },
        series: [
          { name: 'independent (measured)', points: indepPts },
          { name: 'shared (measured)', points: sharedPts },
          { name: 'ω/n (independent, exact)', points: ns.map((n) => [n, omega / n] as [number, number]), reference: true },
          { name: 'ω (shared, exact)', points: ns.map((n) => [n, omega] as [number, number]), reference: true },
        ],
        caption: 'Independent draws fall like ω/n; with shared randomness and identical inputs every node drops the same coordinates and the variance stays ω.',
      },
    ],
    notes: [
      `Exact checks: ${count} seeded instances each, Gaussian inputs, n ∈ 1…3, d ∈ 2…4 with k ∈ 1…d−1 for rand-k (C(d, k)^n joint subset tuples) and d ∈ 1…3 for natural compression (2^{dn} joint roundings); ${outcomes} joint outcomes in all. The right sides use the compressors' own expectation() (exact moments). Tolerance 1e-12·Σ_outcomes p·Σ_j(A_j + B_j)² + 1e-300, A_j and B_j the sums of the magnitudes of the summands of the aggregate and of ā (both may cancel).`,
      `Simulator: compress() with independent keys foldIn(k, i) or the shared key (src/algorithms/validate.ts compressorKey), ${draws} draws per n; at n = 8 the sample mean is checked two-sided against the exact value at z = 6.`,
      'Teeth: with shared randomness and identical inputs the 1/n identity must fail (the variance is ω‖a‖², n times the 1/n side).',
    ],
  };
}

export const theorem: Theorem = { meta, check };
