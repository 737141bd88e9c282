/**
 * Shared pieces of the algorithm properties: unit-scale instances (PEPit's normalisation, docs/design.md §3), bitwise
 * state comparison, and the summand-scaled tolerance rule (rtol·Σ|summands| + tiny floor, never a bare constant).
 */
import fc from 'fast-check';
import { diagonalQuadratic } from '../../src/problems/diagonal-quadratic.ts';
import type { Problem } from '../../src/problems/types.ts';
import { key } from '../../src/rng/key.ts';
import { uniform } from '../../src/rng/sample.ts';
import { sameBits } from '../../src/linalg/vector.ts';

export interface InstanceSpec {
  readonly n: number;
  readonly d: number;
  /** Curvatures a_ij ∈ [0.1, 2] (every L_i > 0, so EF21-W applies). */
  readonly a: number[][];
  readonly b: number[][];
  readonly x0: number[];
}

const unit = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });

/** A separable quadratic with n ≤ 4 nodes in d ≤ 6 dimensions, coefficients at unit scale. */
export const instanceArb: fc.Arbitrary<InstanceSpec> = fc
  .record({ n: fc.integer({ min: 1, max: 4 }), d: fc.integer({ min: 1, max: 6 }) })
  .chain(({ n, d }) =>
    fc.record({
      n: fc.constant(n),
      d: fc.constant(d),
      a: fc.array(fc.array(unit(0.1, 2), { minLength: d, maxLength: d }), { minLength: n, maxLength: n }),
      b: fc.array(fc.array(unit(-1, 1), { minLength: d, maxLength: d }), { minLength: n, maxLength: n }),
      x0: fc.array(unit(-1, 1), { minLength: d, maxLength: d }),
    }),
  );

/**
 * A continuous random instance from a seed: exact ties between coordinates have probability 0, so comparisons of
 * two computations that round differently cannot flip a top-k selection (a tie broken by one ulp would).
 * `spread` multiplies node i's curvatures by spread^i, making the L_i heterogeneous.
 */
export function seededInstance(
  seed: number,
  n: number,
  d: number,
  spread = 1,
): { problem: Problem; x0: Float64Array; a: number[][]; b: number[][] } {
  const u = uniform(key(seed), 2 * n * d + d);
  const a: number[][] = [];
  const b: number[][] = [];
  for (let i = 0; i < n; i++) {
    a.push(Array.from({ length: d }, (_, j) => (0.1 + 1.9 * u[i * d + j]) * spread ** i));
    b.push(Array.from({ length: d }, (_, j) => 2 * u[n * d + i * d + j] - 1));
  }
  const x0 = Float64Array.from({ length: d }, (_, j) => 2 * u[2 * n * d + j] - 1);
  return { problem: diagonalQuadratic(a, b), x0, a, b };
}

export const seedArb: fc.Arbitrary<number> = fc.noShrink(fc.integer({ min: 0, max: 2 ** 31 - 1 }));

/** A deep copy of a state: vectors and arrays of vectors copied (structuredClone keeps Float64Array, −0 and NaN). */
export function deepCopy<S extends object>(state: S): S {
  return structuredClone(state);
}

/** The states a run kept (trajectory with keepStates), typed as the method's own. */
export function keptStates<S>(run: { readonly states?: readonly S[] }): readonly S[] {
  if (run.states === undefined)
    throw new Error('keptStates: the run was not asked to keep its states (keepStates: true)');
  return run.states;
}

/** Bitwise equality of two states field by field (Object.is on numbers: NaN = NaN, +0 ≠ −0). */
export function sameState(a: object, b: object): boolean {
  const ea = Object.entries(a);
  const fieldsOfB = new Map<string, unknown>(Object.entries(b));
  if (ea.length !== fieldsOfB.size) return false;
  for (const [k, v] of ea) {
    const w = fieldsOfB.get(k);
    if (v instanceof Float64Array) {
      if (!(w instanceof Float64Array) || !sameBits(v, w)) return false;
    } else if (Array.isArray(v)) {
      if (!Array.isArray(w) || v.length !== w.length) return false;
      for (let i = 0; i < v.length; i++) {
        const x: unknown = v[i];
        const y: unknown = w[i];
        if (x instanceof Float64Array ? !(y instanceof Float64Array && sameBits(x, y)) : !Object.is(x, y)) return false;
      }
    } else if (!Object.is(v, w)) return false;
  }
  return true;
}

/** Numeric equality entry by entry (+0 = −0), for identities that hold exactly but may flip the sign of a zero. */
export function sameValues(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let j = 0; j < a.length; j++) if (a[j] !== b[j]) return false;
  return true;
}

/**
 * |a_j − b_j| ≤ rtol·scale_j + 1e-300 for every j, where scale_j is the sum of the magnitudes of the summands
 * that built the values (docs/design.md §3). Returns the first offending index, or −1.
 */
export function firstMismatch(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  scale: ArrayLike<number>,
  rtol: number,
): number {
  if (a.length !== b.length) return 0;
  for (let j = 0; j < a.length; j++) if (!(Math.abs(a[j] - b[j]) <= rtol * scale[j] + 1e-300)) return j;
  return -1;
}
