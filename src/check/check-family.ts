/**
 * The checker's driver: known worst cases first (cheap, deterministic), then fast-check over random inputs
 * (shrinking a failure to a small readable counterexample), then hill-climbing from the worst inputs seen, each
 * end point re-checked with a fresh key. Returns a JSON-serialisable CompressorVerdict; the whole run is a deterministic
 * function of (family, seed, effort), so the replay command reproduces it. Every input goes through the range rule
 * (judge-input.ts): a non-finite output only where Σx_j² overflows or underflows to 0 sets the input aside, and the
 * verdict says on which norms the contract was judged.
 */
import fc from 'fast-check';
import { foldIn, key, type Key } from '../rng/key.ts';
import { Z_DEFAULT } from '../stats/mean-se.ts';
import { contractInput, hasSupportedDimension, scaledInput, type ContractInput } from './inputs/contract-input.ts';
import { budgetFor } from './effort.ts';
import type { InputEvaluation } from './evaluate-input.ts';
import { hillClimb } from './hill-climb.ts';
import { judgeInput, type Judgement } from './judge-input.ts';
import { rangeNote } from './range-note.ts';
import { replayCommand } from './replay-command.ts';
import { shrinkCounterexample } from './shrink-counterexample.ts';
import { absoluteWorstCaseInputs, worstCaseInputs } from './worst-case-inputs.ts';
import { describeContract } from './format-verdict.ts';
import { norm2 } from '../linalg/norms.ts';
import type {
  Budget,
  CheckSubject,
  CompressorFamily,
  Effort,
  Failure,
  RatioEstimate,
  CompressorVerdict,
} from './types.ts';

export interface CheckOptions {
  /** Seeds everything (fast-check, Monte Carlo, climbing); default 0. */
  readonly seed?: number;
  readonly effort?: Effort;
  /** Override parts of the effort's budget (e.g. a smaller maxDim in a quick spec). */
  readonly budget?: Partial<Budget>;
  readonly z?: number;
  /** Judge every input, a non-finite output where Σx_j² overflows or underflows to 0 included (judge-input.ts). */
  readonly strictRange?: boolean;
  /** The per-call time limit, in ms, that a worker enforces on this run (check-module.ts): named in the replay only. */
  readonly timeoutMs?: number;
  /** Told the running tally after every input (a worker mirrors it, so that a timeout verdict says how far it got). */
  readonly onProgress?: (tally: Progress) => void;
}

/** The counts of CompressorVerdict.tried that a run in progress has reached. */
export interface Progress {
  readonly inputs: number;
  readonly exactInputs: number;
  readonly climbSteps: number;
}

/** Phases of a run, as fold-in data of the root key. */
const PHASE_WORST = 1;
const PHASE_RANDOM = 2;
const PHASE_CLIMB = 3;
/** Evaluations the post-shrink may spend on a failing input. */
const SHRINK_BUDGET = 300;
const SHRINK_CALLS = 50_000;
/** Candidates fast-check may evaluate while shrinking. */
const FC_SHRINK_BUDGET = 200;

interface Candidate {
  readonly d: number;
  readonly x: Float64Array;
  readonly tightness: number;
}

const tightnessOf = (r: RatioEstimate): number => (r.bound > 0 ? r.estimate / r.bound : r.estimate <= 0 ? 1 : Infinity);

/** The raw input for a fast-check ContractInput: absolute contracts are tried near λ = sqrt(deltaSq/d), not at unit scale. */
export function rawInput(subject: CheckSubject, input: ContractInput): Float64Array {
  const c = subject.contract;
  if (c.kind !== 'absolute') return scaledInput(input);
  const lambda = c.deltaSq > 0 ? Math.sqrt(c.deltaSq / input.d) : 1;
  const factor = lambda * 2 ** (((input.exponent % 4) + 4) % 4);
  return Float64Array.from(input.unit, (v) => v * factor);
}

/**
 * Checks a family of compressors against its declared contract.
 * @example
 * checkFamily(compressorFamily('top-k(k=1)', (d) => topK(d, 1)), { seed: 1, effort: 'quick' }).status;
 * // returns 'pass'
 */
