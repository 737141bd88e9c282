/**
 * A Verdict is one checked inequality (or identity, or rate) with both sides, the tolerance and where it came from,
 * as JSON-serialisable data. The builders below are the only places where the verdict rules live:
 *   deterministic          lhs ≤ rhs + rtol·scale + floor       (scale = Σ|summands|, docs/design.md §3)
 *   identity               |lhs − rhs| ≤ rtol·scale + floor
 *   upper-in-expectation   refuted iff mean − z·se > bound      (src/stats/mean-se.ts, z = 6)
 *   lower-in-expectation   refuted iff mean + z·se < bound
 *   rate                   refuted iff the predicted exponent lies outside the fitted slope's z = 6-level
 *                          interval (Student t with the fit's dof; the 95% interval is carried for the report);
 *                          inconclusive when that interval is wider than ±1
 *   contract-check         decided by the compressor contract checker (src/check), whose numbers it carries
 * Where se rests on few samples, the expectation rules take the Student-t critical value of z (ExpectationInput.dof).
 * A 'may-fail' verdict is a teeth companion (docs/adversary.md, "teeth"): it runs where the theory allows failure and passes
 * when a violation IS found, so a suite that cannot fail shows up as a failed companion.
 */
import { refutesLowerBound, refutesUpperBound, Z_DEFAULT, type MeanSe } from '../stats/mean-se.ts';
import { zLevelInterval, type SlopeFit } from '../stats/log-log-fit.ts';
import { studentCritical } from '../stats/student-critical.ts';
import type { Budget, Provenance } from './claim.ts';

export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [k: string]: JsonValue };

/**
 * 'observed': a measurement shown with its numbers and intervals but not judged — its test has no stated power
 * (too few streams, no derived bound to compare with). It is never counted as a pass, and never fails.
 */
export type Status = 'pass' | 'fail' | 'inconclusive' | 'observed';
/** 'holds': the theory says the claim holds here. 'may-fail': the theory allows failure; finding one is the point. */
export type Expectation = 'holds' | 'may-fail';
export type Rule =
  | 'deterministic'
  | 'identity'
  | 'upper-in-expectation'
  | 'lower-in-expectation'
  | 'rate'
  | 'contract-check';
export type Relation = '≤' | '≥' | '=' | '∈';

/** Relative tolerance for floating-point rounding of the summands, and the absolute floor below it. */
export const DEFAULT_RTOL = 1e-12;
export const DEFAULT_FLOOR = 1e-300;

export interface Verdict {
  /** Theorem id (the registry key, used by --only). */
  readonly id: string;
  /** Which check of the theorem this is, e.g. 'random k-subsets' or 'teeth: (k−1)-sparse'. */
  readonly check: string;
  /** The claim as a formula, e.g. '‖p − TopK(p)‖² ≤ ‖p − p_S‖²'. */
  readonly claim: string;
  readonly rule: Rule;
  readonly relation: Relation;
  readonly status: Status;
  readonly expectation: Expectation;
  /** The data refute the claim as stated (for a 'may-fail' companion, this is what it hopes for). */
  readonly violated: boolean;
  /** Left side (the sample mean for expectations, the fitted slope for rates). */
  readonly lhs: number;
  /** Right side (the bound; the predicted exponent for rates). */
  readonly rhs: number;
  /** Room by which the point estimate satisfies the claim: rhs − lhs (≤), lhs − rhs (≥), −|lhs − rhs| (=),
   *  half-width − |slope − predicted| (∈). Negative: the point estimate is on the wrong side. */
  readonly slack: number;
  /** Magnitude the tolerance is relative to (Σ|summands|, or |mean| + |bound|). */
  readonly scale: number;
  /** What the slack is allowed to lose before the claim counts as refuted: rtol·scale + floor, z·se, or t·se. */
  readonly tolerance: number;
  /** Instances (deterministic) or samples (Monte Carlo) or points (rates) behind this verdict. */
  readonly samples: number;
  readonly z: number | null;
  readonly se: number | null;
  /** Two-sided confidence of a rate interval. */
  readonly confidence: number | null;
  readonly seed: number;
  readonly budget: Budget;
  readonly provenance: Provenance;
  readonly details: { readonly [k: string]: number };
  /** The instance that refutes the claim, when one was found (JSON: vectors as number arrays). */
  readonly counterexample?: JsonValue;
  /** The command that reproduces this verdict. */
  readonly replay: string;
  /** Why an 'observed' verdict is not judged (what power it lacks). */
  readonly observedBecause?: string;
}

