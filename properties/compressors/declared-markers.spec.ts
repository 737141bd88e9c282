/**
 * The markers a compressor declares besides its contract are data too (docs/design.md §2.3), and other code trusts
 * them: `deterministic` (types.ts: the output ignores the key; compose.ts takes exact moments only then) and
 * `coordinateProjection` (projection.ts: C(x)_j ∈ {x_j, 0}; compose.ts rules 1–2 need it). Both directions are
 * checked over the whole catalogue (every registry example, the edge parameters where a marker flips, and the
 * combinator specs): a marker that is declared must hold, and one that holds (on generic inputs) must be declared.
 * Last, C(0) = 0 with exact moments (0, 0): every contract E‖C(0) − 0‖² ≤ c·0 forces it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dimension } from '../../src/check/inputs/dimension.ts';
import { bernoulliSparsifier } from '../../src/compressors/bernoulli.ts';
import { compose } from '../../src/compressors/compose.ts';
import { hardThreshold } from '../../src/compressors/hard-threshold.ts';
import { identity } from '../../src/compressors/identity.ts';
import { natural } from '../../src/compressors/natural.ts';
import { isCoordinateProjection } from '../../src/compressors/projection.ts';
import {
  combinatorSpecs,
  compressorRegistry,
  parseCompressorSpec,
  type SpecParams,
} from '../../src/compressors/registry.ts';
import type { Compressor } from '../../src/compressors/types.ts';
import { sameBits, type ReadonlyVector } from '../../src/linalg/vector.ts';
import { foldIn, key, type Key } from '../../src/rng/key.ts';
import { normal } from '../../src/rng/sample.ts';

interface CatalogueItem {
  readonly c: Compressor;
  /** True for the compressors that are coordinate projections by construction (projection.ts header). */
  readonly knownProjection: boolean;
}

const PROJECTION_IDS = new Set(['top-k', 'bernoulli', 'hard-threshold', 'identity']);

/** Extra parameter sets where a marker flips: Bernoulli with p = 1 and rand-k / top-k with k = d keep everything. */
const edgeParams = (d: number): readonly { id: string; params: SpecParams }[] => [
  { id: 'bernoulli', params: { p: 1 } },
  { id: 'rand-k', params: { k: d } },
  { id: 'rand-k', params: { k: d, scaled: true } },
  { id: 'top-k', params: { k: d } },
];

function catalogue(d: number): CatalogueItem[] {
  const atoms = [
    ...compressorRegistry.flatMap((e) => e.examples(d).map((params) => ({ id: e.id, params }))),
    ...edgeParams(d),
  ];
  return [
    ...atoms.map(({ id, params }) => {
      const entry = compressorRegistry.find((e) => e.id === id);
      if (entry === undefined) throw new RangeError(`declared-markers: no registry entry '${id}'`);
      return {
        c: entry.build(d, params),
        knownProjection: PROJECTION_IDS.has(id) || (id === 'rand-k' && params.scaled !== true),
      };
    }),
    ...combinatorSpecs(d).map((spec) => ({ c: parseCompressorSpec(spec, d), knownProjection: false })),
  ];
}

const isProjectionOf = (out: ReadonlyVector, x: ReadonlyVector): boolean => {
  for (let j = 0; j < x.length; j++) if (!(out[j] === x[j] || out[j] === 0)) return false;
  return true;
};

/** An input with fast-check's edge values (zeros, signed zeros, tiny and unit-scale entries) at dimension d. */
const inputCase = dimension({ max: 64 }).chain((d) =>
  fc.record({
    d: fc.constant(d),
    x: fc.array(fc.oneof(fc.constant(0), fc.double({ min: -4, max: 4, noNaN: true })), { minLength: d, maxLength: d }),
    seed: fc.noShrink(fc.integer({ min: 0, max: 0x7fffffff })),
  }),
);

/** Keys tried per input for the "ignores the key" direction. */
const KEYS = 8;
/**
 * Generic inputs tried before concluding that a compressor ignores the key. Measured (N = 4000 inputs per
 * compressor, d = 2, 8 keys): the largest per-input rate of 8 identical outputs from a random compressor is 0.24
 * (natural ∘ top-k with k = 1: one natural-compressed coordinate), so 32 independent inputs all looking
 * deterministic has probability ≤ 0.24^32 ≈ 1e-20 per compressor and run.
 */
const GENERIC_INPUTS = 32;

