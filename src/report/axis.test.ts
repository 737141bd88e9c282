import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fittedDomain, planAxis, powerLabel, type AxisPlan } from './axis.ts';
import { auditAxis, type AuditedAxis } from './figure-audit.ts';

/** An axis plan as the audit sees it in a spec. */
const audited = (p: AxisPlan, data: readonly number[], channel: 'x' | 'y' = 'x'): AuditedAxis => ({
  channel,
  log: p.log,
  domain: p.domain,
  data,
  ticks: p.ticks,
  labels: p.labels.filter((l) => l !== ''),
  integer: p.integer,
});

const x = (values: number[], log: boolean, integer?: boolean): AxisPlan =>
  planAxis(values, { log, length: 560, orient: 'x', fontSize: 11, ...(integer === undefined ? {} : { integer }) });
const y = (values: number[], log: boolean): AxisPlan =>
  planAxis(values, { log, length: 320, orient: 'y', fontSize: 11 });
const shown = (p: AxisPlan): string[] => p.labels.filter((l) => l !== '');

describe('axis domains fitted to the data', () => {
  it('does not pad a log axis to whole decades: n = 1 … 16 stays below 20, y in 2.4–2.8 stays in 2.4–2.8', () => {
    const n = x([1, 2, 4, 8, 16], true);
    expect(n.domain[1]).toBeLessThan(20);
    expect(n.domain[0]).toBeGreaterThan(0.8);
    const e = y([2.4, 2.55, 2.8], true);
    expect(e.domain[0]).toBeGreaterThan(2.3);
    expect(e.domain[1]).toBeLessThan(2.9);
    // A narrow log axis still gets labels (linear steps inside it), not a bare frame between 1 and 10.
    expect(shown(e)).toEqual(['2.4', '2.5', '2.6', '2.7', '2.8']);
  });

  it('keeps non-negative data off a negative axis and gives a single value some room', () => {
    expect(fittedDomain([0, 0.42], false)[0]).toBe(0);
    expect(fittedDomain([3, 3], false)).toEqual([2.7, 3.3]);
    expect(fittedDomain([5, 5], true)).toEqual([4, 6.25]);
  });

  it('encloses any data set within the stated margins, and labels every axis in one format', () => {
    const logData = fc
      .tuple(
        fc.double({ min: -15, max: 15, noNaN: true }),
        fc.double({ min: 0, max: 25, noNaN: true }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 30 }),
      )
      .map(([a, span, us]) => us.map((u) => 10 ** (a + u * span)));
    const linData = fc
      .tuple(
        fc.double({ min: -1e7, max: 1e7, noNaN: true }),
        fc.double({ min: 0, max: 1e7, noNaN: true }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 30 }),
      )
      .map(([a, span, us]) => us.map((u) => a + u * span));
    const counts = fc.array(fc.integer({ min: 0, max: 5000 }), { minLength: 1, maxLength: 30 });
    fc.assert(
      fc.property(
        fc.oneof(
          logData.map((d) => ({ d, log: true })),
          linData.map((d) => ({ d, log: false })),
          counts.map((d) => ({ d, log: false })),
        ),
        fc.boolean(),
        ({ d, log }, onX) => {
          const p = onX ? x(d, log) : y(d, log);
          expect(auditAxis(audited(p, d))).toEqual([]);
          for (let i = 1; i < p.ticks.length; i++) expect(p.ticks[i]).toBeGreaterThan(p.ticks[i - 1]);
          for (const l of p.labels) expect(l).not.toMatch(/e[+-]|,/);
          // A span worth reading (a factor 3, or two units) always carries at least two labels.
          const [lo, hi] = [Math.min(...d), Math.max(...d)];
          if (log ? hi / lo >= 3 : hi - lo >= 2) expect(shown(p).length).toBeGreaterThanOrEqual(2);
        },
      ),
    );
  });
});

describe('tick labels', () => {
  it('writes a log axis over 23 decades as powers of ten only (no 1e+14 beside 10,000,000,000)', () => {
    const p = y([1.75e-9, 1, 1.44e14], true);
    expect(p.format).toBe('power');
    expect(shown(p).length).toBeGreaterThanOrEqual(4);
    expect(shown(p)).toContain('10⁰');
    expect(powerLabel(2e-4)).toBe('2×10⁻⁴');
  });

  it('labels bits with one SI prefix and fractions with one number of decimals', () => {
    const bits = x([0, 5.7e5, 1.15e7], false);
    expect(bits.format).toBe('si');
    expect(shown(bits)).toEqual(['0', '2M', '4M', '6M', '8M', '10M']);
    const frac = y([0, 0.07, 0.42], false);
    expect(frac.format).toBe('decimal');
    expect(shown(frac)).toEqual(['0.0', '0.1', '0.2', '0.3', '0.4']);
  });

  it('puts integer ticks on counts: rounds 0 … 8 read 0, 2, 4 …, never 0.0, 0.5 …', () => {
    const rounds = x([0, 1, 2, 3, 4, 5, 6, 7, 8], false);
    expect(rounds.integer).toBe(true);
    expect(rounds.format).toBe('integer');
    expect(shown(rounds).every((l) => /^\d+$/.test(l))).toBe(true);
    // Few values on a long axis: the step never drops below 1.
    expect(x([0, 2], false).ticks).toEqual([0, 1, 2]);
    // On a log axis of node counts, no tick between the integers.
    expect(x([1, 2, 4, 8, 16], true).ticks.every((t) => Number.isInteger(t))).toBe(true);
    // Declared integer even where the data do not show it.
    expect(x([0.5, 7.5], false, true).ticks.every((t) => Number.isInteger(t))).toBe(true);
  });

  it('labels a short log axis at every integer that fits (1 … 8), a longer one at 1, 2, 5 per decade', () => {
    expect(shown(x([1, 1.5, 2, 4, 8], true))).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
    expect(shown(y([0.0469, 1.78], true))).toEqual(['0.05', '0.1', '0.2', '0.5', '1', '2']);
  });
});
