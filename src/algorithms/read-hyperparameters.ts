/**
 * Loose values by name → a method's typed hyperparameters, checked against its schema: every required one present,
 * each of its declared kind, and (when building) nothing the method does not take. Ranges are the factory's to check
 * (src/algorithms/validate.ts), so that a value is refused by one rule with one message wherever it comes from.
 * Errors are one-line RangeErrors naming the method.
 */
import { schemaEntries, type HyperparameterSchema, type HyperparameterSpec } from './hyperparameter-schema.ts';

/** What to do with a value the method does not take: refuse it (building), or ignore it (a theory step, where callers pass one set of values to every method). */
export type ForeignValues = 'reject' | 'ignore';

/** Names every method accepts besides its schema. */
const COMMON = new Set(['gamma', 'x0']);

function kindMismatch(spec: HyperparameterSpec, v: unknown): string | null {
  switch (spec.kind) {
    case 'number':
      return typeof v === 'number' ? null : 'a number';
    case 'randomness':
      return v === 'independent' || v === 'shared' ? null : "'independent' or 'shared'";
    case 'compressor':
      // Only the shape: theory-step callers pass a compressor reduced to its contract.
      return typeof v === 'object' && v !== null && 'contract' in v ? null : 'a compressor';
  }
}

/**
 * The schema's values in `values`: present and of their kind (undefined counts as absent, as JavaScript callers
 * write it). Narrows `picked` to H: the check below is exactly what H's type says.
 */
function assertHyperparameters<H>(
  id: string,
  schema: HyperparameterSchema<H>,
  picked: Readonly<Record<string, unknown>>,
): asserts picked is Readonly<Record<string, unknown>> & H {
  for (const spec of schemaEntries(schema)) {
    const v = picked[spec.name];
    if (v === undefined) {
      if (spec.required) throw new RangeError(`${id}: missing hyperparameter ${spec.name}`);
      continue;
    }
    const want = kindMismatch(spec, v);
    if (want !== null)
      throw new RangeError(
        `${id}: ${spec.name} must be ${want}, got ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`,
      );
  }
}

/**
 * @example
 * const schema = { p: { kind: 'number', required: true, symbol: 'p', doc: 'participation probability', range: { min: 0, max: 1, minOpen: true } } } as const;
 * readHyperparameters<{ p: number }>('ef21-pp', schema, { gamma: 0.1, p: 0.5 }, 'reject');
 * // returns { p: 0.5 }
 */
export function readHyperparameters<H>(
  id: string,
  schema: HyperparameterSchema<H>,
  values: Readonly<Record<string, unknown>>,
  foreign: ForeignValues,
): H {
  const entries = schemaEntries(schema);
  const names = new Set(entries.map((e) => e.name));
  if (foreign === 'reject') {
    for (const [k, v] of Object.entries(values)) {
      if (v !== undefined && !names.has(k) && !COMMON.has(k))
        throw new RangeError(`${id}: does not take ${k} (takes ${['gamma', ...names].join(', ')})`);
    }
  }
  const picked: Record<string, unknown> = {};
  for (const name of names) if (values[name] !== undefined) picked[name] = values[name];
  assertHyperparameters(id, schema, picked);
  return picked;
}
