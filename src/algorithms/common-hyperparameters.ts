/**
 * Specs shared by many methods' schemas, written once so that the CLI's help and the arbitraries describe them the
 * same way everywhere. A method with a differently constrained parameter of the same name (EF21-HB's η) writes its
 * own spec.
 */
import type { CompressorSpec, NumberSpec, RandomnessSpec } from './hyperparameter-schema.ts';

export const UPLINK_COMPRESSOR: CompressorSpec<'required'> = { kind: 'compressor', link: 'uplink', required: true, symbol: 'C', doc: "the nodes' compressor" };

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
