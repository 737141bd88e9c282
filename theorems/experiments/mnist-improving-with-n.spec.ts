import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gradient, objective } from '../../src/problems/types.ts';
import { buildProblems, check, METHODS, SIZES } from './mnist-improving-with-n.ts';

const allFinite = (xs: readonly number[]): boolean => xs.every((x) => Number.isFinite(x));

describe('EF21-SGDM poster Experiment 2 (improving with n), MNIST even/odd in place of real-sim', () => {
  it('a quick run is complete and well-formed: every method has a series, numbers finite, settings and the substitution stated', async () => {
    const sizes = SIZES.quick;
    const result = await check(1, 'quick');
    const figures = result.figures ?? [];
    const nMin = sizes.nodes[0];
    const nMax = sizes.nodes[sizes.nodes.length - 1];
    expect(figures.map((f) => f.name)).toEqual([
      'final-vs-n',
      `rounds-n${nMin}`,
      `bits-n${nMin}`,
      `rounds-n${nMax}`,
      `bits-n${nMax}`,
    ]);
    for (const f of figures) {
      if (f.kind !== 'line') throw new Error(`${f.name}: expected a line figure`);
      expect(f.series.map((s) => s.name.split(',')[0])).toEqual(METHODS.map((m) => m.label));
      for (const s of f.series) {
        expect(s.points.length).toBe(f.name === 'final-vs-n' ? sizes.nodes.length : sizes.curvePoints + 1);
        expect(allFinite(s.points.flat())).toBe(true);
      }
    }
    const settings = (result.tables ?? [])[0];
    expect(settings.title).toBe('Settings');
    const text = JSON.stringify(settings.rows);
    for (const s of ['nodes n', 'batch B', 'step-size grid', 'momentum η', 'rounds T', 'Substitution for real-sim'])
      expect(text).toContain(s);
    expect((result.notes ?? [])[0]).toMatch(/^SUBSTITUTION: .*real-sim/);
    expect(result.verdicts).toEqual([]);
  });

  it('f is the same function for every n (equal shares of the same digits): values and gradients agree at random points', () => {
    const problems = buildProblems(3, { digits: 40, nodes: [1, 2, 4, 5] });
    const d = problems[0].dim;
    fc.assert(
      fc.property(fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: d, maxLength: d }), (xs) => {
        const x = Float64Array.from(xs);
        const f1 = objective(problems[0], x);
        const g1 = gradient(problems[0], x);
        for (const p of problems.slice(1)) {
          // Each f_i sums its own rows; the scale of the summands is |f| (all terms ≥ 0), so rtol·|f| covers rounding.
          expect(Math.abs(objective(p, x) - f1)).toBeLessThanOrEqual(1e-12 * Math.abs(f1) + 1e-300);
          const g = gradient(p, x);
          let diff = 0;
          let size = 0;
          for (let j = 0; j < d; j++) {
            diff = Math.max(diff, Math.abs(g[j] - g1[j]));
            size = Math.max(size, Math.abs(g1[j]));
          }
          expect(diff).toBeLessThanOrEqual(1e-12 * (size + 1));
        }
      }),
      { numRuns: 10 },
    );
    expect(problems.map((p) => p.n)).toEqual([1, 2, 4, 5]);
  });

  it('refuses a digit count that some n does not divide (f would then change with n)', () => {
    expect(() => buildProblems(1, { digits: 30, nodes: [1, 4] })).toThrow(/multiple of every n/);
  });

  it('judges at the default budget only, and its sizes keep the digit count a multiple of every n', () => {
    expect(SIZES.quick.judge).toBe(false);
    expect(SIZES.default.judge).toBe(true);
    for (const s of Object.values(SIZES)) {
      for (const n of s.nodes) expect(s.digits % n).toBe(0);
      expect((s.rounds / 8) % (s.rounds / s.curvePoints)).toBe(0);
    }
  });
});
