import { describe, expect, it } from 'vitest';
import { studentCritical, zCoverage } from './student-critical.ts';

const tail = 9.865876450376946e-10; // Φ(−6)

describe('studentCritical', () => {
  it('matches the closed forms at dof 1 (Cauchy: cot(π·tail)) and dof 2 ((1 − 2p)/√(2p(1 − p)))', () => {
    expect(Math.abs(studentCritical(1) / (1 / Math.tan(Math.PI * tail)) - 1)).toBeLessThan(1e-6);
    expect(Math.abs(studentCritical(2) / ((1 - 2 * tail) / Math.sqrt(2 * tail * (1 - tail))) - 1)).toBeLessThan(1e-6);
  });

  it('falls towards z as dof grows and equals the usual 95% quantile at z = 1.96', () => {
    const ts = [3, 7, 15, 31, 100, 1000, 100_000].map((d) => studentCritical(d));
    for (let i = 1; i < ts.length; i++) expect(ts[i]).toBeLessThan(ts[i - 1]);
    expect(ts[ts.length - 1]).toBeGreaterThan(6);
    expect(ts[ts.length - 1]).toBeLessThan(6.001);
    expect(Math.abs(studentCritical(5, 1.959963984540054) - 2.570581835636314)).toBeLessThan(1e-6);
  });

  it('gives the two-sided coverage 1 − 2Φ(−z) and refuses bad arguments', () => {
    expect(Math.abs(zCoverage() - (1 - 2 * tail))).toBeLessThan(1e-15);
    expect(Math.abs(zCoverage(1.959963984540054) - 0.95)).toBeLessThan(1e-12);
    expect(() => studentCritical(0)).toThrow(RangeError);
    expect(() => studentCritical(3, 0)).toThrow(RangeError);
  });
});
