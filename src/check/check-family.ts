/**
 * The checker's driver: known worst cases first (cheap, deterministic), then fast-check over random inputs
 * (shrinking a failure to a small readable counterexample), then hill-climbing from the worst inputs seen, each
 * end point re-checked with a fresh key. Returns a JSON-serialisable Verdict; the whole run is a deterministic
 * function of (family, seed, effort), so the replay command reproduces it.
 */
import fc from 'fast-check';
import { foldIn, key, type Key } from '../rng/key.ts';
import { Z_DEFAULT } from '../stats/mean-se.ts';
import { contractInput, hasSupportedDimension, scaledInput, type ContractInput } from './inputs/contract-input.ts';
import { budgetFor } from './effort.ts';
import { evaluateInput, type InputEvaluation } from './evaluate-input.ts';
import { hillClimb } from './hill-climb.ts';
import { shrinkCounterexample } from './shrink-counterexample.ts';
import { absoluteWorstCaseInputs, worstCaseInputs } from './worst-case-inputs.ts';
import { describeContract } from './format-verdict.ts';
import type { Budget, CheckSubject, CompressorFamily, Effort, Failure, RatioEstimate, Verdict } from './types.ts';

export interface CheckOptions {
  /** Seeds everything (fast-check, Monte Carlo, climbing); default 0. */
  readonly seed?: number;
  readonly effort?: Effort;
  /** Override parts of the effort's budget (e.g. a smaller maxDim in a quick spec). */
  readonly budget?: Partial<Budget>;
  readonly z?: number;
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
export function checkFamily(family: CompressorFamily, options: CheckOptions = {}): Verdict {
  const started = performance.now();
  const seed = options.seed ?? 0;
  if (!Number.isSafeInteger(seed) || seed < 0) throw new RangeError(`check: seed must be a non-negative safe integer, got ${seed}`);
  const effort = options.effort ?? 'default';
  const budget: Budget = { ...budgetFor(effort), ...options.budget };
  const z = options.z ?? Z_DEFAULT;
  const root = key(seed);
  const minDim = Math.max(1, family.minDim ?? 1);
  const maxDim = Math.min(family.maxDim ?? Infinity, budget.maxDim);
  if (minDim > maxDim) throw new RangeError(`check: ${family.name} has no dimension in [${minDim}, ${maxDim}]`);
  const supports = (d: number): boolean => d >= minDim && d <= maxDim && (family.supports === undefined || family.supports(d));
  // Without a supported dimension, fast-check's filter would reject every candidate forever (a hang, not a verdict).
  if (!hasSupportedDimension(minDim, maxDim, supports)) throw new RangeError(`${family.name}: no supported dimension in [${minDim}, ${maxDim}]`);

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

  const record = (e: InputEvaluation, k: Key): void => {
    dims.add(e.d);
    inputs++;
    samples += e.samples;
    if (e.exact) exactInputs++;
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
    const tie = worst !== undefined && Math.abs(rank - worstRank) <= 1e-12 * Math.max(1, worstRank) && e.ratio.bound > worst.bound;
    if (worst === undefined || rank > worstRank || tie) {
      worst = { ...e.ratio, d: e.d, x: Array.from(e.x), tightness };
      worstRank = rank;
    }
    candidates.push({ d: e.d, x: e.x, tightness });
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
      record(evaluateInput(subject, input.x, k, full, z), k);
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
    const evaluate = (input: ContractInput, b = full): InputEvaluation => {
      const subject = subjectAt(input.d);
      return evaluateInput(subject, rawInput(subject, input), keyOf(input), b, z);
    };
    const details = fc.check(
      fc.property(arb, (input) => {
        if (shrinkEvaluations >= FC_SHRINK_BUDGET) return true;
        const shrinking = shrinkEvaluations >= 0;
        if (shrinking) shrinkEvaluations++;
        const e = evaluate(input, shrinking ? cheap : full);
        if (e.failure === undefined) {
          if (!shrinking) record(e, keyOf(input));
        } else {
          samples += e.samples;
          inputs++;
          if (!shrinking) shrinkEvaluations = 0;
        }
        return e.failure === undefined;
      }),
      { seed: seed % 0x80000000, numRuns: budget.runs },
    );
    if (details.failed) {
      if (details.counterexample === null) {
        const err: unknown = details.errorInstance;
        throw err instanceof Error ? err : new Error(String(err));
      }
      const e = evaluate(details.counterexample[0]);
      if (e.failure === undefined) throw new Error('check: the shrunk counterexample did not replay (engine bug)');
      record(e, keyOf(details.counterexample[0]));
    }
  }

  // 3. Hill-climbing from the tightest inputs (distinct dimensions first), each end re-checked with a fresh key.
  if (failure === undefined && budget.climbStarts > 0 && budget.climbSteps > 0) {
    const kClimb = foldIn(root, PHASE_CLIMB);
    const sorted = [...candidates].sort((a, b) => b.tightness - a.tightness);
    const starts: Candidate[] = [];
    const seen = new Set<number>();
    for (const c of sorted) if (starts.length < budget.climbStarts && !seen.has(c.d)) (seen.add(c.d), starts.push(c));
    for (const c of sorted) if (starts.length < budget.climbStarts && !starts.includes(c)) starts.push(c);
    for (let i = 0; i < starts.length && failure === undefined; i++) {
      const subject = subjectAt(starts[i].d);
      const climbed = hillClimb(subject, starts[i].x, foldIn(foldIn(kClimb, i), 0), budget.climbSteps, budget.samples);
      climbSteps += climbed.steps;
      samples += climbed.samples;
      const k = foldIn(foldIn(kClimb, i), 1);
      record(evaluateInput(subject, climbed.x, k, full, z), k);
    }
  }

  // 4. Fewer coordinates and simpler values for whatever failed, so the report ends on a readable input.
  if (failing !== undefined) {
    const { e, k } = failing;
    const scaleFree = family.at(e.d).contract.kind !== 'absolute';
    const shrunk = shrinkCounterexample(e, (x) => evaluateInput(subjectAt(x.length), x, k, full, z), { supports, scaleFree, budget: SHRINK_BUDGET, maxCalls: SHRINK_CALLS });
    if (shrunk !== e && shrunk.failure !== undefined) {
      failure = shrunk.failure;
      dims.add(shrunk.d);
    }
  }

  const target = family.replayTarget;
  const replay =
    target === undefined
      ? undefined
      : `npm run efcheck -- compressor ${/^[\w./@:=,+-]+$/.test(target) ? target : JSON.stringify(target)} --seed ${seed}${effort === 'default' ? '' : ` --effort ${effort}`}`;
  const subject = firstSubject ?? family.at(minDim);
  const verdict: Verdict = {
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
    ...(replay === undefined ? {} : { replay }),
    elapsedMs: Math.round(performance.now() - started),
  };
  return verdict;
}