/** What every builder needs besides the numbers. */
export interface VerdictContext {
  readonly id: string;
  readonly check: string;
  readonly claim: string;
  readonly seed: number;
  readonly budget: Budget;
  readonly provenance: Provenance;
  /** Default 'holds'. */
  readonly expectation?: Expectation;
  readonly details?: { readonly [k: string]: number };
  readonly counterexample?: JsonValue;
}

export function replayCommand(id: string, seed: number, budget: Budget): string {
  return `npm run report -- --only ${id} --seed ${seed} --budget ${budget}`;
}

/** The numbers a builder decides; the rest of a Verdict comes from the context. */
type Core = Pick<
  Verdict,
  | 'rule'
  | 'relation'
  | 'violated'
  | 'lhs'
  | 'rhs'
  | 'slack'
  | 'scale'
  | 'tolerance'
  | 'samples'
  | 'z'
  | 'se'
  | 'confidence'
> & {
  /** NaN or ±∞ where a number was needed: no evidence either way. */
  readonly degenerate: boolean;
};

function build(ctx: VerdictContext, core: Core, counterexample?: JsonValue): Verdict {
  const expectation = ctx.expectation ?? 'holds';
  const status: Status = core.degenerate
    ? 'inconclusive'
    : core.violated === (expectation === 'holds')
      ? 'fail'
      : 'pass';
  const { degenerate: _, ...rest } = core;
  const ce = counterexample ?? ctx.counterexample;
  return {
    id: ctx.id,
    check: ctx.check,
    claim: ctx.claim,
    ...rest,
    status,
    expectation,
    seed: ctx.seed,
    budget: ctx.budget,
    provenance: ctx.provenance,
    details: ctx.details ?? {},
    ...(ce !== undefined && core.violated ? { counterexample: ce } : {}),
    replay: replayCommand(ctx.id, ctx.seed, ctx.budget),
  };
}

export interface Sides {
  readonly lhs: number;
  readonly rhs: number;
  /** Σ|summands| of both sides; the tolerance is rtol·scale + floor. */
  readonly scale: number;
}

export interface ToleranceOptions {
  readonly rtol?: number;
  readonly floor?: number;
  /** How many instances this verdict summarises (default 1). */
  readonly samples?: number;
}

function tol(scale: number, o: ToleranceOptions): number {
  return (o.rtol ?? DEFAULT_RTOL) * Math.abs(scale) + (o.floor ?? DEFAULT_FLOOR);
}

const finite = (...xs: number[]): boolean => xs.every((x) => Number.isFinite(x));

/**
 * lhs ≤ rhs up to rounding.
 * @example
 * deterministicVerdict(ctx, { lhs: 1, rhs: 1 + 1e-14, scale: 2 }).status;
 * // returns 'pass'
 */
export function deterministicVerdict(ctx: VerdictContext, s: Sides, o: ToleranceOptions = {}): Verdict {
  const tolerance = tol(s.scale, o);
  return build(ctx, {
    rule: 'deterministic',
    relation: '≤',
    violated: s.lhs > s.rhs + tolerance,
    degenerate: !finite(s.lhs, s.rhs, s.scale),
    lhs: s.lhs,
    rhs: s.rhs,
    slack: s.rhs - s.lhs,
    scale: s.scale,
    tolerance,
    samples: o.samples ?? 1,
    z: null,
    se: null,
    confidence: null,
  });
}

