import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { key } from '../rng/key.ts';
import { permK, permKBlocks, permKMoments } from './perm-k.ts';

/** All permutations of {0, …, m−1}. */
function permutations(m: number): number[][] {
  if (m === 0) return [[]];
  return permutations(m - 1).flatMap((p) =>
    Array.from({ length: m }, (_, i) => [...p.slice(0, i), m - 1, ...p.slice(i)]),
  );
}

/** The exact law of the aggregate (1/n)Σ C_i(a_i), by enumerating every (π, σ) the sampler can draw. */
function enumerate(
  d: number,
  n: number,
  as: Float64Array[],
): { mean: number[]; variance: number; node0: { mean: number[]; errorSq: number }; count: number } {
  const scale = Math.min(d, n);
  const pis = permutations(d);
  const sigmas = permutations(n);
  const count = pis.length * sigmas.length;
  const outcomes: number[][] = [];
  const node0Mean = new Array<number>(d).fill(0);
  let node0Error = 0;
  for (const pi of pis) {
    for (const sigma of sigmas) {
      const blocks = permKBlocks(d, n, pi, sigma);
      const agg = new Array<number>(d).fill(0);
      blocks.forEach((block, i) => {
        for (const j of block) agg[j] += (scale * as[i][j]) / n;
      });
      outcomes.push(agg);
      const c0 = new Array<number>(d).fill(0);
      for (const j of blocks[0]) c0[j] = scale * as[0][j];
      for (let j = 0; j < d; j++) {
        node0Mean[j] += c0[j] / count;
        node0Error += (c0[j] - as[0][j]) ** 2 / count;
      }
    }
  }
  const mean = Array.from({ length: d }, (_, j) => outcomes.reduce((s, o) => s + o[j], 0) / count);
  const variance = outcomes.reduce((s, o) => s + o.reduce((t, v, j) => t + (v - mean[j]) ** 2, 0), 0) / count;
  return { mean, variance, node0: { mean: node0Mean, errorSq: node0Error }, count };
}

const shapes: readonly (readonly [number, number])[] = [
  [4, 2],
  [5, 2],
  [5, 3],
  [6, 4],
  [4, 4],
  [3, 1],
  [2, 4],
  [3, 6],
  [1, 3],
];

/** The shape guard's whole message for d and n (a fractional value's dot escaped). */
const shapeError = (d: number, n: number): RegExp =>
  new RegExp(
    `^perm-k: need integers d ≥ 1 and n ≥ 1, got d=${String(d).replace('.', '\\.')}, n=${String(n).replace('.', '\\.')}$`,
  );

describe('PermK (docs/theory.md §9.1 item 11)', () => {
  it('enumeration of every shared draw gives mean ā and the exact variance A·(1/n)Σ‖a_i‖² − B·‖ā‖², as permKMoments says', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...shapes),
        fc.noShrink(fc.array(fc.integer({ min: -9, max: 9 }), { minLength: 36, maxLength: 36 })),
        ([d, n], pool) => {
          const as = Array.from({ length: n }, (_, i) =>
            Float64Array.from({ length: d }, (_, j) => pool[(i * d + j) % pool.length]),
          );
          const law = enumerate(d, n, as);
          const moments = permKMoments(d, n, as);
          const { A, B } = permK(d, n).ab;
          const meanSq = as.reduce((s, a) => s + a.reduce((t, v) => t + v * v, 0), 0) / n;
          const abar = Array.from({ length: d }, (_, j) => as.reduce((s, a) => s + a[j], 0) / n);
          const abarSq = abar.reduce((s, v) => s + v * v, 0);
          // Naive summation over `count` outcomes: rounding grows like count·ε times the summands' size.
          const tol = 1e-15 * law.count * n * (meanSq + abarSq) + 1e-300;
          for (let j = 0; j < d; j++) {
            expect(Math.abs(law.mean[j] - abar[j])).toBeLessThanOrEqual(tol);
            expect(Math.abs(moments.mean[j] - abar[j])).toBeLessThanOrEqual(tol);
          }
          expect(Math.abs(law.variance - (A * meanSq - B * abarSq))).toBeLessThanOrEqual(tol);
          expect(Math.abs(moments.variance - law.variance)).toBeLessThanOrEqual(tol);
          expect(A).toBe(d >= n ? 1 : (d - 1) / (n - 1));
          // Each node alone is unbiased with ω = n − 1 (d ≥ n) or d − 1 (d < n), with equality.
          const omega = permK(d, n).perNode;
          const a0Sq = as[0].reduce((s, v) => s + v * v, 0);
          for (let j = 0; j < d; j++) expect(Math.abs(law.node0.mean[j] - as[0][j])).toBeLessThanOrEqual(tol);
          expect(omega.kind === 'unbiased' && Math.abs(law.node0.errorSq - omega.omega * a0Sq)).toBeLessThanOrEqual(
            1e-15 * law.count * n * a0Sq + 1e-300,
          );
        },
      ),
      { numRuns: 30 },
    );
  });

  it('identical inputs give exactly a back, on every draw', () => {
    fc.assert(
      fc.property(fc.constantFrom(...shapes), fc.noShrink(fc.nat()), ([d, n], seed) => {
        const a = Float64Array.from({ length: d }, (_, j) => (j + 1) * 0.75 - 2);
        const outs = permK(d, n).compressAll(
          Array.from({ length: n }, () => a),
          key(seed),
        );
        for (let j = 0; j < d; j++) expect(outs.reduce((s, o) => s + o[j], 0) / n).toBe(a[j]);
      }),
    );
  });

  it('for d ≥ n the nodes send disjoint blocks of size ⌊d/n⌋ or ⌈d/n⌉ covering every coordinate, scaled by n', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 0, max: 30 }),
        fc.noShrink(fc.nat()),
        (n, extra, seed) => {
          const d = n + extra;
          const a = Float64Array.from({ length: d }, (_, j) => j + 1);
          const outs = permK(d, n).compressAll(
            Array.from({ length: n }, () => a),
            key(seed),
          );
          const owners = new Array<number>(d).fill(0);
          for (const o of outs) {
            const kept = Array.from(o.keys()).filter((j) => o[j] !== 0);
            expect([Math.floor(d / n), Math.ceil(d / n)]).toContain(kept.length);
            for (const j of kept) {
              expect(o[j]).toBe(n * a[j]);
              owners[j]++;
            }
          }
          expect(owners.every((c) => c === 1)).toBe(true);
        },
      ),
    );
  });

  it('states its contracts, bills ⌈d/n⌉ values per node, and rejects bad shapes and inputs', () => {
    const c = permK(10, 4);
    expect(c.name).toBe('perm-k(d=10,n=4)');
    expect(c.perNode).toEqual({ kind: 'unbiased', omega: 3 });
    expect(c.ab).toEqual({ A: 1, B: 1 });
    expect(c.bits(new Float64Array(10))).toEqual({ values: 3 * 64, indices: 0 });
    expect(permK(2, 6).perNode).toEqual({ kind: 'unbiased', omega: 1 });
    expect(() => permK(4, 6)).toThrow(/multiple of d/);
    expect(() => permK(0, 2)).toThrow(RangeError);
    expect(() => c.compressAll([new Float64Array(10)], key(0))).toThrow(/need 4 inputs/);
    expect(() =>
      c.compressAll(
        Array.from({ length: 4 }, () => new Float64Array(9)),
        key(0),
      ),
    ).toThrow(/length 9/);
  });
});