describe('declared markers agree with behaviour on every catalogue compressor', () => {
  it('deterministic: declared true ⇒ the output is bit for bit the same for several different keys', () => {
    fc.assert(
      fc.property(inputCase, ({ d, x, seed }) => {
        const xv = Float64Array.from(x);
        for (const { c } of catalogue(d)) {
          if (!c.deterministic) continue;
          const ref = c.compress(xv, key(seed));
          for (let t = 1; t < KEYS; t++) {
            const out = c.compress(xv, foldIn(key(seed), t));
            if (!sameBits(out, ref))
              throw new Error(`${c.name} is declared deterministic but key ${t} changed C(x) at x = [${x.join(', ')}]`);
          }
        }
      }),
    );
  });

  it('deterministic: the same output for 8 keys on each of 32 generic inputs (d ≥ 2) ⇒ declared true', () => {
    fc.assert(
      fc.property(dimension({ min: 2, max: 64 }), fc.noShrink(fc.integer({ min: 0, max: 0x7fffffff })), (d, seed) => {
        const root = key(seed);
        for (const { c } of catalogue(d)) {
          let varies = false;
          for (let i = 0; i < GENERIC_INPUTS && !varies; i++) {
            const k: Key = foldIn(root, i);
            // Gaussian entries: almost surely non-zero, distinct in magnitude and no power of two, so no random
            // compressor is accidentally deterministic on them.
            const x = normal(foldIn(k, KEYS), d);
            const ref = c.compress(x, foldIn(k, 0));
            for (let t = 1; t < KEYS && !varies; t++) varies = !sameBits(c.compress(x, foldIn(k, t)), ref);
          }
          if (!varies && !c.deterministic)
            throw new Error(
              `${c.name} ignored the key on ${GENERIC_INPUTS} generic inputs but declares deterministic: false`,
            );
          if (varies && c.deterministic)
            throw new Error(`${c.name} declares deterministic but its output varied with the key`);
        }
      }),
    );
  });

  it('coordinateProjection: declared ⇒ C(x)_j ∈ {x_j, 0}; observed on a known projection ⇒ declared', () => {
    fc.assert(
      fc.property(inputCase, ({ d, x, seed }) => {
        const xv = Float64Array.from(x);
        for (const { c, knownProjection } of catalogue(d)) {
          let projects = true;
          for (let t = 0; t < 4 && projects; t++) projects = isProjectionOf(c.compress(xv, foldIn(key(seed), t)), xv);
          if (isCoordinateProjection(c) && !projects)
            throw new Error(`${c.name} carries coordinateProjection but C(x)_j ∉ {x_j, 0} at x = [${x.join(', ')}]`);
          if (knownProjection) {
            // Not vacuous: the known ones do project, so the marker must be there for compose.ts to use it.
            expect(projects, c.name).toBe(true);
            expect(isCoordinateProjection(c), `${c.name} is a coordinate projection without the marker`).toBe(true);
          } else {
            // Rescaled or dithered outputs (and every combinator: compose.ts does not forward the marker).
            expect(isCoordinateProjection(c), c.name).toBe(false);
          }
        }
      }),
    );
  });

  it('C(0) = 0 (no NaN, any key) and, where exact moments exist, E C(0) = 0 and E‖C(0)‖² = 0', () => {
    fc.assert(
      fc.property(dimension({ max: 64 }), fc.noShrink(fc.integer({ min: 0, max: 0x7fffffff })), (d, seed) => {
        const zero = new Float64Array(d);
        for (const { c } of catalogue(d)) {
          for (let t = 0; t < 3; t++) {
            const out = c.compress(zero, foldIn(key(seed), t));
            expect(
              Array.from(out).every((v) => v === 0),
              `${c.name}: C(0) = [${Array.from(out).join(', ')}]`,
            ).toBe(true);
          }
          const e = c.expectation?.(zero);
          if (e !== undefined) {
            expect(
              Array.from(e.mean).every((v) => v === 0),
              `${c.name}: E C(0)`,
            ).toBe(true);
            expect(e.errorSq, `${c.name}: E‖C(0)‖²`).toBe(0);
          }
        }
      }),
    );
  });
});

describe('what compose.ts does with the coordinateProjection marker (rules 1–2, docs/theory.md §1.1 rows 16–17)', () => {
  /** The same compressor with the marker stripped: a plain contractive compressor to compose. */
  const withoutMarker = (c: Compressor): Compressor => {
    const { coordinateProjection: _marker, ...plain } = c as Compressor & { coordinateProjection?: true };
    return plain;
  };

  it('natural ∘ bernoulli(p) is contractive with α = p(1 − 1/8), or p/(1 + 1/8) rescaled, only because of the marker', () => {
    const b = bernoulliSparsifier(6, 0.5);
    expect(compose(natural(6), b).contract).toEqual({ kind: 'contractive', alpha: 0.5 * (7 / 8) });
    expect(compose(natural(6), b, { rescale: true }).contract).toEqual({ kind: 'contractive', alpha: 0.5 / (9 / 8) });
    expect(() => compose(natural(6), withoutMarker(b))).toThrow(/no proven rule/);
  });

  it('natural ∘ identity is contractive with α = 7/8 (rule 1 with α_T = 1), refused without the marker', () => {
    expect(compose(natural(3), identity(3)).contract).toEqual({ kind: 'contractive', alpha: 7 / 8 });
    expect(() => compose(natural(3), withoutMarker(identity(3)))).toThrow(/no proven rule/);
  });

  it('natural ∘ hard-threshold is refused with or without the marker: its contract is absolute, not contractive', () => {
    const h = hardThreshold(4, 0.5);
    expect(isCoordinateProjection(h)).toBe(true);
    expect(() => compose(natural(4), h)).toThrow(/no proven rule/);
    expect(() => compose(natural(4), withoutMarker(h))).toThrow(/no proven rule/);
  });
});