/** lhs = rhs up to rounding (exact expectations, closed forms against simulation, metamorphic reductions). */
export function identityVerdict(ctx: VerdictContext, s: Sides, o: ToleranceOptions = {}): Verdict {
  const tolerance = tol(s.scale, o);
  const gap = Math.abs(s.lhs - s.rhs);
  return build(ctx, {
    rule: 'identity',
    relation: '=',
    violated: gap > tolerance,
    degenerate: !finite(s.lhs, s.rhs, s.scale),
    lhs: s.lhs,
    rhs: s.rhs,
    slack: -gap,
    scale: s.scale,
    tolerance,
    samples: o.samples ?? 1,
    z: null,
    se: null,
    confidence: null,
  });
}

/** One instance of a deterministic check; `instance` becomes the counterexample if this trial is the worst. */
export interface Trial extends Sides {
  readonly instance?: JsonValue;
}

/**
 * Many instances of one deterministic claim summarised by the worst one (smallest scale-free margin). The verdict
 * carries the worst trial's sides, `samples` = number of trials, `details.violations` = how many trials violated.
 */
export function verdictOverTrials(
  ctx: VerdictContext,
  rule: 'deterministic' | 'identity',
  trials: readonly Trial[],
  o: Omit<ToleranceOptions, 'samples'> = {},
): Verdict {
  if (trials.length === 0) throw new RangeError(`verdictOverTrials(${ctx.id}): need at least one trial`);
  let worst = 0;
  let worstMargin = Infinity;
  let violations = 0;
  for (let i = 0; i < trials.length; i++) {
    const t = trials[i];
    const room = tol(t.scale, o) - (rule === 'identity' ? Math.abs(t.lhs - t.rhs) : t.lhs - t.rhs);
    if (room < 0) violations++;
    // NaN margins sort first so that a degenerate trial is never hidden behind a healthy one.
    const margin = Number.isNaN(room) ? -Infinity : room / (Math.abs(t.scale) + (o.floor ?? DEFAULT_FLOOR));
    if (margin < worstMargin || i === 0) {
      worstMargin = margin;
      worst = i;
    }
  }
  const t = trials[worst];
  const withCount: VerdictContext = { ...ctx, details: { ...(ctx.details ?? {}), violations, worstTrial: worst } };
  const v =
    rule === 'identity'
      ? identityVerdict(withCount, t, { ...o, samples: trials.length })
      : deterministicVerdict(withCount, t, { ...o, samples: trials.length });
  return t.instance !== undefined && v.violated ? { ...v, counterexample: t.instance } : v;
}

export interface ExpectationInput {
  /** Sample mean, standard error and sample count of X (src/stats/mean-se.ts). */
  readonly stats: MeanSe;
  readonly bound: number;
  /** Default Z_DEFAULT = 6. */
  readonly z?: number;
  /**
   * Degrees of freedom of se when it is estimated from few samples (e.g. stats.n − 1 for a handful of paired
   * streams): the multiplier is then the Student-t critical value of z, not z (src/stats/student-critical.ts).
   * Leave it out for Monte Carlo means over thousands of samples, where the two agree to the third digit.
   */
  readonly dof?: number;
  /** Default |mean| + |bound|. */
  readonly scale?: number;
}

/**
 * One side of an expectation bound: E[X] ≤ bound (upper) or ≥ bound (lower), refuted only beyond multiplier·se,
 * the multiplier being z itself or, with `dof`, the Student-t critical value of z (recorded in the details).
 */