/**
 * The shape guard, the input count of permKMoments, the d = n boundary of the block layout, of A = B and of the
 * moment factor at d = n = 1, and the loop bounds of the block layout.
 */
describe('PermK: shape and input checks, the d = n boundary and the block layout', () => {
  it('refuses d or n that is zero, negative or fractional, naming the bad value', () => {
    for (const [d, n] of [
      [0, 1],
      [0, 0],
      [-1, 1],
      [-2, 2],
      [1.5, 1],
      [4, 2.5],
      [1, 0],
      [3, -1],
    ] as const) {
      expect(() => permK(d, n), `d=${d}, n=${n}`).toThrow(RangeError);
      expect(() => permK(d, n), `d=${d}, n=${n}`).toThrow(shapeError(d, n));
      expect(() => permKBlocks(d, n, [], []), `d=${d}, n=${n}`).toThrow(shapeError(d, n));
      expect(() => permKMoments(d, n, []), `d=${d}, n=${n}`).toThrow(shapeError(d, n));
    }
  });

  it('permKMoments refuses too few and too many inputs with a RangeError', () => {
    const x = Float64Array.of(1, 2);
    expect(() => permKMoments(2, 2, [x])).toThrow(/permKMoments: need 2 inputs, got 1/);
    expect(() => permKMoments(2, 2, [x, x, x])).toThrow(/permKMoments: need 2 inputs, got 3/);
  });

  it('at d = n, node σ(b) sends the single coordinate π(b) (the d ≥ n layout, which reads π)', () => {
    const blocks = permKBlocks(3, 3, Int32Array.of(2, 0, 1), Int32Array.of(1, 2, 0));
    expect(blocks.map((b) => Array.from(b))).toEqual([[1], [2], [0]]);
  });

  it('returns exactly n blocks: no stray keys beyond the nodes, for d ≥ n and for d < n', () => {
    expect(Object.keys(permKBlocks(5, 2, Int32Array.of(4, 3, 2, 1, 0), Int32Array.of(1, 0)))).toEqual(['0', '1']);
    expect(Object.keys(permKBlocks(2, 4, [], Int32Array.of(3, 1, 0, 2)))).toEqual(['0', '1', '2', '3']);
  });

  it('one node, one coordinate: C(x) = x, A = B = 1 and aggregate variance 0 (not 0/0)', () => {
    const c = permK(1, 1);
    expect(c.perNode).toEqual({ kind: 'unbiased', omega: 0 });
    expect(c.ab).toEqual({ A: 1, B: 1 });
    expect(permKMoments(1, 1, [Float64Array.of(-3)])).toEqual({ mean: Float64Array.of(-3), variance: 0 });
  });
});
