import { describe, expect, test } from 'vitest';
import { lTilde } from './types.ts';
import { theorem1Instance } from './theorem1-instance.ts';
import { centralDifferenceRatio } from './gradient-check.ts';

describe('theorem1Instance', () => {
  test('is (L/2)‖x‖² on every node with exact constants', () => {
    const p = theorem1Instance({ L: 2.5, n: 4 });
    expect(p.dim).toBe(2);
    expect(p.n).toBe(4);
    expect(p.L).toBe(2.5);
    expect(p.Li).toEqual([2.5, 2.5, 2.5, 2.5]);
    expect(lTilde(p)).toBe(2.5);
    expect(p.mu).toBe(2.5);
    expect(p.fInf).toBe(0);
    expect(p.fInfExact).toBe(true);
    for (let i = 0; i < 4; i++) {
      expect(p.fI(i, Float64Array.of(3, -4))).toBe(31.25);
      expect(Array.from(p.gradI(i, Float64Array.of(3, -4)))).toEqual([7.5, -10]);
    }
  });

  test('defaults to L = 1 and its gradient matches central differences', () => {
    const p = theorem1Instance({ n: 1 });
    expect(p.L).toBe(1);
    expect(centralDifferenceRatio(p, 0, Float64Array.of(0.3, -7), p.Li[0])).toBeLessThanOrEqual(1);
  });

  test('rejects L ≤ 0, a non-integer n and out-of-range nodes', () => {
    expect(() => theorem1Instance({ L: 0, n: 1 })).toThrow(RangeError);
    expect(() => theorem1Instance({ n: 1.5 })).toThrow(/n ≥ 1/);
    expect(() => theorem1Instance({ n: 2 }).gradI(2, Float64Array.of(0, 0))).toThrow(RangeError);
  });
});
