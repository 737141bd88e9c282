/**
 * The checker's core: one input x, one compressor, one key → either a failure or a ratio estimate.
 *
 * Order of checks: the call itself (throws, writes to x, wrong type/length, NaN), reproducibility (same key twice,
 * bitwise), C(0) = 0, then the contract:
 *   - exact when the compressor enumerates E C(x) and E‖C(x) − x‖² (expectation()); the sampler is then
 *     cross-checked against it so a correct expectation() cannot hide a wrong compress;
 *   - exact from one call when the compressor is deterministic (declared, or drew no uniform);
 *   - otherwise Monte Carlo, refuting E[R] ≤ b only if mean − z·se > b (src/stats/mean-se.ts, z = 6), doubling
 *     the sample count while the estimate sits above the bound and is not yet significant.
 * Everything is compared in scale-free form (docs/design.md §3): x is divided by a power of two near max|x_j|, which
 * is exact, so tiny and huge inputs are judged on the same footing as unit ones. Absolute contracts are not
 * scale-free and are judged on the raw x, on every sample.
 */
import { copy, sameBits } from '../linalg/vector.ts';
import { powerOfTwoScale } from '../linalg/norms.ts';
import type { Contract, ExactMoments } from '../compressors/types.ts';
import { foldIn, type Key } from '../rng/key.ts';
import { Z_DEFAULT } from '../stats/mean-se.ts';
import { ContractDeclarationError, type CheckSubject, type Failure, type FailureKind, type RatioEstimate } from './types.ts';

export interface InputEvaluation {
  readonly d: number;
  readonly x: Float64Array;
  readonly failure?: Failure;
  /** Present unless a failure stopped the evaluation before any estimate. */
  readonly ratio?: RatioEstimate;
  /** compress calls made. */
  readonly samples: number;
  readonly exact: boolean;
}

export interface SampleBudget {
  readonly samples: number;
  readonly maxSamples: number;
}

const EPS = 2 ** -52;
const MIN_SUBNORMAL = 2 ** -1074;
/** ln(1e9): n draws miss an event of probability p with chance (1 − p)^n ≤ e^{−np}. */
const UNSEEN_LOG = Math.log(1e9);
/** Extra calls that confirm a compressor judged deterministic (a hidden coin repeats itself 14 times w.p. 2^-14). */
const DETERMINISM_REPEATS = 14;

/** The declared bound on the ratio's scale; a malformed declaration is the declarer's error, not a violation. */
export function ratioBound(c: Contract, name: string): number {
  switch (c.kind) {
    case 'contractive':
      if (!(typeof c.alpha === 'number' && c.alpha > 0 && c.alpha <= 1)) {
        throw new ContractDeclarationError(`${name}: contractive alpha must satisfy 0 < alpha ≤ 1, got ${String(c.alpha)}`);
      }
      return 1 - c.alpha;
    case 'unbiased':
      if (!(typeof c.omega === 'number' && c.omega >= 0 && Number.isFinite(c.omega))) {
        throw new ContractDeclarationError(`${name}: unbiased omega must be a finite number ≥ 0, got ${String(c.omega)}`);
      }
      return c.omega;
    case 'absolute':
      if (!(typeof c.deltaSq === 'number' && c.deltaSq >= 0 && Number.isFinite(c.deltaSq))) {
        throw new ContractDeclarationError(`${name}: absolute deltaSq must be a finite number ≥ 0, got ${String(c.deltaSq)}`);
      }
      return 1;
    default:
      throw new ContractDeclarationError(`${name}: contract kind must be contractive, unbiased or absolute`);
  }
}

/** A value's short description for one-line messages. */
export function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  if (typeof v === 'object') {
    const ctor = (v as { constructor?: { name?: unknown } }).constructor;
    const name = typeof ctor?.name === 'string' ? ctor.name : 'object';
    const len = (v as { length?: unknown }).length;
    return typeof len === 'number' ? `${name}(${len})` : name;
  }
  return typeof v;
}