function expectationVerdict(context: VerdictContext, e: ExpectationInput, side: 'upper' | 'lower'): Verdict {
  const z = e.z ?? Z_DEFAULT;
  const multiplier = e.dof === undefined ? z : studentCritical(e.dof, z);
  const ctx =
    e.dof === undefined
      ? context
      : { ...context, details: { ...(context.details ?? {}), dof: e.dof, tCritical: multiplier } };
  const { mean, se, n } = e.stats;
  const upper = side === 'upper';
  return build(ctx, {
    rule: upper ? 'upper-in-expectation' : 'lower-in-expectation',
    relation: upper ? '≤' : '≥',
    violated: upper ? refutesUpperBound(e.stats, e.bound, multiplier) : refutesLowerBound(e.stats, e.bound, multiplier),
    degenerate: !finite(mean, se, e.bound) || n < 2,
    lhs: mean,
    rhs: e.bound,
    slack: upper ? e.bound - mean : mean - e.bound,
    scale: e.scale ?? Math.abs(mean) + Math.abs(e.bound),
    tolerance: multiplier * se,
    samples: n,
    z,
    se,
    confidence: null,
  });
}

/** E[X] ≤ bound, refuted only if mean − z·se > bound (t·se with `dof`). */
export function upperInExpectationVerdict(ctx: VerdictContext, e: ExpectationInput): Verdict {
  return expectationVerdict(ctx, e, 'upper');
}

/** E[X] ≥ bound, refuted only if mean + z·se < bound (t·se with `dof`). */
export function lowerInExpectationVerdict(ctx: VerdictContext, e: ExpectationInput): Verdict {
  return expectationVerdict(ctx, e, 'lower');
}

/**
 * Widest z = 6-level half-width a rate verdict may rest on: an exponent known only to ±1 cannot tell n^{-1} from
 * n^{-2}, so such a fit (few points: t₃ ≈ 1038) is inconclusive, never a pass.
 */
export const RATE_MAX_HALF_WIDTH = 1;

export interface RateOptions {
  /**
   * A stated resolution of the claim: exponents within `margin` of the prediction agree even when the data resolve
   * the difference (a law that holds up to lower-order terms). Default 0.
   */
  readonly margin?: number;
}

/** The predicted exponent lies in the fitted slope's z = 6-level interval (src/stats/log-log-fit.ts), ± the margin. */
export function rateVerdict(ctx: VerdictContext, fit: SlopeFit, predicted: number, o: RateOptions = {}): Verdict {
  // The verdict level is the suite's z = 6, not the fit's 95%: a 95% interval refutes a correct exponent on one
  // seed in twenty. The 95% interval stays in the details, where the report shows it beside the decision.
  const wide = zLevelInterval(fit, Z_DEFAULT);
  const margin = o.margin ?? 0;
  const scale = Math.abs(fit.slope) + Math.abs(predicted);
  // An exact power law has se = 0: rounding, not a zero-width interval, decides there.
  const half = Math.max(wide.tCritical * fit.slopeSe, DEFAULT_RTOL * scale) + margin;
  const details = {
    ...(ctx.details ?? {}),
    slopeLo: fit.slope - half,
    slopeHi: fit.slope + half,
    slopeLo95: fit.slopeLo,
    slopeHi95: fit.slopeHi,
    dof: fit.dof,
    tCritical: wide.tCritical,
    margin,
    r2: fit.r2,
    intercept: fit.intercept,
  };
  return build(
    { ...ctx, details },
    {
      rule: 'rate',
      relation: '∈',
      violated: Math.abs(fit.slope - predicted) > half,
      degenerate: !finite(fit.slope, fit.slopeSe, predicted, half) || half - margin > RATE_MAX_HALF_WIDTH,
      lhs: fit.slope,
      rhs: predicted,
      slack: half - Math.abs(fit.slope - predicted),
      scale,
      tolerance: half,
      samples: fit.n,
      z: Z_DEFAULT,
      se: fit.slopeSe,
      confidence: wide.confidence,
    },
  );
}

/**
 * A check that could not run (it threw): always a failure, never hidden. The message is the counterexample.
 */
export function errorVerdict(ctx: Omit<VerdictContext, 'expectation' | 'counterexample'>, message: string): Verdict {
  return {
    ...build(ctx, {
      rule: 'deterministic',
      relation: '≤',
      violated: true,
      degenerate: false,
      lhs: Number.NaN,
      rhs: Number.NaN,
      slack: Number.NaN,
      scale: Number.NaN,
      tolerance: Number.NaN,
      samples: 0,
      z: null,
      se: null,
      confidence: null,
    }),
    counterexample: `error: ${message}`,
  };
}

