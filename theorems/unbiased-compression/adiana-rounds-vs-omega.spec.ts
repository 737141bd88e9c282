import { describe, expect, it } from 'vitest';
import { adianaParameters } from '../../src/algorithms/adiana-parameters.ts';
import { shape } from './_lib/omega-sweep.ts';
import { ANCHORED, LIMITED, MARGIN, SETTING, check, instanceFor } from './adiana-rounds-vs-omega.ts';

describe('ADIANA’s tuned rounds grow linearly in ω at fixed n where compression limits them', () => {
  it('pins the regimes: every judged cell has 1 + ω ≥ 4n; every anchor-limited cell has 1 + ω < n and p = α/2', () => {
    for (const { n, K } of LIMITED) expect(1 + (SETTING.d / K - 1)).toBeGreaterThanOrEqual(4 * n);
    for (const { n, K } of ANCHORED) {
      const omega = SETTING.d / K - 1;
      expect(1 + omega).toBeLessThan(n);
      const p = adianaParameters({ L: 1, mu: 1 / SETTING.kappa, omega, n });
      expect(p.p).toBeCloseTo(1 / (2 * (1 + omega)), 15);
    }
    expect(shape(63, 4)).toBeCloseTo(32.5, 15);
    expect(MARGIN).toBe(0.1);
    expect(new Set(instanceFor(1, 0, 4).lambda).size).toBe(SETTING.levels);
  });

  it('check() at quick: the ω-law passes, its teeth fire, the n-slope and the anchor-limited slope are observed', async () => {
    const r = await check(1, 'quick');
    expect(r.verdicts.map((v) => [v.expectation, v.status])).toEqual([
      ['holds', 'pass'],
      ['may-fail', 'pass'],
      ['may-fail', 'pass'],
      ['holds', 'observed'],
      ['holds', 'observed'],
    ]);
    // The n-slope is steeper than the shape's on this grid (measured ≈ −0.6 against ≈ −0.47), the anchor-limited
    // slope near 1/2.
    expect(r.verdicts[3].lhs).toBeLessThan(r.verdicts[3].rhs);
    expect(Math.abs(r.verdicts[4].lhs - 0.5)).toBeLessThan(0.1);
  });
});
