/**
 * The fast paths `npm run bench` measures are the reference definitions, bit for bit: the selection
 * routes of src/linalg/select.ts against a sort, top-k's compressSparse against its dense compress, and the EF21
 * round's sparse path against its dense path on the same compressor, and the fused rounds (src/algorithms/fused/:
 * node by node, and the sweep over coordinate blocks for range oracles) against the dense round. Inputs carry ties,
 * ±0, infinities and NaN, and large-d cases reach the sampled route, including data laid out to defeat its sample.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ef21 } from '../src/algorithms/ef21.ts';
import { ef21Round } from '../src/algorithms/ef21-round.ts';
import { ef21Sgdm } from '../src/algorithms/ef21-sgdm.ts';
import { SAMPLE_SPACING } from '../src/algorithms/fused/fresh.ts';
import { RUN, sampleRunStart } from '../src/algorithms/fused/top-k-sweep.ts';
import type { Algorithm, MethodState } from '../src/algorithms/types.ts';
import { topK } from '../src/compressors/top-k.ts';
import type { Compressor } from '../src/compressors/types.ts';
import { kthLargestMagnitude, largestMagnitudeIndices, samplePlan, samplePosition } from '../src/linalg/select.ts';
import { sameBits } from '../src/linalg/vector.ts';
import { exactOracle } from '../src/oracles/exact.ts';
import type { Oracle } from '../src/oracles/types.ts';
import type { Problem } from '../src/problems/types.ts';
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

/**
 * A separable problem with a coordinate-range gradient: f_i(x) = ½Σ a_j x_j² − Σ b_ij x_j, data laid out like
 * `large` (few magnitudes for ties, spikes on a period that may match a sample's stride), with NaN or ∞ optionally
 * planted in one node's data.
 */
function separable(n: number, d: number, levels: number, period: number, phase: number, poison: number): Problem {
  const a = Float64Array.from({ length: d }, (_, j) => 1 + (((j * 2654435761) >>> 0) % 3) / 4);
  const b = Array.from({ length: n }, (_, i) =>
    Float64Array.from({ length: d }, (_, j) => {
      if (poison !== 0 && i === n - 1 && j === (phase * 7) % d) return poison;
      const level = ((j * 2246822519 + phase + i) >>> 0) % levels;
      return (j + phase) % period === 0 ? 50 * (1 + (j % 3)) * (j % 2 === 0 ? 1 : -1) : level - levels / 2;
    }),
  );
  return {
    name: 'separable',
    dim: d,
    n,
    fI: () => 0,
    gradI: (i, x) => Float64Array.from({ length: d }, (_, j) => a[j] * x[j] - b[i][j]),
    gradIRange: (out, i, x, from, to) => {
      for (let j = from; j < to; j++) out[j - from] = a[j] * x[j] - b[i][j];
    },
    L: 2,
    Li: new Array<number>(n).fill(2),
    fInf: 0,
    fInfExact: false,
  };
}

/** Runs `rounds` steps; every state field the round writes, as bits. */
function run(alg: Algorithm<unknown, MethodState>, oracle: Oracle, rounds: number): MethodState[] {
  const states = [alg.init(oracle, key(3))];
  for (let t = 0; t < rounds; t++) states.push(alg.step(states[t], oracle, key(10 + t)));
  return states;
}

function sameState(p: MethodState, q: MethodState): boolean {
  const f = (s: MethodState, name: string) => (s as unknown as Record<string, Float64Array | Float64Array[]>)[name];
  for (const name of ['x', 'g', 'gi', 'vi']) {
    const u = f(p, name);
    const v = f(q, name);
    if (u === undefined && v === undefined) continue;
    const us = Array.isArray(u) ? u : [u];
    const vs = Array.isArray(v) ? v : [v];
    if (us.length !== vs.length || !us.every((w, i) => sameBits(w, vs[i]))) return false;
  }
  return p.bitsPerNode === q.bitsPerNode;
}

