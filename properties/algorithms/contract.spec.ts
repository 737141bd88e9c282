/**
 * One battery over every registry entry (optax's common_test): purity, same key → same state, prefix stability,
 * the master's aggregate equals the (weighted) mean of the node estimators, bit accounting (every message a node
 * sends in a round: ADIANA's and BEER's two, NEOLITHIC's R = ⌈1/α⌉ pieces), finiteness.
 * Everything method-specific comes from the entry's declared schema and facts (src/algorithms/method-facts.ts):
 * which hyperparameters to draw and from what range, which fields hold the estimators and the aggregate, how the
 * round-0 and later messages are billed, who sends, and the downlink. A new method is covered by its definition alone.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { paramsOf } from '../../src/algorithms/method-definition.ts';
import { messagesPerRound } from '../../src/algorithms/method-facts.ts';
import { methods } from '../../src/algorithms/registry.ts';
import { trajectory } from '../../src/algorithms/run.ts';
import { denseBits } from '../../src/compressors/bits.ts';
import { identity } from '../../src/compressors/identity.ts';
import { randK } from '../../src/compressors/rand-k.ts';
import { topK } from '../../src/compressors/top-k.ts';
import { totalBits, type Compressor } from '../../src/compressors/types.ts';
import { allFinite } from '../../src/linalg/vector.ts';
import { gaussianOracle } from '../../src/oracles/gaussian.ts';
import { diagonalQuadratic } from '../../src/problems/diagonal-quadratic.ts';
import { foldIn, key, split } from '../../src/rng/key.ts';
import { compressorFor, hyperparameterValues } from '../arbitraries/hyperparameter-values.ts';
import { deepCopy, firstMismatch, instanceArb, keptStates, sameState } from './_helpers.ts';

type CompressorKind = 'top-k' | 'identity' | 'rand-k' | 'rand-k-scaled';
const makeCompressor = (kind: CompressorKind, d: number, k: number): Compressor =>
  kind === 'top-k' ? topK(d, k) : kind === 'identity' ? identity(d) : randK(d, k, { scaled: kind === 'rand-k-scaled' });

const instanceCaseArb = fc.record({
  inst: instanceArb,
  kind: fc.constantFrom<CompressorKind>('top-k', 'identity', 'rand-k', 'rand-k-scaled'),
  kFrac: fc.double({ min: 0, max: 1, noNaN: true }),
  stepFrac: fc.double({ min: 0.05, max: 1, noNaN: true }),
  sigma: fc.constantFrom(0, 0.5),
  seed: fc.noShrink(fc.integer()),
});

const T = 4;

describe('every registry method satisfies the algorithm contract', () => {
  it('the registry lists every method exactly once', () => {
    const ids = methods.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  for (const entry of methods) {
    it(`${entry.id}: pure, deterministic per key, prefix-stable, aggregate = mean of the g_i, bits as declared`, () => {
      // Each case: an instance, the uplink C (and a downlink C_M for methods that take one), and values for every
      // hyperparameter the entry declares, drawn from its declared ranges.
      const caseArb = instanceCaseArb.chain((c) => {
        const d = c.inst.d;
        const k = 1 + Math.floor(c.kFrac * (d - 1));
        const C = makeCompressor(c.kind, d, k);
        const CM = topK(d, Math.max(1, d - k + 1));
        return hyperparameterValues(entry.schema, { uplink: C, downlink: CM }).map((h) => ({ ...c, C, CM, h }));
      });
      entry.withMethod((def) => {
        const { facts } = def;
        fc.assert(
          fc.property(caseArb, (c) => {
            const { n, d } = c.inst;
            const { C, CM } = c;
            const problem = diagonalQuadratic(c.inst.a, c.inst.b);
            const oracle = gaussianOracle(problem, c.sigma);
            const gamma = c.stepFrac / Math.max(...problem.Li);
            const alg = def.build(paramsOf(def, { ...c.h, gamma, x0: c.inst.x0 }));
            const root = key(c.seed);

            const short = trajectory(alg, oracle, T, root, { keepStates: true });
            const long = trajectory(alg, oracle, 2 * T, root, { keepStates: true });
            expect(short.diverged).toBeUndefined();
            expect(long.diverged).toBeUndefined();
            const states = keptStates(long);
            const shortStates = keptStates(short);
            for (let t = 0; t <= T; t++) expect(sameState(shortStates[t], states[t])).toBe(true);

            const kSteps = split(root)[1];
            // The bits of one message of the uplink compressor the method got (a contractive view, where its schema
            // asks for one, bills as the compressor it scales).
            const uplink = entry.schema.find((s) => s.kind === 'compressor' && s.link === 'uplink');
            const sent = uplink?.kind === 'compressor' ? compressorFor(uplink, C) : C;
            const messageBits = totalBits(sent.bits(new Float64Array(d)));
            const dense = totalBits(denseBits(d));
            const s0 = states[0];
            expect(s0.t).toBe(0);
            expect(s0.bitsPerNode).toBe(0);
            expect(s0.initBitsPerNode).toBe(
              facts.initMessage === 'compressed' ? messageBits : facts.initMessage === 'dense' ? dense : 0,
            );

            // Running sums of |g_i^{s+1} − g_i^s| bound the rounding of the master's incremental aggregate.
            const aggregate = facts.aggregate;
            const weights = (s: (typeof states)[number]): readonly number[] =>
              aggregate === null || aggregate.weights === 'mean'
                ? Array.from({ length: n }, () => 1 / n)
                : aggregate.weights.read(s);
            const scale = new Float64Array(d);
            if (aggregate !== null) {
              const gi0 = aggregate.estimators.read(s0);
              for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) scale[j] += weights(s0)[i] * Math.abs(gi0[i][j]);
            }

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
              const perRound = messagesPerRound(facts, after);
              if (facts.roundMessage === 'dense') expect(bits).toBe(perRound * dense);
              else if (facts.participation.kind === 'sampled') {
                const senders = facts.participation.senders(after).filter(Boolean).length;
                expect(Math.abs(bits - (senders * perRound * messageBits) / n)).toBeLessThanOrEqual(
                  1e-12 * after.bitsPerNode,
                );
              } else expect(bits).toBe(perRound * messageBits);
              if (facts.downlink.kind === 'compressed') {
                expect(facts.downlink.bits(after) - facts.downlink.bits(before)).toBe(
                  totalBits(CM.bits(new Float64Array(d))),
                );
              }

              if (aggregate === null) continue;
              const gi = aggregate.estimators.read(after);
              const giBefore = aggregate.estimators.read(before);
              const w = weights(after);
              for (let i = 0; i < n; i++)
                for (let j = 0; j < d; j++) scale[j] += w[i] * Math.abs(gi[i][j] - giBefore[i][j]);
              const weighted = new Float64Array(d);
              for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) weighted[j] += w[i] * gi[i][j];
              expect(firstMismatch(aggregate.master.read(after), weighted, scale, 1e-13 * (t + 2))).toBe(-1);
            }
          }),
        );
      });
    });
  }
});
