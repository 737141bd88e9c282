/**
 * The contract checker's vocabulary: what it checks (a family of compressors indexed by dimension), how hard it
 * tries (effort), and what it answers (a JSON-serialisable verdict). One engine serves the properties, the CLI
 * and the library API.
 */
import type { Contract, ExactMoments } from '../compressors/types.ts';
import type { Key } from '../rng/key.ts';

/** One call of a compressor as the checker sees it: the raw return value, and how many uniforms it drew. */
export interface RunResult {
  /** Whatever compress returned; the checker validates type, length and finiteness itself. */
  readonly output: unknown;
  /** Uniforms drawn from the checker's source (user modules); undefined when not observable (built-ins). */
  readonly draws: number | undefined;
}

/** A compressor at one dimension, in the shape the engine drives (built-ins and user modules alike). */
export interface CheckSubject {
  readonly name: string;
  readonly dim: number;
  readonly contract: Contract;
  /** Declared key-independent (built-ins); user modules are judged by whether they drew any uniform. */
  readonly deterministic: boolean;
  /** Must not throw for the engine's sake: a compressor that throws is reported, so run rethrows as-is. */
  run(x: Float64Array, key: Key): RunResult;
  /** Exact E C(x) and E‖C(x) − x‖² when the compressor can enumerate them (src/compressors/types.ts). */
  expectation?(x: Float64Array): ExactMoments | undefined;
}

/** Something that gives a compressor and its declared contract for each dimension d. */
export interface CompressorFamily {
  readonly name: string;
  /** The compressor at dimension d; may throw a ContractDeclarationError for a malformed declaration. */
  at(d: number): CheckSubject;
  /** Dimensions where the family is defined (default: every d ≥ 1). */
  supports?(d: number): boolean;
  /** Smallest and largest dimension to try (a fixed-size compressor has minDim = maxDim). */
  readonly minDim?: number;
  readonly maxDim?: number;
  /** What `npm run efcheck -- compressor <target>` needs to replay this family (a module path or a spec). */
  readonly replayTarget?: string;
}

/** A user's contract declaration is malformed (alpha outside (0, 1], a function that throws, …): exit code 2. */
export class ContractDeclarationError extends Error {
  override readonly name = 'ContractDeclarationError';
}

export type Effort = 'quick' | 'default' | 'thorough';

export type FailureKind =
  /** E‖C(x) − x‖² exceeds the declared bound (or, absolute: one sample exceeds deltaSq). */
  | 'contract'
  /** E C(x) ≠ x for a compressor declared unbiased. */
  | 'bias'
  /** C(0) ≠ 0. */
  | 'zero'
  /** compress wrote to its input or returned the input array itself. */
  | 'purity'
  /** The same key (random stream) gave a different output. */
  | 'reproducibility'
  /** Output is not a Float64Array of length d. */
  | 'shape'
  /** Output has NaN or ±∞ for a finite input. */
  | 'finiteness'
  /** compress threw. */
  | 'threw'
  /** compress disagrees with the compressor's own exact expectation(). */
  | 'expectation-mismatch'
  /** One compress call ran past the time limit (a module run in a worker, check-module.ts). */
  | 'timeout';

/** A ratio estimate with its interval: exact/deterministic ones have low = high = estimate. */
export interface RatioEstimate {
  /** Scale-free: E‖C(x) − x‖²/‖x‖² (contractive, unbiased) or max ‖C(x) − x‖²/deltaSq (absolute). */
  readonly estimate: number;
  /** estimate ∓ z·se for Monte Carlo. */
  readonly low: number;
  readonly high: number;
  /** The declared bound on the same scale: 1 − alpha, omega, or 1 (absolute). */
  readonly bound: number;
  readonly method: 'exact' | 'deterministic' | 'monte-carlo' | 'every-sample';
  /** compress calls behind the estimate. */
  readonly samples: number;
}

export interface Failure {
  readonly kind: FailureKind;
  /** One line, no stack trace. */
  readonly message: string;
  readonly d: number;
  /** The input (raw scale) as plain numbers; -0 is kept as -0 by the text formatter. */
  readonly x: readonly number[];
  readonly ratio?: RatioEstimate;
  readonly samples: number;
}

/** The checker's answer; JSON-serialisable (plain numbers, strings and arrays). */
export interface CompressorVerdict {
  readonly name: string;
  readonly status: 'pass' | 'fail';
  /** Human-readable declared contract, e.g. 'contractive, alpha(d) = k/d: 0.25 at d=4'. */
  readonly contract: string;
  readonly contractKind: Contract['kind'];
  readonly seed: number;
  readonly effort: Effort;
  readonly z: number;
  readonly tried: {
    readonly dimensions: readonly number[];
    readonly inputs: number;
    /** compress calls in total. */
    readonly samples: number;
    /** Inputs whose ratio was exact (expectation() or a deterministic compressor). */
    readonly exactInputs: number;
    readonly climbSteps: number;
  };
  /** The largest ratio found against the declared bound (tightness = estimate/bound). */
  readonly worst?: RatioEstimate & { readonly d: number; readonly x: readonly number[]; readonly tightness: number };
  readonly failure?: Failure;
  /** Present when inputs were set aside under the range rule (judge-input.ts). */
  readonly range?: RangeNote;
  /** The command that replays this run, when the family has a replay target. */
  readonly replay?: string;
  readonly elapsedMs: number;
}

/**
 * The range rule at work (judge-input.ts): inputs whose output was non-finite only because their naive Σx_j²
 * overflows or underflows to 0 were set aside, and the contract was judged on the rest.
 */
export interface RangeNote {
  /** Inputs set aside, by where their Σx_j² fell. */
  readonly overflow: number;
  readonly underflow: number;
  /** Smallest and largest ‖x‖ among the non-zero inputs the contract was judged on. */
  readonly low: number;
  readonly high: number;
  /** 'non-finite output only where ‖x‖² overflows: judged on inputs with ‖x‖ in [a, b]' */
  readonly note: string;
}

/** How hard the checker tries; the budgets are in src/check/effort.ts. */
export interface Budget {
  /** fast-check runs over random inputs. */
  readonly runs: number;
  /** Monte Carlo samples per input before any escalation. */
  readonly samples: number;
  /** Escalation doubles the sample count up to this many while an estimate sits near its bound. */
  readonly maxSamples: number;
  /** Hill-climbing: starting points and proposals per start. */
  readonly climbStarts: number;
  readonly climbSteps: number;
  /** Dimensions of the known worst-case inputs. */
  readonly worstCaseDims: readonly number[];
  readonly maxDim: number;
}
