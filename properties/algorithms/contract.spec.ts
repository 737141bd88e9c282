/**
 * One battery over every registry entry (optax's common_test): purity, same key → same state, prefix stability,
 * the master's aggregate equals the (weighted) mean of the node estimators, bit accounting, finiteness.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { methods, type MethodEntry, type MethodParams } from '../../src/algorithms/registry.ts';
import { trajectory } from '../../src/algorithms/run.ts';
import type { MethodState } from '../../src/algorithms/types.ts';
import { denseBits } from '../../src/compressors/bits.ts';
import { identity } from '../../src/compressors/identity.ts';
import { randK } from '../../src/compressors/rand-k.ts';
import { topK } from '../../src/compressors/top-k.ts';
import { totalBits, type Compressor } from '../../src/compressors/types.ts';
import { allFinite } from '../../src/linalg/vector.ts';
import { gaussianOracle } from '../../src/oracles/gaussian.ts';
import { diagonalQuadratic } from '../../src/problems/diagonal-quadratic.ts';
import { foldIn, key, split } from '../../src/rng/key.ts';
import { deepCopy, firstMismatch, instanceArb, sameState } from './_helpers.ts';

type CompressorKind = 'top-k' | 'identity' | 'rand-k' | 'rand-k-scaled';
const makeCompressor = (kind: CompressorKind, d: number, k: number): Compressor =>
  kind === 'top-k' ? topK(d, k) : kind === 'identity' ? identity(d) : randK(d, k, { scaled: kind === 'rand-k-scaled' });

/** Methods whose message at x⁰ is compressed (billed as one compressed message); the others send ∇f_i(x⁰) densely. */
const COMPRESSED_INIT = new Set(['compressed-gd', 'compressed-sgd', 'ef14', 'ef21-sgd-ideal', 'ef21-sgdm-ideal']);
const UNCOMPRESSED = new Set(['gd', 'sgd']);

const caseArb = fc.record({
  inst: instanceArb,
  kind: fc.constantFrom<CompressorKind>('top-k', 'identity', 'rand-k', 'rand-k-scaled'),
  kFrac: fc.double({ min: 0, max: 1, noNaN: true }),
  stepFrac: fc.double({ min: 0.05, max: 1, noNaN: true }),
  eta: fc.double({ min: 0.01, max: 1, noNaN: true }),
  p: fc.double({ min: 0.05, max: 1, noNaN: true }),
  bInit: fc.integer({ min: 1, max: 3 }),
  shared: fc.boolean(),
  sigma: fc.constantFrom(0, 0.5),
  seed: fc.noShrink(fc.integer()),
});

type CaseValue = typeof caseArb extends fc.Arbitrary<infer V> ? V : never;

function paramsFor(entry: MethodEntry, c: CaseValue, C: Compressor, CM: Compressor, gamma: number): MethodParams {
  const h = new Set<string>(entry.hyperparameters);
  return {
    gamma,
    x0: c.inst.x0,
    ...(h.has('compressor') ? { compressor: C } : {}),
    ...(h.has('masterCompressor') ? { masterCompressor: CM } : {}),
    // EF21-HB's η is a heavy-ball weight in [0, 1); the others' a momentum/damping weight in (0, 1].
    ...(h.has('eta') ? { eta: entry.id === 'ef21-hb' ? 0.9 * (1 - c.eta) : c.eta } : {}),
    ...(h.has('p') ? { p: c.p } : {}),
    ...(h.has('bInit') ? { bInit: c.bInit } : {}),
    ...(h.has('randomness') ? { randomness: c.shared ? ('shared' as const) : ('independent' as const) } : {}),
  };
}

const T = 4;

