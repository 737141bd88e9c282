import { describe, expect, it } from 'vitest';
import { studentCritical } from './student-critical.ts';
import {
  confidenceBand,
  exponentInInterval,
  logLogFit,
  logLogFitGrouped,
  logLogFitMulti,
  zLevelInterval,
} from './log-log-fit.ts';

// Hand-computed case: x = 1, 2, 4, 8 so u = ln x = (0, 1, 2, 3)·ln 2, ū = 1.5 ln 2, Sxx = 5 (ln 2)²;
// ln y = ln 3 + 2u + e with e = (r, −r, −r, r), which is orthogonal to both 1 and u − ū. Hence slope = 2 and
// intercept = ln 3 exactly, SSE = 4r², s² = SSE/(n − 2) = 2r², se(slope) = sqrt(2r²/(5 ln²2)) = r·sqrt(0.4)/ln 2,
// and t_{0.975, 2} = 4.302652729911275 (Student t tables: 4.303).
const r = 0.1;
const xs = [1, 2, 4, 8];
const es = [r, -r, -r, r];
const ys = xs.map((x, i) => 3 * x * x * Math.exp(es[i]));
const T_975_2 = 4.302652729911275;
const close = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-12 * (Math.abs(a) + Math.abs(b)) + 1e-300;

describe('logLogFit', () => {
  it('recovers the hand-computed slope, intercept, standard error and t quantile', () => {
    const fit = logLogFit(xs, ys);
    expect(close(fit.slope, 2)).toBe(true);
    expect(close(fit.intercept, Math.log(3))).toBe(true);
    expect(close(fit.slopeSe, (r * Math.sqrt(0.4)) / Math.LN2)).toBe(true);
    expect(Math.abs(fit.tCritical - T_975_2)).toBeLessThan(1e-9);
    expect(close(fit.residualSd, r * Math.SQRT2)).toBe(true);
    expect(close(fit.slopeHi - fit.slopeLo, 2 * fit.tCritical * fit.slopeSe)).toBe(true);
    expect(fit.n).toBe(4);
  });

  it('accepts the predicted exponent inside the 95% interval and rejects one just outside it', () => {
    const fit = logLogFit(xs, ys);
    const half = T_975_2 * ((r * Math.sqrt(0.4)) / Math.LN2); // ≈ 0.2776
    expect(exponentInInterval(fit, 2)).toBe(true);
    expect(exponentInInterval(fit, 2 + 0.99 * half)).toBe(true);
    expect(exponentInInterval(fit, 2 + 1.01 * half)).toBe(false);
    expect(exponentInInterval(fit, 2 - 1.01 * half)).toBe(false);
    expect(exponentInInterval(fit, 1)).toBe(false);
  });

  it('gives a band of half-width t·s/√n (in log space) at the geometric mean of x', () => {
    const fit = logLogFit(xs, ys);
    const xMid = Math.exp(1.5 * Math.LN2);
    const band = confidenceBand(fit, xMid);
    expect(close(Math.log(band.mid), Math.log(3) + 2 * 1.5 * Math.LN2)).toBe(true);
    expect(close(Math.log(band.hi) - Math.log(band.mid), (fit.tCritical * fit.residualSd) / 2)).toBe(true);
    expect(close(Math.log(band.mid) - Math.log(band.lo), (fit.tCritical * fit.residualSd) / 2)).toBe(true);
    // Away from the centre the band widens.
    const far = confidenceBand(fit, 64);
    expect(Math.log(far.hi / far.mid)).toBeGreaterThan(Math.log(band.hi / band.mid));
  });

  it('gives a zero-width interval on exactly collinear points', () => {
    const fit = logLogFit([1, 10, 100], [5, 0.5, 0.05]);
    expect(close(fit.slope, -1)).toBe(true);
    expect(fit.slopeSe).toBeLessThan(1e-14);
    expect(fit.r2).toBeCloseTo(1, 12);
  });

  it('rejects too few points, non-positive values and constant x', () => {
    expect(() => logLogFit([1, 2], [1, 2])).toThrow(RangeError);
    expect(() => logLogFit([1, 2, 3], [1, 0, 2])).toThrow(/positive/);
    expect(() => logLogFit([2, 2, 2], [1, 2, 3])).toThrow(/equal/);
    expect(() => logLogFit([1, 2, 3], [1, 2])).toThrow(RangeError);
  });
});

