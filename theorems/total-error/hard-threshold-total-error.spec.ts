import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hardThreshold } from '../../src/compressors/hard-threshold.ts';
import { topK } from '../../src/compressors/top-k.ts';
import { natural } from '../../src/compressors/natural.ts';
import { key } from '../../src/rng/key.ts';
import { check, D, K, NODES, setup } from './hard-threshold-total-error.ts';
import { accountRun, matchThreshold } from './_lib/total-error-runs.ts';

const T = 20;
const seedArb = fc.noShrink(fc.integer({ min: 0, max: 2 ** 31 - 1 }));
const s = setup(key(11));

describe('hard threshold vs top-k total error (experiment; Sahu et al. 2021, docs/theory.md §8)', () => {
  it('the accounting replays every message of the run: p − C(p) reproduces each memory bit for bit', () => {
    fc.assert(
      fc.property(seedArb, fc.double({ min: 0.05, max: 3, noNaN: true }), (seed, lambda) => {
        for (const C of [topK(D, K), hardThreshold(D, lambda)]) {
          const acc = accountRun(s, C, T, key(seed));
          expect(acc.mismatches).toBe(0);
          expect(acc.errorPerRound.length).toBe(T + 1);
          expect(acc.totalError).toBe(acc.errorPerRound.reduce((a, b) => a + b, 0)); // same summation order
        }
      }),
      { numRuns: 20 }, // each run is T = 20 rounds of a 200-row least-squares problem, twice
    );
  });

  it('top-k sends exactly k entries per node per message, so its budget is (T + 1)·n·k', () => {
    const acc = accountRun(s, topK(D, K), T, key(5));
    expect(acc.totalEntries).toBe((T + 1) * NODES * K);
    expect(acc.entriesPerRound.every((e) => e === K)).toBe(true);
  });

  it('the bisected threshold never exceeds the budget and lands close to it', () => {
    fc.assert(
      fc.property(seedArb, (seed) => {
        const budget = (T + 1) * NODES * K;
        const { account, lambda } = matchThreshold(s, budget, T, key(seed));
        expect(lambda).toBeGreaterThan(0);
        expect(account.totalEntries).toBeLessThanOrEqual(budget);
        expect(account.totalEntries).toBeGreaterThanOrEqual(0.9 * budget);
      }),
      { numRuns: 5 },
    );
  });

  it('refuses a random compressor, whose messages cannot be replayed from the memories', () => {
    expect(() => accountRun(s, natural(D), T, key(0))).toThrow(RangeError);
  });

  it('teeth: a quarter of the matched λ sends more than the budget', () => {
    const budget = (T + 1) * NODES * K;
    const { lambda } = matchThreshold(s, budget, T, key(3));
    expect(accountRun(s, hardThreshold(D, lambda / 4), T, key(3)).totalEntries).toBeGreaterThan(budget);
  });

  it('a warm bracket (the λ of another stream) lands within budget; a wrong one falls back to the wide bracket', () => {
    const budget = (T + 1) * NODES * K;
    const cold = matchThreshold(s, budget, T, key(8));
    const warm = matchThreshold(s, budget, T, key(9), 40, 0.002, cold.lambda);
    expect(warm.account.totalEntries).toBeLessThanOrEqual(budget);
    expect(warm.iterations).toBeLessThan(cold.iterations);
    const wrong = matchThreshold(s, budget, T, key(9), 40, 0.002, 100 * cold.lambda);
    expect(wrong.account.totalEntries).toBeLessThanOrEqual(budget);
  });

  it('check() at the quick budget: judged on 22 streams, the hard threshold ahead and the reversed comparison refuted', async () => {
    const [ahead, reversed] = (await check(7, 'quick')).verdicts;
    expect(ahead.status).toBe('pass');
    expect(ahead.samples).toBe(22);
    expect(reversed.status).toBe('pass');
    expect(reversed.violated).toBe(true);
  });
});
