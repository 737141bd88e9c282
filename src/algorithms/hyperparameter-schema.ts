/**
 * The hyperparameter schema of a method: which hyperparameters it takes besides γ and x⁰, their kinds (a number with
 * its range, a compressor and the link it compresses, the compressors' randomness across nodes) and whether each is
 * required, optional with a default, or optional with the theory step's value (FromTheory: DIANA's α = 1/(1 + ω)).
 * A schema is typed against the method's own parameter type, so a schema that forgets a hyperparameter, gives it
 * the wrong kind or the wrong optionality does not compile; the CLI, the arbitraries of the property batteries and
 * the help text all read it instead of knowing methods by id.
 */
import type { Compressor, Contract } from '../compressors/types.ts';
import type { ReadonlyVector } from '../linalg/vector.ts';
import type { Randomness } from './validate.ts';

/** An interval of the real line; an open end excludes its bound. */
export interface NumberRange {
  readonly min: number;
  readonly max: number;
  readonly minOpen?: boolean;
  readonly maxOpen?: boolean;
}

interface SpecBase {
  /** The paper's symbol, as reports and messages print it: 'η', 'p', 'B_init', 'C_M'. */
  readonly symbol: string;
  /** What it is, in a few words (help text). */
  readonly doc: string;
}

interface Required {
  readonly required: true;
}

interface Optional<Default> {
  readonly required: false;
  /** The value the method uses when none is given (recorded by `efcheck run`; never inserted into the params). */
  readonly default: Default;
}

/**
 * A number with no fixed default: when the caller gives none, the method's theory step sets it from the problem and
 * the other hyperparameters (TheoryRule.hyperparameters: DIANA's α = 1/(1 + ω), ADIANA's and AGD's μ = the problem's).
 * `efcheck run` fills it in from the rule; a build without it is refused (paramsOf), since a build has no problem.
 */
export interface FromTheory {
  readonly required: false;
  readonly default: 'theory';
  /** The rule's value in words, for the help text and messages: '1/(1 + ω) of the compressor'. */
  readonly rule: string;
}

interface NumberBase extends SpecBase {
  readonly kind: 'number';
  /** The values the method accepts (its factory refuses the others; registry.test.ts checks the two agree). */
  readonly range: NumberRange;
  readonly integer?: boolean;
}

interface CompressorBase extends SpecBase {
  readonly kind: 'compressor';
  /** Uplink: the nodes' messages to the master; downlink: the master's broadcast (EF21-BC's C_M). */
  readonly link: 'uplink' | 'downlink';
  /**
   * The contract the method's factory requires of this compressor (NEOLITHIC's R = ⌈1/α⌉ needs a contractive α);
   * absent: any. The CLI refuses another up front, naming the contractive view of an unbiased one; the arbitraries
   * hand over that view (registry.test.ts checks the factory refuses what the schema excludes).
   */
  readonly contract?: Contract['kind'];
}

interface RandomnessBase extends SpecBase {
  readonly kind: 'randomness';
}

// Each spec is a conditional on its optionality (not an intersection with one), so that TypeScript can see every
// schema of any method as a record of HyperparameterSpec (see schemaEntries).
export type NumberSpec<Presence = 'required' | 'optional'> = Presence extends 'required'
  ? NumberBase & Required
  : NumberBase & (Optional<number> | FromTheory);
export type CompressorSpec<Presence = 'required' | 'optional'> = Presence extends 'required'
  ? CompressorBase & Required
  : CompressorBase & Optional<'none'>;
export type RandomnessSpec<Presence = 'required' | 'optional'> = Presence extends 'required'
  ? RandomnessBase & Required
  : RandomnessBase & Optional<Randomness>;

/** Any hyperparameter's spec. */
export type HyperparameterSpec = NumberSpec | CompressorSpec | RandomnessSpec;

/** The spec a value type calls for: number → NumberSpec, Compressor → CompressorSpec, Randomness → RandomnessSpec. */
type SpecFor<Value, Presence> = [Value] extends [number]
  ? NumberSpec<Presence>
  : [Value] extends [Compressor]
    ? CompressorSpec<Presence>
    : [Value] extends [Randomness]
      ? RandomnessSpec<Presence>
      : never;

/**
 * One spec per hyperparameter of H, of the kind H's value type calls for, required exactly when H requires it.
 * Declaration order is the order the CLI and reports list them in.
 */
export type HyperparameterSchema<H> = {
  readonly [K in keyof H]-?: SpecFor<Exclude<H[K], undefined>, undefined extends H[K] ? 'optional' : 'required'>;
};

/** A method's hyperparameters: its parameters without the step size γ and the start x⁰, which every method takes. */
export type Hyperparameters<Params> = Omit<Params, 'gamma' | 'x0'>;

/** What every method takes besides its hyperparameters. */
export interface CommonParams {
  readonly gamma: number;
  readonly x0?: ReadonlyVector;
}

/** The full parameters of a method with hyperparameters H. */
export type ParamsOf<H> = H & CommonParams;

/** Loose values by name, as the CLI, the batteries or a JavaScript caller hold them; read against a schema. */
export interface HyperparameterValues {
  readonly gamma: number;
  readonly x0?: ReadonlyVector | undefined;
  readonly [name: string]: unknown;
}

/** A spec with its hyperparameter's name. */
export type NamedHyperparameter = HyperparameterSpec & { readonly name: string };

/** Whether a spec's default is the theory step's (FromTheory) rather than a fixed value. */
export function isFromTheory(spec: HyperparameterSpec): spec is NumberBase & FromTheory {
  return spec.kind === 'number' && !spec.required && spec.default === 'theory';
}

/** The schema as a list, in declaration order: what generic code (CLI, arbitraries, tests) iterates. */
export function schemaEntries<H>(schema: HyperparameterSchema<H>): NamedHyperparameter[] {
  const specs: Readonly<Record<string, HyperparameterSpec>> = schema;
  return Object.entries(specs).map(([name, spec]) => ({ ...spec, name }));
}

/**
 * An interval in the usual notation.
 * @example
 * formatRange({ min: 0, max: 1, minOpen: true });
 * // returns '(0, 1]'
 */
export function formatRange(range: NumberRange): string {
  return `${range.minOpen === true ? '(' : '['}${range.min}, ${range.max === Infinity ? '∞' : range.max}${range.maxOpen === true || range.max === Infinity ? ')' : ']'}`;
}

/** Whether v lies in the range (NaN never does). */
export function inRange(range: NumberRange, v: number): boolean {
  const aboveMin = range.minOpen === true ? v > range.min : v >= range.min;
  const belowMax = range.maxOpen === true ? v < range.max : v <= range.max;
  return aboveMin && belowMax;
}
