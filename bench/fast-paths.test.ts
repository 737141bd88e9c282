/**
 * The fast paths `npm run bench` measures are the reference definitions, bit for bit: the selection
 * routes of src/linalg/select.ts against a sort, top-k's compressSparse against its dense compress, and the EF21
 * round's sparse path against its dense path on the same compressor. Inputs carry ties, ±0, infinities and NaN, and
 * large-d cases reach the sampled route, including data laid out to defeat its strided sample.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ef21Round } from '../src/algorithms/ef21-round.ts';
import { topK } from '../src/compressors/top-k.ts';
import type { Compressor } from '../src/compressors/types.ts';
import { kthLargestMagnitude, largestMagnitudeIndices } from '../src/linalg/select.ts';
import { sameBits } from '../src/linalg/vector.ts';
import { key } from '../src/rng/key.ts';

/** The definition: indices ordered by |x_j| descending, then j ascending; the first k, ascending. */
function referenceIndices(x: Float64Array, k: number): number[] {
  const order = Array.from({ length: x.length }, (_, j) => j).sort((a, b) => Math.abs(x[b]) - Math.abs(x[a]) || a - b);
  return order.slice(0, k).sort((a, b) => a - b);
}

const entry = fc.oneof(
  fc.integer({ min: -3, max: 3 }),
  fc.constantFrom(-0, 0, Infinity, -Infinity),
  fc.double({ min: -1e3, max: 1e3, noNaN: true }),
);
/** Small d: the heap route (k ≤ 32) and the full route (k > 32). */
const small = fc
  .integer({ min: 1, max: 80 })
  .chain((d) => fc.tuple(fc.array(entry, { minLength: d, maxLength: d }), fc.integer({ min: 1, max: d })));
/**
 * Large d (sampled route when k > 32): a few distinct magnitudes for ties, spikes on a period that may match the
 * sample's stride (then the sample over-represents them and the route must fall back).
 */
const large = fc
  .record({
    d: fc.integer({ min: 4096, max: 20000 }),
    levels: fc.integer({ min: 1, max: 6 }),
    period: fc.constantFrom(1, 4, 16, 64, 97),
    spike: fc.double({ min: 1, max: 1e6, noNaN: true }),
    kFraction: fc.constantFrom(0.001, 0.01, 0.02, 0.05, 0.3),
    phase: fc.nat(1000),
  })
  .map(({ d, levels, period, spike, kFraction, phase }) => {
    const x = new Float64Array(d);
    for (let j = 0; j < d; j++) {
      const level = ((j * 2654435761 + phase) >>> 0) % levels;
      // Spikes come in three tied magnitudes, so the k-th magnitude often falls inside a tie among them.
      x[j] =
        (j + phase) % period === 0
          ? spike * (1 + (j % 3)) * (j % 2 === 0 ? 1 : -1)
          : (level - levels / 2) * (j % 3 === 0 ? -1 : 1);
    }
    return { x, k: Math.max(1, Math.min(d, Math.round(kFraction * d))) };
  });

describe('selection by magnitude (src/linalg/select.ts) equals the sort-based definition', () => {
  it('keeps the same indices and finds the same k-th magnitude for small d, with ties, ±0 and infinities', () => {
    fc.assert(
      fc.property(small, ([xs, k]) => {
        const x = Float64Array.from(xs);
        expect(Array.from(largestMagnitudeIndices(x, k))).toEqual(referenceIndices(x, k));
        const sorted = Array.from(x, Math.abs).sort((a, b) => b - a);
        expect(kthLargestMagnitude(x, k)).toBe(sorted[k - 1]);
      }),
    );
  });

  it('keeps the same indices for d ≥ 4096, where a strided sample sets the candidate threshold', () => {
    fc.assert(
      fc.property(large, ({ x, k }) => {
        expect(Array.from(largestMagnitudeIndices(x, k))).toEqual(referenceIndices(x, k));
      }),
      { numRuns: 60 },
    );
  });
});

/** The same compressor without its sparse fast path (the round then takes the dense path). */
function denseOnly(c: Compressor): Compressor {
  return {
    name: c.name,
    dim: c.dim,
    contract: c.contract,
    deterministic: c.deterministic,
    bits: (o) => c.bits(o),
    compress: (x, k) => c.compress(x, k),
  };
}

describe("top-k's compressSparse and the EF21 round's sparse path agree with the dense path bit for bit", () => {
  it('compressSparse lists the k entries compress keeps, ascending, with their values and the same bits', () => {
    fc.assert(
      fc.property(small, ([xs, k]) => {
        const x = Float64Array.from(xs);
        const c = topK(x.length, k);
        const dense = c.compress(x, key(0));
        const sparse = (c.compressSparse as NonNullable<Compressor['compressSparse']>)(x, key(0));
        const rebuilt = new Float64Array(x.length);
        sparse.indices.forEach((j, i) => {
          rebuilt[j] = sparse.values[i];
        });
        expect(sameBits(rebuilt, dense)).toBe(true);
        expect(sparse.indices.length).toBe(k);
        for (let i = 1; i < sparse.indices.length; i++)
          expect(sparse.indices[i]).toBeGreaterThan(sparse.indices[i - 1]);
        expect(sparse.bits).toEqual(c.bits(dense));
      }),
    );
  });

  it('gives the same g_i⁺, g⁺ and bits as the dense path, for function and array targets, weights and silent nodes', () => {
    const vec = (d: number) =>
      fc.array(fc.oneof(entry, fc.constant(-0)), { minLength: d, maxLength: d }).map((a) => Float64Array.from(a));
    const round = fc.integer({ min: 1, max: 40 }).chain((d) =>
      fc.record({
        k: fc.integer({ min: 1, max: d }),
        gi: fc.array(vec(d), { minLength: 1, maxLength: 4 }),
        g: vec(d),
        targets: fc.array(vec(d), { minLength: 4, maxLength: 4 }),
        weights: fc.option(fc.array(fc.double({ min: 0, max: 2, noNaN: true }), { minLength: 4, maxLength: 4 }), {
          nil: undefined,
        }),
        active: fc.option(fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }), { nil: undefined }),
        asArray: fc.boolean(),
      }),
    );
    fc.assert(
      fc.property(round, ({ k, gi, g, targets, weights, active, asArray }) => {
        const C = topK(g.length, k);
        const run = (c: Compressor) =>
          ef21Round({
            compressor: c,
            gi,
            g,
            kCompress: key(1),
            weights,
            active,
            target: asArray ? targets.slice(0, gi.length) : (i: number) => Float64Array.from(targets[i]),
          });
        const fast = run(C);
        const slow = run(denseOnly(C));
        expect(fast.gi.every((v, i) => sameBits(v, slow.gi[i]))).toBe(true);
        expect(sameBits(fast.g, slow.g)).toBe(true);
        expect(fast.bitsPerNode).toBe(slow.bitsPerNode);
        // Purity: a later round (which reuses the module's scratch) leaves these outputs alone.
        const before = fast.gi.map((v) => Float64Array.from(v));
        run(C);
        expect(fast.gi.every((v, i) => sameBits(v, before[i]))).toBe(true);
      }),
    );
  });
});