/** Counts the calls of top-k's compressSparse (the fused routes' fallback) on the same object, so identity holds. */
function counting(C: Compressor): { C: Compressor; calls: () => number } {
  let calls = 0;
  const sparse = C.compressSparse as NonNullable<Compressor['compressSparse']>;
  (C as { compressSparse: Compressor['compressSparse'] }).compressSparse = (x, k) => {
    calls++;
    return sparse(x, k);
  };
  return { C, calls: () => calls };
}

describe('the fused EF21 rounds (src/algorithms/fused/) are the dense round bit for bit', () => {
  const fallbacks = { sweep: 0, node: 0 };
  it('EF21 and EF21-SGDM: sweep (range oracle), node by node (plain oracle) and dense agree on every state', () => {
    const cases = fc.record({
      n: fc.integer({ min: 1, max: 3 }),
      d: fc.integer({ min: 4096, max: 9000 }),
      levels: fc.integer({ min: 1, max: 5 }),
      period: fc.constantFrom(1, 16, 64, 97, 1 << 20),
      phase: fc.nat(1000),
      kFraction: fc.constantFrom(0.001, 0.01, 0.05, 0.3),
      poison: fc.constantFrom(0, 0, 0, Number.NaN, Infinity),
      eta: fc.option(fc.constantFrom(0.1, 0.5, 1), { nil: undefined }),
    });
    fc.assert(
      fc.property(cases, ({ n, d, levels, period, phase, kFraction, poison, eta }) => {
        const problem = separable(n, d, levels, period, phase, poison);
        const k = Math.max(1, Math.round(kFraction * d));
        const make = (C: Compressor) =>
          (eta === undefined
            ? ef21({ gamma: 0.05, compressor: C })
            : ef21Sgdm({ gamma: 0.05, eta, compressor: C })) as unknown as Algorithm<unknown, MethodState>;
        const sweep = counting(topK(d, k));
        const node = counting(topK(d, k));
        const viaSweep = run(make(sweep.C), exactOracle(problem), 2);
        const viaNode = run(make(node.C), { ...exactOracle(problem) }, 2);
        const dense = run(make(denseOnly(topK(d, k))), exactOracle(problem), 2);
        fallbacks.sweep += sweep.calls();
        fallbacks.node += node.calls();
        for (let t = 0; t < dense.length; t++) {
          expect(sameState(viaSweep[t], dense[t]), `sweep, round ${t}`).toBe(true);
          expect(sameState(viaNode[t], dense[t]), `node, round ${t}`).toBe(true);
        }
        // Purity: the start state is untouched by the steps after it.
        expect(sameState(run(make(topK(d, k)), exactOracle(problem), 0)[0], viaSweep[0])).toBe(true);
      }),
      { numRuns: 25 },
    );
    // The poisoned cases reach both fallbacks.
    expect(fallbacks.sweep).toBeGreaterThan(0);
    expect(fallbacks.node).toBeGreaterThan(0);
  });

  it('a sample that holds the largest entries (fewer than k candidates) falls back, in both routes', () => {
    // d = 2¹⁶, k = 2m: every sampled coordinate (single ones node by node, runs of RUN in the sweep) holds a large
    // distinct magnitude and every other one a small one, so the threshold keeps only about r < k candidates.
    const d = 1 << 16;
    const plan = samplePlan(d, 2048, SAMPLE_SPACING) as { m: number; r: number };
    const k = 2 * plan.m;
    expect(plan.r).toBeLessThan(k);
    for (const route of ['node', 'sweep'] as const) {
      const big = new Float64Array(d);
      if (route === 'node') for (let c = 0; c < plan.m; c++) big[samplePosition(c, plan.m, d)] = 1000 + c;
      else {
        const runs = Math.ceil(plan.m / RUN);
        for (let q = 0, c = 0; q < runs; q++)
          for (let p = 0; p < RUN && c < plan.m; p++, c++) big[sampleRunStart(q, runs, d) + p] = 1000 + c;
      }
      // One node, g_1 = 0, target = big + small distinct noise: round 1's difference is the target itself.
      const target = Float64Array.from(big, (v, j) => v + (j % 1000) / 1e4);
      const { C, calls } = counting(topK(d, k));
      const fast = ef21Round({
        compressor: C,
        gi: [new Float64Array(d)],
        g: new Float64Array(d),
        kCompress: key(1),
        target: () => target.slice(),
        ...(route === 'sweep'
          ? {
              targetRange: (out: Float64Array, _i: number, from: number, to: number) =>
                out.set(target.subarray(from, to)),
            }
          : {}),
      });
      const slow = ef21Round({
        compressor: denseOnly(topK(d, k)),
        gi: [new Float64Array(d)],
        g: new Float64Array(d),
        kCompress: key(1),
        target: () => target.slice(),
      });
      expect(calls(), route).toBe(1);
      expect(sameBits(fast.g, slow.g) && sameBits(fast.gi[0], slow.gi[0]), route).toBe(true);
    }
  });

  it('a difference with NaN takes the unfused route, whose answer the candidates could not give', () => {
    // NaN at every third coordinate the samples do not read (so the thresholds are numbers and only the pass can
    // see the NaN): the general route's Floyd–Rivest then keeps, for some of these k, other entries than the top k
    // of the numbers; every fused route (fresh, given and momentum targets; node by node and sweep) must hand over.
    const d = 6000;
    const plan = samplePlan(d, 40, SAMPLE_SPACING) as { m: number };
    const runs = Math.ceil(plan.m / RUN);
    const sampled = new Set<number>();
    for (let c = 0; c < plan.m; c++) sampled.add(samplePosition(c, plan.m, d));
    for (let q = 0; q < runs; q++) for (let p = 0; p < RUN; p++) sampled.add(sampleRunStart(q, runs, d) + p);
    const target = Float64Array.from({ length: d }, (_, j) =>
      j % 3 === 0 && !sampled.has(j) ? Number.NaN : Math.sin(j),
    );
    for (const k of [1, 40, 600])
      for (const route of ['node', 'node+given', 'sweep', 'node+momentum', 'sweep+momentum'] as const) {
        const input = (C: Compressor) => ({
          compressor: C,
          gi: [new Float64Array(d)],
          g: new Float64Array(d),
          kCompress: key(1),
          target: route === 'node+given' ? [target] : () => target.slice(),
          ...(route.endsWith('momentum') ? { momentum: { eta: 0.5, v: [Float64Array.from(target, Math.cos)] } } : {}),
          ...(route.startsWith('sweep')
            ? {
                targetRange: (out: Float64Array, _i: number, from: number, to: number) =>
                  out.set(target.subarray(from, to)),
              }
            : {}),
        });
        const fast = ef21Round(input(topK(d, k)));
        const slow = ef21Round(input(denseOnly(topK(d, k))));
        expect(sameBits(fast.g, slow.g) && sameBits(fast.gi[0], slow.gi[0]), `${route}, k = ${k}`).toBe(true);
      }
  });

  it('given targets, weights and silent nodes at d ≥ 4096 (the node route with a read-only target)', () => {
    fc.assert(
      fc.property(large, fc.integer({ min: 1, max: 3 }), fc.nat(5), ({ x, k }, n, seed) => {
        const d = x.length;
        const gi = Array.from({ length: n }, (_, i) => Float64Array.from(x, (v, j) => (i + 1) * v * ((j + seed) % 2)));
        const targets = Array.from({ length: n }, (_, i) => Float64Array.from(x, (v, j) => v * (j % (i + 2))));
        const input = (C: Compressor) => ({
          compressor: C,
          gi,
          g: Float64Array.from(x, (v) => v / 2),
          target: targets,
          kCompress: key(seed),
          weights: Array.from({ length: n }, (_, i) => (i + 1) / (n + 1)),
          active: seed % 2 === 0 ? undefined : Array.from({ length: n }, (_, i) => i !== 1),
        });
        const fast = ef21Round(input(topK(d, k)));
        const slow = ef21Round(input(denseOnly(topK(d, k))));
        expect(sameBits(fast.g, slow.g) && fast.gi.every((v, i) => sameBits(v, slow.gi[i]))).toBe(true);
        expect(fast.bitsPerNode).toBe(slow.bitsPerNode);
      }),
      { numRuns: 20 },
    );
  });
});