/** An error as one line: its class and message, never a stack. */
export function describeError(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${e.message.split('\n')[0]}`;
  return `a non-Error value (${describeValue(e)}: ${String(e).split('\n')[0]})`;
}

const fmt = (v: number): string => (Object.is(v, -0) ? '-0' : String(v));
/** Six significant digits for estimates and bounds (inputs are printed exactly, with fmt). */
const short = (v: number): string => String(Number(v.toPrecision(6)));

class Stop {
  constructor(readonly failure: Failure) {}
}

/**
 * Per-coordinate Welford accumulators for e_j = C(x)_j/s − u_j, the projection ⟨e, u⟩ and the ratio R.
 * Plain arrays of length d: no allocation per sample.
 */
class Moments {
  n = 0;
  readonly meanE: Float64Array;
  readonly m2E: Float64Array;
  meanP = 0;
  m2P = 0;
  meanR = 0;
  m2R = 0;
  maxR = 0;
  maxRAt = -1;
  constructor(d: number) {
    this.meanE = new Float64Array(d);
    this.m2E = new Float64Array(d);
  }
}

/**
 * Checks one input. Deterministic given (subject, x, key, budget): the Monte Carlo stream is foldIn(key, i) for
 * sample i, so fast-check can shrink a failing input and replays reproduce it.
 */
export function evaluateInput(subject: CheckSubject, x: Float64Array, k: Key, budget: SampleBudget, z: number = Z_DEFAULT): InputEvaluation {
  const d = subject.dim;
  if (x.length !== d) throw new RangeError(`evaluateInput: input has length ${x.length}, ${subject.name} has d=${d}`);
  const contract = subject.contract;
  const bound = ratioBound(contract, subject.name);
  const snapshot = copy(x);
  let calls = 0;
  const xs = (): readonly number[] => Array.from(snapshot);
  const fail = (kind: FailureKind, message: string, ratio?: RatioEstimate): Stop =>
    new Stop(ratio === undefined ? { kind, message, d, x: xs(), samples: calls } : { kind, message, d, x: xs(), samples: calls, ratio });

  const call = (kk: Key): { out: Float64Array; draws: number | undefined } => {
    calls++;
    let r;
    try {
      r = subject.run(x, kk);
    } catch (e) {
      if (e instanceof ContractDeclarationError) throw e;
      throw fail('threw', `compress threw ${describeError(e)}`);
    }
    if (!sameBits(x, snapshot)) {
      let j = 0;
      while (j < d && Object.is(x[j], snapshot[j])) j++;
      const written = x[j];
      x.set(snapshot); // restore, so the reported input is the one the compressor was given
      throw fail('purity', `compress wrote to its input: x[${j}] changed from ${fmt(snapshot[j])} to ${fmt(written)}`);
    }
    const out = r.output;
    if (out === x) throw fail('purity', 'compress returned its input array; it must return a new vector');
    if (!(out instanceof Float64Array)) throw fail('shape', `compress must return a Float64Array of length d=${d}, got ${describeValue(out)}`);
    if (out.length !== d) throw fail('shape', `compress returned a vector of length ${out.length}, expected d=${d}`);
    for (let j = 0; j < d; j++) {
      if (!Number.isFinite(out[j])) throw fail('finiteness', `compress returned ${out[j]} at index ${j} for a finite input`);
    }
    return { out, draws: r.draws };
  };

  try {
    const k0 = foldIn(k, 0);
    const first = call(k0);
    const second = call(k0);
    if (!sameBits(first.out, second.out)) {
      let j = 0;
      while (j < d && Object.is(first.out[j], second.out[j])) j++;
      throw fail(
        'reproducibility',
        `the same random stream gave different outputs (index ${j}: ${fmt(first.out[j])} then ${fmt(second.out[j])}); ` +
          'is randomness taken from somewhere other than the given source?',
      );
    }
    let deterministic = subject.deterministic || (first.draws === 0 && second.draws === 0);
    if (deterministic) {
      // One call is then taken as exact, so make sure the output really is fixed: a compressor drawing from a
      // hidden unseeded source (the global generator) repeats itself by chance, e.g. half the time at d = 2 with k = 1.
      for (let i = 0; i < DETERMINISM_REPEATS; i++) {
        const again = call(k0);
        if (!sameBits(first.out, again.out)) {
          let j = 0;
          while (j < d && Object.is(first.out[j], again.out[j])) j++;
          throw fail(
            'reproducibility',
            `the output changed between calls that drew nothing from the given source (index ${j}: ${fmt(first.out[j])} then ${fmt(again.out[j])}); ` +
              'is randomness taken from somewhere other than the given source?',
          );
        }
        if (again.draws !== undefined && again.draws > 0) deterministic = subject.deterministic;
      }
    }

    let allZero = true;
    for (let j = 0; j < d; j++) if (x[j] !== 0) allZero = false;
    if (allZero) {
      for (let j = 0; j < d; j++) {
        if (first.out[j] !== 0) throw fail('zero', `C(0) must be 0, got ${fmt(first.out[j])} at index ${j}`);
      }
      const ratio: RatioEstimate = { estimate: 0, low: 0, high: 0, bound, method: 'deterministic', samples: calls };
      return { d, x: snapshot, ratio, samples: calls, exact: true };
    }

    const absolute = contract.kind === 'absolute';
    const deltaSq = contract.kind === 'absolute' ? contract.deltaSq : 0;
    // Scale-free form: u = x/s with s a power of two, exact (docs/design.md §3).
    const s = absolute ? 1 : powerOfTwoScale(x);
    const u = new Float64Array(d);
    let uNormSq = 0;
    for (let j = 0; j < d; j++) {
      u[j] = x[j] / s;
      uNormSq += u[j] * u[j];
    }
    // Rounding allowances: recursive summation of d terms (γ_d ≈ d·ε, doubled for the products), and a few
    // subnormal quanta per coordinate, which only matter when x itself is subnormal.
    const epsD = 4 * (d + 8) * EPS;
    const eta = (8 * MIN_SUBNORMAL) / s;
    const norm = absolute ? (deltaSq > 0 ? deltaSq : 1) : uNormSq;
    const slack = (ratio: number): number => {
      const ratioTol = epsD * (2 * ratio + bound + 1);
      if (absolute) return ratioTol;
      return ratioTol + (2 * eta * Math.sqrt(d * Math.max(ratio, 0) * uNormSq) + d * eta * eta) / uNormSq;
    };
    const exceeds = (ratio: number): boolean => (absolute && deltaSq === 0 ? ratio > epsD : ratio > bound + slack(ratio));
    const coordTol = (j: number, m: number): number => epsD * (Math.abs(u[j]) + Math.abs(m)) + eta;

    /** ‖C(x) − x‖² on the checker's scale (scaled by s² or divided by deltaSq), for one output. */
    const ratioOf = (out: Float64Array): number => {
      let e = 0;
      for (let j = 0; j < d; j++) {
        const ej = out[j] / s - u[j];
        e += ej * ej;
      }
      return e / norm;
    };

    const describeContract = (): string =>
      contract.kind === 'contractive'
        ? `1 − alpha = ${short(bound)}`
        : contract.kind === 'unbiased'
          ? `omega = ${short(bound)}`
          : `deltaSq = ${deltaSq}`;
    const lhs = absolute ? '‖C(x) − x‖²/deltaSq' : 'E‖C(x) − x‖²/‖x‖²';

    const exactE: ExactMoments | undefined = !absolute && subject.expectation !== undefined ? subject.expectation(u) : undefined;

    if (exactE !== undefined) {
      // Exact path: the compressor's own enumeration, at u (compressors commute with powers of two).
      const m = exactE.mean;
      if (!(m instanceof Float64Array) || m.length !== d || !Number.isFinite(exactE.errorSq) || exactE.errorSq < 0) {
        throw fail('expectation-mismatch', `expectation() returned a malformed result (mean ${describeValue(m)}, errorSq ${exactE.errorSq})`);
      }
      const r = exactE.errorSq / uNormSq;
      const ratio: RatioEstimate = { estimate: r, low: r, high: r, bound, method: 'exact', samples: calls };
      if (exceeds(r)) throw fail('contract', `${lhs} = ${short(r)} (exact) > ${describeContract()}`, ratio);
      if (contract.kind === 'unbiased') {
        for (let j = 0; j < d; j++) {
          if (Math.abs(m[j] - u[j]) > coordTol(j, m[j])) {
            throw fail('bias', `E C(x) ≠ x (exact): coordinate ${j} has mean ${short(m[j] * s)}, x_j = ${fmt(x[j])}`, ratio);
          }
        }
      }
      // Cross-check the sampler against the enumeration.
      if (deterministic) {
        const rs = ratioOf(first.out);
        for (let j = 0; j < d; j++) {
          if (Math.abs(first.out[j] / s - m[j]) > coordTol(j, m[j])) {
            throw fail('expectation-mismatch', `compress(x)[${j}] = ${first.out[j]} but expectation() says ${m[j] * s} for a deterministic compressor`, ratio);
          }
        }
        if (Math.abs(rs - r) > slack(Math.max(rs, r))) {
          throw fail('expectation-mismatch', `compress gives ${lhs} = ${short(rs)}, expectation() says ${short(r)}`, ratio);
        }
        return { d, x: snapshot, ratio: { ...ratio, samples: calls }, samples: calls, exact: true };
      }
      monteCarlo(first.out);
      return { d, x: snapshot, ratio: { ...ratio, samples: calls }, samples: calls, exact: true };
    }

    if (deterministic) {
      const r = ratioOf(first.out);
      const ratio: RatioEstimate = { estimate: r, low: r, high: r, bound, method: 'deterministic', samples: calls };
      if (exceeds(r)) throw fail('contract', `${lhs} = ${short(r)} (deterministic) > ${absolute ? 1 : describeContract()}`, ratio);
      if (contract.kind === 'unbiased') {
        for (let j = 0; j < d; j++) {
          const cj = first.out[j] / s;
          if (Math.abs(cj - u[j]) > coordTol(j, cj)) {
            throw fail('bias', `E C(x) ≠ x: a deterministic compressor declared unbiased must return x, but C(x)[${j}] = ${fmt(first.out[j])}, x_j = ${fmt(x[j])}`, ratio);
          }
        }
      }
      return { d, x: snapshot, ratio, samples: calls, exact: true };
    }

    const est = monteCarlo(first.out);
    return { d, x: snapshot, ratio: { ...est, samples: calls }, samples: calls, exact: false };

    // ---- Monte Carlo (hoisted helpers) ----------------------------------------------------------------------

    /**
     * Samples compress at keys foldIn(k, 1..n), doubling n while an estimate is suspicious but not significant.
     * Without exactE it tests the contract and (unbiased) E C(x) = x; with exactE it tests agreement with it.
     * Throws a Stop on failure; returns the final estimate.
     */
    function monteCarlo(firstOut: Float64Array): RatioEstimate {
      const acc = new Moments(d);
      // Reference mean of e = C/s − u under the null: 0 (unbiased claim) or the enumerated bias.
      const ref = exactE === undefined ? undefined : exactE.mean;
      const testMean = contract.kind === 'unbiased' || ref !== undefined;
      // Under the null, E‖C − u‖² ≤ V‖u‖²… in scaled units: the variance of any projection ⟨e, v⟩ is at most
      // ‖v‖²·V. It floors the standard error, so that outcomes too rare to appear in n samples cannot fake a
      // bias: an unseen event of probability p moves a mean by at most sqrt(p·V)·‖v‖ (Cauchy–Schwarz).
      // The declared bound joins the exact errorSq because an exact errorSq can lose a rare outcome to rounding
      // (computed as E‖C‖² − ‖u‖², a subnormal share cancels), which fast-check finds at once: x = (4.4e-323, 1/8, 0).
      const varianceBound = Math.max(ref !== undefined ? exactE!.errorSq : 0, bound * uNormSq);
      // Bonferroni over d coordinates with the Chernoff tail exp(−z²/2): z_d² = z² + 2 ln d.
      const zD = Math.sqrt(z * z + 2 * Math.log(Math.max(d, 1)));
      let target = budget.samples;
      let next = 1;
      addSample(acc, firstOut, -1);
      while (true) {
        for (; acc.n < target; next++) {
          const { out } = call(foldIn(k, next));
          addSample(acc, out, next);
        }
        const n = acc.n;
        const seR = Math.sqrt(acc.m2R / (n - 1) / n);
        let suspicious = false;
        if (absolute) {
          if (exceeds(acc.maxR)) {
            throw fail('contract', `${lhs} = ${short(acc.maxR)} on sample ${acc.maxRAt} > 1 (${describeContract()})`, {
              estimate: acc.maxR, low: acc.maxR, high: acc.maxR, bound, method: 'every-sample', samples: calls,
            });
          }
          return { estimate: acc.maxR, low: acc.maxR, high: acc.maxR, bound, method: 'every-sample', samples: calls };
        }
        const est: RatioEstimate = { estimate: acc.meanR, low: acc.meanR - z * seR, high: acc.meanR + z * seR, bound, method: 'monte-carlo', samples: calls };
        const against = ref === undefined ? bound : exactE!.errorSq / uNormSq;
        // R ≥ 0, so outcomes too rare to show in n samples can only have pulled the sample mean *up*, by a factor
        // of at most 1/(1 − p*), where p* = ln(1e9)/n is the largest probability that stays unseen in n draws
        // with chance ≥ 1e-9 ((1 − p*)^n ≤ e^{−n·p*}). Without this, (1, ε, …, ε) under rand-1 at d = 100 reads
        // as ratio 1 with se = 0 against an exact 0.99.
        const unseen = Math.min(UNSEEN_LOG / n, 0.5);
        const ceiling = against / (1 - unseen) + slack(acc.meanR);
        if (acc.meanR - z * seR > ceiling) {
          throw ref === undefined
            ? fail('contract', `${lhs} ≈ ${short(acc.meanR)} ± ${z}·${short(seR)} (${n} samples) > ${describeContract()}`, est)
            : fail('expectation-mismatch', `compress gives ${lhs} ≈ ${short(acc.meanR)} ± ${z}·${short(seR)} (${n} samples), expectation() says ${short(against)}`, est);
        }
        if (acc.meanR - seR > against + slack(acc.meanR)) suspicious = true;
        if (testMean) {
          const floor = Math.sqrt(varianceBound / n);
          // Projection on u: the direction a mis-scaling shows up in.
          let refP = 0;
          let tolP = 0;
          for (let j = 0; j < d; j++) {
            const rj = ref === undefined ? 0 : ref[j] - u[j];
            refP += rj * u[j];
            tolP += Math.abs(u[j]) * coordTol(j, acc.meanE[j] + u[j]);
          }
          const seP = Math.sqrt(acc.m2P / (n - 1) / n);
          const devP = acc.meanP - refP;
          const thrP = z * (seP + floor * Math.sqrt(uNormSq)) + tolP;
          if (Math.abs(devP) > thrP) throw biasFailure(-1, devP, n, est);
          if (Math.abs(devP) > thrP / 2) suspicious = true;
          for (let j = 0; j < d; j++) {
            const rj = ref === undefined ? 0 : ref[j] - u[j];
            const dev = acc.meanE[j] - rj;
            const thr = zD * (Math.sqrt(acc.m2E[j] / (n - 1) / n) + floor) + coordTol(j, acc.meanE[j] + u[j]);
            if (Math.abs(dev) > thr) throw biasFailure(j, dev, n, est);
            if (Math.abs(dev) > thr / 2) suspicious = true;
          }
        }
        if (!suspicious || target >= budget.maxSamples) return est;
        target = Math.min(2 * target, budget.maxSamples);
      }
    }

    function biasFailure(j: number, dev: number, n: number, est: RatioEstimate): Stop {
      const where = j < 0 ? 'along x (⟨mean C(x) − x, x⟩)' : `at coordinate ${j}`;
      if (exactE !== undefined) {
        return fail('expectation-mismatch', `the sampled mean of C(x) differs from expectation() ${where} by ${short(dev * s)} (${n} samples, z=${z})`, est);
      }
      return fail('bias', `E C(x) ≠ x: the sampled mean deviates ${where} by ${short(j < 0 ? dev * s * s : dev * s)} (${n} samples, z=${z})`, est);
    }

    function addSample(acc: Moments, out: Float64Array, index: number): void {
      const n = ++acc.n;
      let e2 = 0;
      let p = 0;
      for (let j = 0; j < d; j++) {
        const ej = out[j] / s - u[j];
        e2 += ej * ej;
        p += ej * u[j];
        const delta = ej - acc.meanE[j];
        acc.meanE[j] += delta / n;
        acc.m2E[j] += delta * (ej - acc.meanE[j]);
      }
      const r = e2 / norm;
      const dr = r - acc.meanR;
      acc.meanR += dr / n;
      acc.m2R += dr * (r - acc.meanR);
      const dp = p - acc.meanP;
      acc.meanP += dp / n;
      acc.m2P += dp * (p - acc.meanP);
      if (r > acc.maxR) {
        acc.maxR = r;
        acc.maxRAt = index;
      }
    }
  } catch (e) {
    if (e instanceof Stop) return { d, x: snapshot, failure: e.failure, samples: calls, exact: false, ...(e.failure.ratio === undefined ? {} : { ratio: e.failure.ratio }) };
    throw e;
  }
}