export function checkFamily(family: CompressorFamily, options: CheckOptions = {}): CompressorVerdict {
  const started = performance.now();
  const seed = options.seed ?? 0;
  if (!Number.isSafeInteger(seed) || seed < 0)
    throw new RangeError(`check: seed must be a non-negative safe integer, got ${seed}`);
  const effort = options.effort ?? 'default';
  const budget: Budget = { ...budgetFor(effort), ...options.budget };
  const z = options.z ?? Z_DEFAULT;
  const strictRange = options.strictRange === true;
  const root = key(seed);
  const minDim = Math.max(1, family.minDim ?? 1);
  const maxDim = Math.min(family.maxDim ?? Infinity, budget.maxDim);
  if (minDim > maxDim) throw new RangeError(`check: ${family.name} has no dimension in [${minDim}, ${maxDim}]`);
  const supports = (d: number): boolean =>
    d >= minDim && d <= maxDim && (family.supports === undefined || family.supports(d));
  // Without a supported dimension, fast-check's filter would reject every candidate forever (a hang, not a verdict).
  if (!hasSupportedDimension(minDim, maxDim, supports))
    throw new RangeError(`${family.name}: no supported dimension in [${minDim}, ${maxDim}]`);

  const dims = new Set<number>();
  let inputs = 0;
  let samples = 0;
  let exactInputs = 0;
  let climbSteps = 0;
  let worst: (RatioEstimate & { d: number; x: readonly number[]; tightness: number }) | undefined;
  let worstRank = -Infinity;
  const candidates: Candidate[] = [];
  let failure: Failure | undefined;
  let failing: { e: InputEvaluation; k: Key } | undefined;
  let firstSubject: CheckSubject | undefined;
  // The range rule's account: inputs set aside, and the norms of those judged.
  let overflow = 0;
  let underflow = 0;
  let lowNorm = Infinity;
  let highNorm = 0;

  const progress = (): void => options.onProgress?.({ inputs, exactInputs, climbSteps });
  const record = (e: InputEvaluation, k: Key): void => {
    dims.add(e.d);
    inputs++;
    samples += e.samples;
    if (e.exact) exactInputs++;
    const n = norm2(e.x);
    if (n > 0) {
      lowNorm = Math.min(lowNorm, n);
      highNorm = Math.max(highNorm, n);
    }
    if (e.failure !== undefined) {
      if (failure === undefined) {
        failure = e.failure;
        failing = { e, k };
      }
      return;
    }
    if (e.ratio === undefined) return;
    const tightness = tightnessOf(e.ratio);
    // Rank by the lower confidence bound, so Monte Carlo noise cannot make an input look tighter than it is.
    const rank = tightnessOf({ ...e.ratio, estimate: Math.max(0, e.ratio.low) });
    // On a tie prefer the larger bound: 0/0 at d = 1 (top-1, where α = 1) is "tight" but says nothing.
    const tie =
      worst !== undefined &&
      Math.abs(rank - worstRank) <= 1e-12 * Math.max(1, worstRank) &&
      e.ratio.bound > worst.bound;
    if (worst === undefined || rank > worstRank || tie) {
      worst = { ...e.ratio, d: e.d, x: Array.from(e.x), tightness };
      worstRank = rank;
    }
    candidates.push({ d: e.d, x: e.x, tightness });
  };
  /** A judgement into the tallies: the input set aside (if it was), then the evaluation the verdict counts. */
  const take = (j: Judgement, k: Key, d: number): void => {
    if (j.setAside !== undefined) {
      if (j.setAside.where === 'overflow') overflow++;
      else underflow++;
      dims.add(d);
      inputs++;
      samples += j.setAside.samples;
    }
    if (j.evaluation !== undefined) record(j.evaluation, k);
    progress();
  };
  const judge = (
    subject: CheckSubject,
    x: Float64Array,
    k: Key,
    b: { samples: number; maxSamples: number },
  ): Judgement => judgeInput(subject, x, k, b, z, strictRange);
  /** As an evaluation (for the shrinker): an input set aside without a twin counts as passing. */
  const judged = (
    subject: CheckSubject,
    x: Float64Array,
    k: Key,
    b: { samples: number; maxSamples: number },
  ): InputEvaluation => {
    const j = judge(subject, x, k, b);
    return j.evaluation ?? { d: x.length, x, samples: j.setAside?.samples ?? 0, exact: false };
  };
  const subjectAt = (d: number): CheckSubject => {
    const s = family.at(d);
    firstSubject ??= s;
    return s;
  };
  const full = { samples: budget.samples, maxSamples: budget.maxSamples };

  // 1. Known worst cases, smallest dimensions first so that a failure here is already readable.
  const worstDims = (budget.worstCaseDims.length === 0 ? [] : [...new Set([minDim, ...budget.worstCaseDims, maxDim])])
    .filter(supports)
    .sort((a, b) => a - b);
  let index = 0;
  outer: for (const d of worstDims) {
    const subject = subjectAt(d);
    const c = subject.contract;
    const list = c.kind === 'absolute' ? absoluteWorstCaseInputs(d, c.deltaSq) : worstCaseInputs(d);
    for (const input of list) {
      const k = foldIn(foldIn(root, PHASE_WORST), index++);
      take(judge(subject, input.x, k, full), k, d);
      if (failure !== undefined) break outer;
    }
  }

  // 2. fast-check over random inputs; the property is deterministic given the input, so failures shrink.
  if (failure === undefined && budget.runs > 0) {
    const kRandom = foldIn(root, PHASE_RANDOM);
    const arb = contractInput({ minDim, maxDim, supports });
    const keyOf = (input: ContractInput): Key => foldIn(kRandom, input.seed);
    // Once fast-check is shrinking, candidates get a smaller escalation cap and there is a cap on their number:
    // a cheap look is a prefix of the full sequence of looks, so a candidate that fails cheaply fails in full.
    let shrinkEvaluations = -1;
    const cheap = { samples: budget.samples, maxSamples: Math.min(budget.maxSamples, 4 * budget.samples) };
    const evaluate = (input: ContractInput, b = full): Judgement => {
      const subject = subjectAt(input.d);
      return judge(subject, rawInput(subject, input), keyOf(input), b);
    };
    const details = fc.check(
      fc.property(arb, (input) => {
        if (shrinkEvaluations >= FC_SHRINK_BUDGET) return true;
        const shrinking = shrinkEvaluations >= 0;
        if (shrinking) shrinkEvaluations++;
        const j = evaluate(input, shrinking ? cheap : full);
        const e = j.evaluation;
        if (e?.failure === undefined) {
          if (!shrinking) take(j, keyOf(input), input.d);
          return true;
        }
        samples += e.samples + (j.setAside?.samples ?? 0);
        inputs++;
        progress();
        if (!shrinking) shrinkEvaluations = 0;
        return false;
      }),
      { seed: seed % 0x80000000, numRuns: budget.runs },
    );
    if (details.failed) {
      if (details.counterexample === null) {
        const err: unknown = details.errorInstance;
        throw err instanceof Error ? err : new Error(String(err));
      }
      const input = details.counterexample[0];
      const j = evaluate(input);
      if (j.evaluation?.failure === undefined)
        throw new Error('check: the shrunk counterexample did not replay (engine bug)');
      take(j, keyOf(input), input.d);
    }
  }

  // 3. Hill-climbing from the tightest inputs (distinct dimensions first), each end re-checked with a fresh key.
  if (failure === undefined && budget.climbStarts > 0 && budget.climbSteps > 0) {
    const kClimb = foldIn(root, PHASE_CLIMB);
    const sorted = [...candidates].sort((a, b) => b.tightness - a.tightness);
    const starts: Candidate[] = [];
    const seen = new Set<number>();
    for (const c of sorted) {
      if (starts.length < budget.climbStarts && !seen.has(c.d)) {
        seen.add(c.d);
        starts.push(c);
      }
    }
    for (const c of sorted) if (starts.length < budget.climbStarts && !starts.includes(c)) starts.push(c);
    for (let i = 0; i < starts.length && failure === undefined; i++) {
      const subject = subjectAt(starts[i].d);
      const climbed = hillClimb(
        subject,
        starts[i].x,
        foldIn(foldIn(kClimb, i), 0),
        budget.climbSteps,
        budget.samples,
        strictRange,
      );
      climbSteps += climbed.steps;
      samples += climbed.samples;
      const k = foldIn(foldIn(kClimb, i), 1);
      take(judge(subject, climbed.x, k, full), k, starts[i].d);
    }
  }

  // 4. Fewer coordinates and simpler values for whatever failed, so the report ends on a readable input.
  if (failing !== undefined) {
    const { e, k } = failing;
    const scaleFree = family.at(e.d).contract.kind !== 'absolute';
    const shrunk = shrinkCounterexample(e, (x) => judged(subjectAt(x.length), x, k, full), {
      supports,
      scaleFree,
      budget: SHRINK_BUDGET,
      maxCalls: SHRINK_CALLS,
    });
    if (shrunk !== e && shrunk.failure !== undefined) {
      failure = shrunk.failure;
      dims.add(shrunk.d);
    }
  }

  const target = family.replayTarget;
  const maxDimFlag =
    options.budget?.maxDim !== undefined && options.budget.maxDim !== budgetFor(effort).maxDim
      ? { maxDim: options.budget.maxDim }
      : {};
  const replay =
    target === undefined
      ? undefined
      : replayCommand(target, {
          seed,
          effort,
          ...maxDimFlag,
          strictRange,
          ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
        });
  const range =
    overflow + underflow === 0 ? undefined : rangeNote({ overflow, underflow, low: lowNorm, high: highNorm });
  const subject = firstSubject ?? family.at(minDim);
  const verdict: CompressorVerdict = {
    name: family.name,
    status: failure === undefined ? 'pass' : 'fail',
    contract: describeContract(family, subject, [...dims]),
    contractKind: subject.contract.kind,
    seed,
    effort,
    z,
    tried: { dimensions: [...dims].sort((a, b) => a - b), inputs, samples, exactInputs, climbSteps },
    ...(worst === undefined ? {} : { worst }),
    ...(failure === undefined ? {} : { failure }),
    ...(range === undefined ? {} : { range }),
    ...(replay === undefined ? {} : { replay }),
    elapsedMs: Math.round(performance.now() - started),
  };
  return verdict;
}
