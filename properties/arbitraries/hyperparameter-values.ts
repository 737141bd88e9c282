/**
 * Values for the hyperparameters a method declares, drawn from its schema (src/algorithms/methods/): numbers
 * uniformly across their declared range and at its closed ends (open ends excluded, unbounded integers kept small,
 * unbounded reals kept within three decades of 1), the randomness mode, and the compressors the caller supplies per
 * link (an unbiased one as its contractive view C/(ω + 1) where the schema asks for a contractive compressor, as
 * NEOLITHIC's does); optional ones are sometimes absent, except those whose default is the theory step's (a batch has
 * no problem to take it from, so they are always drawn). The batteries therefore exercise each method over exactly
 * the range it claims, without knowing which method it is.
 */
import fc from 'fast-check';
import {
  isFromTheory,
  type CompressorSpec,
  type NamedHyperparameter,
  type NumberRange,
} from '../../src/algorithms/hyperparameter-schema.ts';
import { asContractive } from '../../src/compressors/scaled.ts';
import type { Compressor } from '../../src/compressors/types.ts';

/** The compressors to hand to the uplink (the nodes') and downlink (the master's) compressor hyperparameters. */
export interface LinkCompressors {
  readonly uplink: Compressor;
  readonly downlink: Compressor;
}

/** Integers from an unbounded range stay within this many of the bound: large B_init only slows a run down. */
const INTEGER_SPAN = 2;

/**
 * Reals from an unbounded range lie in [10^−DECADES, 10^DECADES] above its finite end (log-uniform): a μ of 1e300 or
 * 5e-324 only over- or underflows the products a method forms from it, which tests floating point, not the method.
 */
const DECADES = 3;

/** Grid points strictly inside a bounded range: uniform in value, not in the doubles' bit patterns. */
const INTERIOR_STEPS = 2 ** 30;

function numberIn(range: NumberRange, integer: boolean): fc.Arbitrary<number> {
  const { min, max } = range;
  if (integer) {
    const low = range.minOpen === true ? min + 1 : min;
    const high = max === Infinity ? low + INTEGER_SPAN : range.maxOpen === true ? max - 1 : max;
    return fc.integer({ min: low, max: high });
  }
  if (Number.isFinite(min) && max === Infinity) {
    return fc
      .integer({ min: -INTERIOR_STEPS, max: INTERIOR_STEPS })
      .map((i) => min + 10 ** ((DECADES * i) / INTERIOR_STEPS));
  }
  if (!(Number.isFinite(min) && Number.isFinite(max))) {
    return fc.double({
      min,
      max,
      minExcluded: range.minOpen === true,
      maxExcluded: range.maxOpen === true,
      noNaN: true,
      noDefaultInfinity: true,
    });
  }
  // fc.double draws uniformly over representable doubles, so in (0, 1] almost every draw would be below 1e-10 (a
  // participation p that never lets a node send, a momentum η that never moves): draw uniformly in value instead, and
  // add the closed ends, where the boundary cases (p = 1, η = 0) live.
  const interior = fc.integer({ min: 1, max: INTERIOR_STEPS - 1 }).map((i) => min + (max - min) * (i / INTERIOR_STEPS));
  const ends = [...(range.minOpen === true ? [] : [min]), ...(range.maxOpen === true ? [] : [max])];
  return ends.length === 0
    ? interior
    : fc.oneof({ arbitrary: interior, weight: 4 }, { arbitrary: fc.constantFrom(...ends), weight: 1 });
}

/**
 * The compressor a spec gets from the caller's: as given, or the contractive view of an unbiased one where the spec
 * needs a contractive compressor. Any other mismatch is the caller's mistake, and says so.
 * @example
 * compressorFor({ kind: 'compressor', link: 'uplink', required: true, contract: 'contractive', symbol: 'C', doc: '' }, randK(4, 1, { scaled: true })).contract;
 * // returns { kind: 'contractive', alpha: 0.25 }
 */
export function compressorFor(spec: CompressorSpec, given: Compressor): Compressor {
  const needs = spec.contract;
  if (needs === undefined || given.contract.kind === needs) return given;
  if (needs === 'contractive' && given.contract.kind === 'unbiased') return asContractive(given);
  throw new RangeError(
    `hyperparameterValues: ${given.name} is ${given.contract.kind}, and the schema needs a ${needs} compressor`,
  );
}

function arbitraryFor(spec: NamedHyperparameter, compressors: LinkCompressors): fc.Arbitrary<unknown> {
  switch (spec.kind) {
    case 'number':
      return numberIn(spec.range, spec.integer === true);
    case 'compressor':
      return fc.constant(compressorFor(spec, spec.link === 'uplink' ? compressors.uplink : compressors.downlink));
    case 'randomness':
      return fc.constantFrom('independent', 'shared');
  }
}

/**
 * @example
 * fc.sample(hyperparameterValues(methodEntry('ef21-pp').schema, { uplink: topK(3, 1), downlink: topK(3, 2) }), 1)[0].p;
 * // returns a number in (0, 1]
 */
export function hyperparameterValues(
  schema: readonly NamedHyperparameter[],
  compressors: LinkCompressors,
): fc.Arbitrary<Readonly<Record<string, unknown>>> {
  const fields: Record<string, fc.Arbitrary<unknown>> = {};
  for (const spec of schema) fields[spec.name] = arbitraryFor(spec, compressors);
  // Optional hyperparameters are sometimes left out, so that the defaults the factories apply are run too.
  return fc.record(fields, { requiredKeys: schema.filter((s) => s.required || isFromTheory(s)).map((s) => s.name) });
}
