/**
 * Specs shared by many methods' schemas, written once so that the CLI's help and the arbitraries describe them the
 * same way everywhere. A method with a differently constrained parameter of the same name (EF21-HB's η) writes its
 * own spec.
 */
import type { CompressorSpec, NumberSpec, RandomnessSpec } from './hyperparameter-schema.ts';

export const UPLINK_COMPRESSOR: CompressorSpec<'required'> = {
  kind: 'compressor',
  link: 'uplink',
  required: true,
  symbol: 'C',
  doc: "the nodes' compressor",
};

export const RANDOMNESS: RandomnessSpec<'optional'> = {
  kind: 'randomness',
  required: false,
  default: 'independent',
  symbol: 'randomness',
  doc: 'compressor randomness across nodes: independent draws or one shared draw (docs/theory.md §1.3)',
};

/** η ∈ (0, 1] of the momentum methods (src/algorithms/validate.ts requireEta): η = 1 switches momentum off. */
export const MOMENTUM_ETA: NumberSpec<'required'> = {
  kind: 'number',
  required: true,
  symbol: 'η',
  doc: 'momentum weight',
  range: { min: 0, max: 1, minOpen: true },
};

/** B_init, the initial minibatch of EF21-SGDM/SGD2M (docs/theory.md §5.1). */
export const B_INIT: NumberSpec<'optional'> = {
  kind: 'number',
  required: false,
  default: 1,
  integer: true,
  symbol: 'B_init',
  doc: 'initial minibatch size',
  range: { min: 1, max: Infinity },
};

/**
 * μ, the strong convexity of f an accelerated method is tuned for (ADIANA's coupling, AGD's momentum). It is the
 * method's to use, so it is a hyperparameter; when not given, the theory step takes the problem's μ, and on a problem
 * that does not know it says so and names --mu.
 */
export const STRONG_CONVEXITY: NumberSpec<'optional'> = {
  kind: 'number',
  required: false,
  default: 'theory',
  rule: "the problem's μ",
  symbol: 'μ',
  doc: 'strong convexity of f the method is tuned for',
  range: { min: 0, max: Infinity, minOpen: true },
};

/** α ∈ [0, 1], the step of DIANA-style shifts h_i⁺ = h_i + αΔ_i (α = 0 freezes them); the theory step's is 1/(1 + ω). */
export const SHIFT_STEP: NumberSpec<'optional'> = {
  kind: 'number',
  required: false,
  default: 'theory',
  rule: '1/(1 + ω) of the compressor',
  symbol: 'α',
  doc: 'shift step',
  range: { min: 0, max: 1 },
};