describe('every registry method satisfies the algorithm contract', () => {
  it('the registry lists every method exactly once', () => {
    const ids = methods.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(
      ['gd', 'sgd', 'compressed-gd', 'compressed-sgd', 'ef14', 'ef21', 'ef21-sgd', 'ef21-sgd-ideal', 'ef21-sgdm-ideal', 'ef21-sgdm', 'ef21-sgd2m', 'ef21-w', 'ef21-pp', 'ef21-bc', 'ef21-hb'].sort(),
    );
  });

  for (const entry of methods) {
    it(`${entry.id}: pure, deterministic per key, prefix-stable, aggregate = mean of the g_i, bits as declared`, () => {
      fc.assert(
        fc.property(caseArb, (c) => {
          const { n, d } = c.inst;
          const problem = diagonalQuadratic(c.inst.a, c.inst.b);
          const oracle = gaussianOracle(problem, c.sigma);
          const k = 1 + Math.floor(c.kFrac * (d - 1));
          const C = makeCompressor(c.kind, d, k);
          const CM = topK(d, Math.max(1, d - k + 1));
          const gamma = c.stepFrac / Math.max(...problem.Li);
          const alg = entry.build(paramsFor(entry, c, C, CM, gamma));
          const root = key(c.seed);

          const short = trajectory(alg, oracle, T, root, { keepStates: true });
          const long = trajectory(alg, oracle, 2 * T, root, { keepStates: true });
          expect(short.diverged).toBeUndefined();
          expect(long.diverged).toBeUndefined();
          const states = long.states as MethodState[];
          for (let t = 0; t <= T; t++) expect(sameState((short.states as MethodState[])[t], states[t])).toBe(true);

          const kSteps = split(root)[1];
          const messageBits = totalBits(C.bits(new Float64Array(d)));
          const dense = totalBits(denseBits(d));
          const s0 = states[0];
          expect(s0.t).toBe(0);
          expect(s0.bitsPerNode).toBe(0);
          expect(s0.initBitsPerNode).toBe(COMPRESSED_INIT.has(entry.id) ? messageBits : dense);

          // Running sums of |g_i^{s+1} − g_i^s| bound the rounding of the master's incremental aggregate.
          const rec = (s: MethodState) => s as unknown as Record<string, unknown>;
          const weights = (s: MethodState): readonly number[] =>
            (rec(s)['wi'] as readonly number[] | undefined) ?? Array.from({ length: n }, () => 1 / n);
          const scale = new Float64Array(d);
          const gi0 = rec(s0)['gi'] as Float64Array[] | undefined;
          if (gi0 !== undefined) for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) scale[j] += weights(s0)[i] * Math.abs(gi0[i][j]);

          for (let t = 0; t < 2 * T; t++) {
            const before = states[t];
            const after = states[t + 1];
            const snapshot = deepCopy(before);
            const again = alg.step(before, oracle, foldIn(kSteps, t));
            expect(sameState(before, snapshot)).toBe(true); // purity
            expect(sameState(again, after)).toBe(true); // same key, same state; and run.ts uses foldIn(kSteps, t)
            expect(after.t).toBe(t + 1);
            for (const v of Object.values(after)) if (v instanceof Float64Array) expect(allFinite(v)).toBe(true);

            const bits = after.bitsPerNode - before.bitsPerNode;
            if (UNCOMPRESSED.has(entry.id)) expect(bits).toBe(dense);
            else if (entry.id === 'ef21-pp') {
              const senders = (rec(after)['participated'] as boolean[]).filter(Boolean).length;
              expect(Math.abs(bits - (senders * messageBits) / n)).toBeLessThanOrEqual(1e-12 * after.bitsPerNode);
            } else expect(bits).toBe(messageBits);
            if (entry.id === 'ef21-bc') expect((rec(after)['downlinkBits'] as number) - (rec(before)['downlinkBits'] as number)).toBe(totalBits(CM.bits(new Float64Array(d))));

            const gi = rec(after)['gi'] as Float64Array[] | undefined;
            if (gi === undefined) continue;
            const giBefore = rec(before)['gi'] as Float64Array[];
            const w = weights(after);
            for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) scale[j] += w[i] * Math.abs(gi[i][j] - giBefore[i][j]);
            const aggregate = (rec(after)['gTilde'] ?? rec(after)['g']) as Float64Array;
            const weighted = new Float64Array(d);
            for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) weighted[j] += w[i] * gi[i][j];
            expect(firstMismatch(aggregate, weighted, scale, 1e-13 * (t + 2))).toBe(-1);
          }
        }),
      );
    });
  }
});
