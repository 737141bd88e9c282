import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fraction, type Fraction } from 'mathjs';
import { key } from '../rng/key.ts';
import { bernoulliSparsifier } from './bernoulli.ts';

/** Exact E C(x) and E‖C(x) − x‖² over all 2^d keep-patterns, with p_j = n_j/16 and integer x. */
function enumerate(ps: readonly Fraction[], x: readonly number[]): { mean: Fraction[]; errorSq: Fraction } {
  const d = x.length;
  const mean = x.map(() => fraction(0));
  let errorSq = fraction(0);
  for (let mask = 0; mask < 1 << d; mask++) {
    let prob = fraction(1);
    for (let j = 0; j < d; j++) prob = prob.mul(mask & (1 << j) ? ps[j] : fraction(1).sub(ps[j]));
    for (let j = 0; j < d; j++) {
      if (mask & (1 << j)) mean[j] = mean[j].add(prob.mul(x[j]));
      else errorSq = errorSq.add(prob.mul(x[j] * x[j]));
    }
  }
  return { mean, errorSq };
}

const instance = fc
  .integer({ min: 1, max: 8 })
  .chain((d) =>
    fc.tuple(
      fc.array(fc.integer({ min: 1, max: 16 }), { minLength: d, maxLength: d }),
      fc.array(fc.integer({ min: -20, max: 20 }), { minLength: d, maxLength: d }),
    ),
  );

describe('Bernoulli sparsification (docs/theory.md §1.1 row 4)', () => {
  it('matches the exact moments over all 2^d outcomes, and they meet α = min p_j', () => {
    fc.assert(
      fc.property(instance, ([n, x]) => {
        const d = x.length;
        const ps = n.map((nj) => fraction(nj, 16));
        const { mean, errorSq } = enumerate(ps, x);
        const c = bernoulliSparsifier(
          d,
          n.map((nj) => nj / 16),
        );
        const alpha = Math.min(...n) / 16;
        expect(c.contract).toEqual({ kind: 'contractive', alpha });
        const normSq = x.reduce((s, t) => s + t * t, 0);
        expect(
          errorSq.compare(
            fraction(1)
              .sub(fraction(Math.min(...n), 16))
              .mul(normSq),
          ),
        ).toBeLessThanOrEqual(0);
        const e = c.expectation?.(Float64Array.from(x));
        // p_j = n_j/16 and integer x make every expectation() term exact in floating point.
        for (let j = 0; j < d; j++) expect(e?.mean[j]).toBe(mean[j].valueOf());
        expect(e?.errorSq).toBe(errorSq.valueOf());
      }),
    );
  });

  it('attains the bound at x = e_{argmin p}', () => {
    const c = bernoulliSparsifier(4, [0.5, 0.25, 0.75, 1]);
    expect(c.expectation?.(Float64Array.of(0, 3, 0, 0))?.errorSq).toBe((1 - 0.25) * 9);
    expect(c.name).toBe('bernoulli(p=[0.5,0.25,0.75,1],d=4)');
  });

  it('keeps x_j or 0, never rescales, and with p = 1 is the identity', () => {
    const x = Float64Array.of(1, -2, 3, -4, 5, 0);
    for (let i = 0; i < 20; i++) {
      const out = bernoulliSparsifier(6, 0.5).compress(x, key(i));
      for (let j = 0; j < 6; j++) expect(out[j] === x[j] || out[j] === 0).toBe(true);
    }
    expect(Array.from(bernoulliSparsifier(6, 1).compress(x, key(1)))).toEqual(Array.from(x));
  });

  it('bills one value/index pair per non-zero output and rejects bad probabilities and lengths', () => {
    expect(bernoulliSparsifier(8, 0.5).bits(Float64Array.of(0, 1, 0, 0, 2, 0, 0, 0))).toEqual({
      values: 128,
      indices: 6 + 4,
    });
    expect(() => bernoulliSparsifier(3, 0)).toThrow(RangeError);
    expect(() => bernoulliSparsifier(3, 1.5)).toThrow(RangeError);
    expect(() => bernoulliSparsifier(3, [0.5, 0.5])).toThrow(RangeError);
    expect(() => bernoulliSparsifier(3, 0.5).compress(new Float64Array(2), key(0))).toThrow(RangeError);
  });
});

/**
 * The name is printed verbatim in reports: a scalar p is printed as one number, up to 6 per-coordinate
 * probabilities are listed, more are summarised as [min..max].
 */
describe('Bernoulli sparsification: the name printed in reports', () => {
  it('names a scalar p by its value, not as a list of d copies', () => {
    expect(bernoulliSparsifier(3, 0.5).name).toBe('bernoulli(p=0.5,d=3)');
  });

  it('lists up to 6 per-coordinate probabilities in order', () => {
    expect(bernoulliSparsifier(6, [0.6, 0.1, 0.3, 0.2, 0.5, 0.4]).name).toBe(
      'bernoulli(p=[0.6,0.1,0.3,0.2,0.5,0.4],d=6)',
    );
    expect(bernoulliSparsifier(1, [0.5]).name).toBe('bernoulli(p=[0.5],d=1)');
  });

  it('summarises more than 6 probabilities as [min..max], wherever min and max sit', () => {
    expect(bernoulliSparsifier(7, [0.6, 0.1, 0.7, 0.2, 0.5, 0.4, 0.3]).name).toBe('bernoulli(p=[0.1..0.7],d=7)');
  });
});