/** What the compressor checker (src/check) found for one family: its worst ratio against the declared bound. */
export interface ContractCheckInput {
  /** The checker's decision: a violation at z = 6 (Monte Carlo, with its rare-outcome allowance) or exactly. */
  readonly violated: boolean;
  /** Worst scale-free ratio found (E‖C(x) − x‖²/‖x‖², or ‖C(x) − x‖²/Δ² for absolute contracts). */
  readonly ratio: number;
  /** The declared bound on the same scale: 1 − α, ω, or 1. */
  readonly bound: number;
  /** Half-width of the ratio's interval (0 when exact). */
  readonly halfWidth: number;
  readonly samples: number;
  /** The checker's z (default 6): with halfWidth > 0 the report shows it and se = halfWidth/z. */
  readonly z?: number;
  /**
   * The worst ratio was computed, not sampled (an enumerated expectation or a deterministic compressor): the
   * report then shows se = 0 ("exact") instead of leaving z and se blank.
   */
  readonly exact?: boolean;
  /**
   * The whole allowance the checker judged the ratio with, on the ratio's scale (z·se plus its rounding
   * allowance); default halfWidth. Without it a pass within rounding shows a negative slack against tolerance 0.
   */
  readonly tolerance?: number;
}

/**
 * A verdict decided by the compressor contract checker, carried over with its numbers (its rule, with the
 * z = 6 bound, the rare-outcome allowance and the rounding tolerance, lives in src/check, not here).
 */
export function contractCheckVerdict(ctx: VerdictContext, c: ContractCheckInput): Verdict {
  return build(ctx, {
    rule: 'contract-check',
    relation: '≤',
    violated: c.violated,
    degenerate: !finite(c.ratio, c.bound),
    lhs: c.ratio,
    rhs: c.bound,
    slack: c.bound - c.ratio,
    scale: Math.abs(c.ratio) + Math.abs(c.bound),
    tolerance: c.tolerance ?? c.halfWidth,
    samples: c.samples,
    z: c.halfWidth > 0 ? (c.z ?? 6) : null,
    se: c.halfWidth > 0 ? c.halfWidth / (c.z ?? 6) : c.exact === true ? 0 : null,
    confidence: null,
  });
}

/**
 * The same numbers, reported as a measurement: status 'observed', with the reason it is not judged. Use it for a
 * comparison whose test cannot fail at this budget (state the power it lacks) or a quantity with no bound to meet.
 * @example
 * asObserved(pairedVerdict, 'paired t at z = 6 on 3 dof needs a 1038-se difference').status;
 * // returns 'observed'
 */
export function asObserved(v: Verdict, because: string): Verdict {
  const { counterexample: _, ...rest } = v;
  return { ...rest, status: 'observed', observedBecause: because };
}

export interface VerdictSummary {
  readonly total: number;
  readonly pass: number;
  readonly fail: number;
  readonly inconclusive: number;
  /** Measurements shown but not judged: never counted as passes. */
  readonly observed: number;
  /**
   * No 'fail' and no 'inconclusive': every 'holds' check held and every 'may-fail' companion found its violation.
   * An inconclusive check (non-finite sides) proves nothing, so it does not count as ok.
   */
  readonly ok: boolean;
}

export function summarizeVerdicts(vs: readonly Verdict[]): VerdictSummary {
  let pass = 0;
  let fail = 0;
  let inconclusive = 0;
  let observed = 0;
  for (const v of vs) {
    if (v.status === 'pass') pass++;
    else if (v.status === 'fail') fail++;
    else if (v.status === 'observed') observed++;
    else inconclusive++;
  }
  return { total: vs.length, pass, fail, inconclusive, observed, ok: fail === 0 && inconclusive === 0 };
}
