import { describe, expect, test } from 'vitest';
import { key } from '../rng/key.ts';
import { randomOrthonormalFrame } from './random-frame.ts';

const dot = (a: Float64Array, b: Float64Array): number => a.reduce((s, x, j) => s + x * b[j], 0);

describe('randomOrthonormalFrame', () => {
  test('is orthonormal to rounding at d = 10⁴, and delocalised: every entry is O(√(log d / d))', () => {
    const d = 10_000;
    const U = randomOrthonormalFrame(key(3), d, 4);
    for (let i = 0; i < 4; i++)
      for (let j = 0; j < 4; j++) expect(Math.abs(dot(U[i], U[j]) - (i === j ? 1 : 0))).toBeLessThanOrEqual(1e-13);
    // A Haar unit vector's largest entry is ≈ √(2 ln d / d) ≈ 0.043 here; 0.06 leaves room for one seed, 0.01 would be
    // a frame concentrated on a few coordinates (where RandK would see the saddle only with probability K/d).
    for (const u of U) expect(u.reduce((m, x) => Math.max(m, Math.abs(x)), 0)).toBeLessThan(0.06);
  });

  test('is deterministic in its key and differs between keys; m = d gives an orthogonal matrix', () => {
    const a = randomOrthonormalFrame(key(5), 7, 2);
    const b = randomOrthonormalFrame(key(5), 7, 2);
    expect(Array.from(a[1])).toEqual(Array.from(b[1]));
    expect(Array.from(randomOrthonormalFrame(key(6), 7, 2)[0])).not.toEqual(Array.from(a[0]));
    const Q = randomOrthonormalFrame(key(1), 5, 5);
    for (let i = 0; i < 5; i++)
      for (let j = 0; j < 5; j++) expect(Math.abs(dot(Q[i], Q[j]) - (i === j ? 1 : 0))).toBeLessThanOrEqual(1e-14);
  });

  test('rejects m > d and non-integers', () => {
    expect(() => randomOrthonormalFrame(key(1), 2, 3)).toThrow(RangeError);
    expect(() => randomOrthonormalFrame(key(1), 2.5, 1)).toThrow(RangeError);
    expect(() => randomOrthonormalFrame(key(1), 2, 0)).toThrow(RangeError);
  });
});