describe('logLogFitMulti', () => {
  it('agrees with the single-regressor fit when given one regressor', () => {
    const single = logLogFit(xs, ys);
    const multi = logLogFitMulti([xs], ys);
    expect(close(multi.exponents[0], single.slope)).toBe(true);
    expect(close(multi.intercept, single.intercept)).toBe(true);
    expect(close(multi.se[0], single.slopeSe)).toBe(true);
    expect(close(multi.tCritical, single.tCritical)).toBe(true);
  });

  it('recovers both exponents of y = 5·n^(−1)·α^(−2) on a grid', () => {
    const n: number[] = [];
    const alpha: number[] = [];
    const y: number[] = [];
    for (const ni of [1, 2, 4, 8])
      for (const a of [0.1, 0.25, 0.5]) {
        n.push(ni);
        alpha.push(a);
        y.push((5 / ni) * a ** -2);
      }
    const fit = logLogFitMulti([n, alpha], y);
    expect(Math.abs(fit.exponents[0] + 1)).toBeLessThan(1e-10);
    expect(Math.abs(fit.exponents[1] + 2)).toBeLessThan(1e-10);
    expect(Math.abs(fit.intercept - Math.log(5))).toBeLessThan(1e-10);
    expect(fit.hi[0] - fit.lo[0]).toBeLessThan(1e-8);
  });

  it('refuses collinear regressors', () => {
    expect(() =>
      logLogFitMulti(
        [
          [1, 2, 4, 8],
          [1, 4, 16, 64],
        ],
        [1, 2, 3, 4],
      ),
    ).toThrow(/collinear/);
  });
});

describe('zLevelInterval', () => {
  const tail = 9.865876450376946e-10; // Φ(−6)
  it('uses the Student-t critical value of z = 6 for the fit’s dof (src/stats/student-critical.ts)', () => {
    const at = (dof: number) => zLevelInterval({ slope: 0, slopeSe: 1, dof });
    expect(at(2).tCritical).toBe(studentCritical(2));
    expect(at(48).tCritical).toBeGreaterThan(at(100).tCritical);
    expect(Math.abs(at(2).confidence - (1 - 2 * tail))).toBeLessThan(1e-15);
  });

  it('is the fit’s slope ± t·se, wider than the 95% interval, and refuses a non-positive z', () => {
    const fit = logLogFit(xs, ys);
    const z6 = zLevelInterval(fit);
    expect(close(z6.hi - fit.slope, z6.tCritical * fit.slopeSe)).toBe(true);
    expect(close(fit.slope - z6.lo, z6.tCritical * fit.slopeSe)).toBe(true);
    expect(z6.lo).toBeLessThan(fit.slopeLo);
    expect(z6.hi).toBeGreaterThan(fit.slopeHi);
    // z = 1.959964 is the 95% level: the same interval as the fit's own.
    const z95 = zLevelInterval(fit, 1.959963984540054);
    expect(Math.abs(z95.tCritical - T_975_2)).toBeLessThan(1e-6);
    expect(() => zLevelInterval(fit, 0)).toThrow(RangeError);
  });
});

describe('logLogFitGrouped', () => {
  it('removes each group’s level: groups 3·x² and 50·x² with orthogonal noise give slope 2 and the pooled-within se', () => {
    // Each group is the hand case above with its own constant; the within residuals are es in each group.
    const groups = [3, 50].map((c) => ({ x: xs, y: xs.map((x, i) => c * x * x * Math.exp(es[i])) }));
    const fit = logLogFitGrouped(groups);
    expect(close(fit.slope, 2)).toBe(true);
    expect(fit.dof).toBe(8 - 2 - 1);
    // SSE = 2·4r², Sxx = 2·5(ln 2)², s² = 8r²/5.
    expect(close(fit.slopeSe, Math.sqrt((8 * r * r) / 5 / (10 * Math.LN2 * Math.LN2)))).toBe(true);
    expect(Math.abs(fit.tCritical - 2.570581835636314)).toBeLessThan(1e-9); // t_{0.975, 5}
    // The pooled fit of the same points mixes the two levels into its residuals: far wider.
    const pooled = logLogFit([...xs, ...xs], [...groups[0].y, ...groups[1].y]);
    expect(close(pooled.slope, 2)).toBe(true);
    expect(pooled.slopeSe).toBeGreaterThan(10 * fit.slopeSe);
  });

  it('equals the simple fit for one group, and refuses degenerate input', () => {
    const one = logLogFitGrouped([{ x: xs, y: ys }]);
    const simple = logLogFit(xs, ys);
    for (const k of ['slope', 'intercept', 'slopeSe', 'tCritical', 'residualSd', 'sxx'] as const)
      expect(close(one[k], simple[k])).toBe(true);
    expect(one.dof).toBe(simple.dof);
    expect(() => logLogFitGrouped([{ x: [1, 2], y: [1, 2] }])).toThrow(/more points than groups/);
    expect(() =>
      logLogFitGrouped([
        { x: [1], y: [1] },
        { x: [1, 2], y: [1, 2] },
      ]),
    ).toThrow(/at least 2/);
    expect(() =>
      logLogFitGrouped([
        { x: [2, 2], y: [1, 2] },
        { x: [3, 3, 3], y: [1, 2, 3] },
      ]),
    ).toThrow(/constant/);
    expect(() => logLogFitGrouped([{ x: [1, 2, 3], y: [1, -2, 3] }])).toThrow(/positive/);
  });
});
