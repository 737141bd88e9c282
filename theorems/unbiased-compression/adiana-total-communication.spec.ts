import { describe, expect, it } from 'vitest';
import { closedFormSaving } from './_lib/closed-form-saving.ts';
import { billedBits } from './_lib/tcc-sweep.ts';
import { billTrials, check, instanceFor, setting } from './adiana-total-communication.ts';

describe('total communication: ADIANA with independent rand-K against AGD (He, Huang, Yuan 2023; docs/theory.md §6.2)', () => {
  it('pins the bills: two rand-K messages of K (64-bit value, ⌈log₂d⌉-bit index) pairs; AGD 64d', () => {
    const s = setting(256);
    expect(s.Ks).toEqual([1, 4, 16, 64, 256]);
    const inst = instanceFor(1, 256, 0, 4, 1e3);
    expect(billedBits(inst, 1)).toEqual({ adiana: 2 * (64 + 8), agd: 256 * 64 });
    expect(billedBits(inst, 16)).toEqual({ adiana: 2 * 16 * 72, agd: 16384 });
    const bits = s.Ks.map((K) => billedBits(inst, K));
    expect(billTrials(bits, s, 2).every((t) => t.lhs === t.rhs)).toBe(true);
    // The teeth: one message billed is off by a factor 2 at every K.
    expect(billTrials(bits, s, 1).filter((t) => t.lhs !== t.rhs)).toHaveLength(s.Ks.length);
  });

  it('the closed form of §6.2 grows with ω towards √κ/(1 + √(κ/n)), Θ(√min{n, κ})', () => {
    for (const n of [4, 64, 1024]) {
      let last = 0;
      for (const K of [1024, 256, 64, 16, 4, 1]) {
        const v = closedFormSaving(1024, 1e4, 1024 / K - 1, n);
        expect(v).toBeGreaterThan(last);
        last = v;
      }
      expect(closedFormSaving(1024, 1e4, 1e12, n)).toBeCloseTo(100 / (1 + Math.sqrt(1e4 / n)), 6);
    }
  });

  it('check() at quick: the bills hold, the one-message teeth fire, the saving’s growth in n is observed', async () => {
    const r = await check(1, 'quick');
    expect(r.verdicts.map((v) => [v.expectation, v.status])).toEqual([
      ['holds', 'pass'],
      ['may-fail', 'pass'],
      ['holds', 'observed'],
    ]);
    // Independent nodes: the best K is 1 and the saving grows with n; shared randomness (n = 1) is best at K = d.
    const rows = r.tables?.[0].rows ?? [];
    expect(rows[0][3]).toBe(256);
    for (const row of rows.slice(1)) expect(row[3]).toBe(1);
    const best = rows.map((row) => Number(row[4]));
    for (let a = 2; a < best.length; a++) expect(best[a]).toBeGreaterThan(best[a - 1]);
  });
});
