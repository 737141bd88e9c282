import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { key } from '../rng/key.ts';
import { topK } from './top-k.ts';

const k0 = key(0);
/** d, k ≤ d and a vector of length d with ties, zeros and mixed magnitudes. */
const instance = fc.integer({ min: 1, max: 40 }).chain((d) =>
  fc.tuple(
    fc.constant(d),
    fc.integer({ min: 1, max: d }),
    fc.array(fc.oneof(fc.integer({ min: -3, max: 3 }), fc.double({ min: -1e3, max: 1e3, noNaN: true })), {
      minLength: d,
      maxLength: d,
    }),
  ),
);

const sumSq = (v: ArrayLike<number>): number => Array.from(v).reduce((s, t) => s + t * t, 0);

describe('top-k (docs/theory.md §9.1 item 1)', () => {
  it('meets ‖C(x) − x‖² ≤ (1 − k/d)‖x‖² and keeps ‖C(x)‖² ≥ (k/d)‖x‖² on every input', () => {
    fc.assert(
      fc.property(instance, ([d, k, xs]) => {
        const x = Float64Array.from(xs);
        const c = topK(d, k).compress(x, k0);
        const err = sumSq(c.map((v, j) => v - x[j]));
        const norm = sumSq(x);
        expect(err).toBeLessThanOrEqual((1 - k / d) * norm + 1e-12 * norm + 1e-300);
        expect(sumSq(c)).toBeGreaterThanOrEqual((k / d) * norm - 1e-12 * norm - 1e-300);
      }),
    );
  });

  it('attains the bound with equality at all-equal magnitudes', () => {
    for (const [d, k] of [
      [16, 1],
      [16, 4],
      [16, 8],
      [10, 3],
      [7, 7],
    ]) {
      const x = Float64Array.from({ length: d }, (_, j) => (j % 2 === 0 ? 1 : -1));
      const c = topK(d, k).compress(x, k0);
      expect(sumSq(c.map((v, j) => v - x[j]))).toBe((1 - k / d) * d);
    }
  });

  it('is an orthogonal projection: ⟨C(x), x − C(x)⟩ = 0 exactly, and C(x)_j ∈ {x_j, 0}', () => {
    fc.assert(
      fc.property(instance, ([d, k, xs]) => {
        const x = Float64Array.from(xs);
        const c = topK(d, k).compress(x, k0);
        let inner = 0;
        for (let j = 0; j < d; j++) {
          expect(c[j] === x[j] || c[j] === 0).toBe(true);
          inner += c[j] * (x[j] - c[j]);
        }
        expect(inner).toBe(0);
      }),
    );
  });

  it('keeps exactly k entries (counting kept zeros), breaking ties by the lower index', () => {
    expect(Array.from(topK(5, 2).compress(Float64Array.of(1, -2, 2, 2, 0), k0))).toEqual([0, -2, 2, 0, 0]);
    expect(Array.from(topK(4, 3).compress(Float64Array.of(0, 5, 0, 0), k0))).toEqual([0, 5, 0, 0]);
    fc.assert(
      fc.property(instance, ([d, k, xs]) => {
        const x = Float64Array.from(xs);
        const c = topK(d, k).compress(x, k0);
        // The kept set is the first k indices of the order (|x| descending, index ascending).
        const order = Array.from({ length: d }, (_, j) => j).sort((a, b) => Math.abs(x[b]) - Math.abs(x[a]) || a - b);
        const kept = new Set(order.slice(0, k));
        for (let j = 0; j < d; j++) expect(c[j]).toBe(kept.has(j) ? x[j] : 0);
      }),
    );
  });

  it('is positively homogeneous: C(λx) = λC(x) exactly for powers of two, and for any λ > 0 without new ties', () => {
    fc.assert(
      fc.property(instance, fc.double({ min: 1e-3, max: 1e3, noNaN: true }), ([d, k, xs], lambda) => {
        const x = Float64Array.from(xs);
        const c = topK(d, k);
        const times = (s: number, v: Float64Array): number[] => Array.from(v, (t) => s * t);
        expect(Array.from(c.compress(Float64Array.from(times(4, x)), k0))).toEqual(times(4, c.compress(x, k0)));
        // x ↦ fl(λx) is monotone, so the order of magnitudes survives unless rounding creates a tie.
        const lx = Float64Array.from(times(lambda, x));
        const newTie = lx.some((v, i) =>
          lx.some((w, j) => Math.abs(v) === Math.abs(w) && Math.abs(x[i]) !== Math.abs(x[j])),
        );
        fc.pre(!newTie);
        expect(Array.from(c.compress(lx, k0))).toEqual(times(lambda, c.compress(x, k0)));
      }),
    );
  });

  it('reports k value/index pairs on the wire and rejects bad k and wrong input lengths', () => {
    expect(topK(1000, 10).bits(new Float64Array(1000))).toEqual({ values: 640, indices: 100 });
    expect(() => topK(5, 0)).toThrow(RangeError);
    expect(() => topK(5, 6)).toThrow(RangeError);
    expect(() => topK(5, 2).compress(new Float64Array(4), k0)).toThrow(/length 4, expected 5/);
  });
});
