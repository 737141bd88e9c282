import { describe, expect, it } from 'vitest';
import { identity } from '../compressors/identity.ts';
import { topK } from '../compressors/top-k.ts';
import type { ReadonlyVector } from '../linalg/vector.ts';
import { gaussianOracle } from '../oracles/gaussian.ts';
import { diagonalQuadratic } from '../problems/diagonal-quadratic.ts';
import { key, split } from '../rng/key.ts';
import { ef21SgdIdeal } from './ef21-sgd-ideal.ts';

// ∇f_i ≠ 0 at every point used (b ≠ 0), so g_i = ∇f_i + C(ĝ_i − ∇f_i) tells each term apart.
const problem = diagonalQuadratic(
  [
    [1, 2, 0.5],
    [2, 1, 3],
  ],
  [
    [1, -2, 0.5],
    [-1, 0.5, 2],
  ],
);
const oracle = gaussianOracle(problem, 0.7);
const x0 = [0.3, -0.2, 1];
const gamma = 0.1;

const closeTo = (a: ReadonlyVector, b: ReadonlyVector): boolean =>
  a.length === b.length &&
  Array.from(a).every((v, j) => Math.abs(v - b[j]) <= 1e-12 * (Math.abs(v) + Math.abs(b[j])) + 1e-300);

describe('EF21-SGD-ideal (docs/theory.md §5.1): only the noise ĝ_i − ∇f_i passes through the compressor', () => {
  it('with the identity compressor every g_i is the stochastic gradient ĝ_i itself, at init and after a step', () => {
    const alg = ef21SgdIdeal({ gamma, compressor: identity(3), x0 });
    const s0 = alg.init(oracle, key(1));
    const [noise0] = split(key(1));
    for (let i = 0; i < 2; i++) expect(closeTo(s0.gi[i], oracle.gradI(i, Float64Array.from(x0), noise0))).toBe(true);
    const s1 = alg.step(s0, oracle, key(2));
    const x1 = Float64Array.from(x0, (v, j) => v - gamma * s0.g[j]);
    const [noise1] = split(key(2));
    for (let i = 0; i < 2; i++) expect(closeTo(s1.gi[i], oracle.gradI(i, x1, noise1))).toBe(true);
  });

  it('with top-1, g_i = ∇f_i + Top1(ĝ_i − ∇f_i): the exact gradient is kept whole and only the noise is sparsified', () => {
    const C = topK(3, 1);
    const alg = ef21SgdIdeal({ gamma, compressor: C, x0 });
    const s0 = alg.init(oracle, key(3));
    const s1 = alg.step(s0, oracle, key(4));
    const x1 = Float64Array.from(x0, (v, j) => v - gamma * s0.g[j]);
    const [noise1] = split(key(4));
    for (let i = 0; i < 2; i++) {
      const exact = problem.gradI(i, x1);
      const hat = oracle.gradI(i, x1, noise1);
      const kept = C.compress(
        Float64Array.from(hat, (v, j) => v - exact[j]),
        key(0),
      );
      const expected = Float64Array.from(exact, (v, j) => v + kept[j]);
      expect(closeTo(s1.gi[i], expected)).toBe(true);
      // Two of the three coordinates carry the exact gradient, not the noisy one.
      expect(Array.from(s1.gi[i]).filter((v, j) => v === exact[j]).length).toBe(2);
    }
    expect(
      closeTo(
        s1.g,
        Float64Array.from(s1.gi[0], (v, j) => (v + s1.gi[1][j]) / 2),
      ),
    ).toBe(true);
  });
});
