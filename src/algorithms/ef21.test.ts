import { describe, expect, it } from 'vitest';
import { topK } from '../compressors/top-k.ts';
import { norm2sq, sub } from '../linalg/vector.ts';
import { exactOracle } from '../oracles/exact.ts';
import { beznosikovInstance } from '../problems/beznosikov.ts';
import { diagonalQuadratic } from '../problems/diagonal-quadratic.ts';
import { gradient, objective } from '../problems/types.ts';
import { key } from '../rng/key.ts';
import { ef21, type EF21State } from './ef21.ts';
import { trajectory } from './run.ts';
import { ef21StepSize, thetaBeta } from './step-sizes.ts';

const close7 = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(0.5e-7 * Math.max(1, Math.abs(b)));

describe('EF21 goldens', () => {
  it('reproduces the worked example of docs/theory.md §3.2 (x^t, g^t, Φ_t to 7 digits, Φ below its bound)', () => {
    // n = 1, d = 2, f = ½‖x‖² (L = L̃ = 1), Top1 (α = ½), γ = 1/(2 + √2) = θ, x⁰ = (1, 2), g⁰ = 0.
    const problem = diagonalQuadratic([[1, 1]]);
    const oracle = exactOracle(problem);
    const gamma = ef21StepSize(problem, 0.5);
    const { theta } = thetaBeta(0.5);
    close7(gamma, 0.2928932);
    const alg = ef21({ gamma, compressor: topK(2, 1) });
    const phi = (s: EF21State) =>
      objective(problem, s.x) - problem.fInf + (gamma / (2 * theta)) * norm2sq(sub(s.gi[0], problem.gradI(0, s.x)));
    const table: [number[], number[], number, number | null][] = [
      [[1, 2], [0, 0], 5.0, null],
      [[1, 2], [0, 2], 3.0, 4.2678],
      // biome-ignore lint/suspicious/noApproximativeNumericConstant: values as printed to 7 digits, not √2 or 1/√2
      [[1, 1.4142136], [1, 2], 1.6715729, 2.2678],
      // biome-ignore lint/suspicious/noApproximativeNumericConstant: values as printed to 7 digits, not √2 or 1/√2
      [[0.7071068, 0.8284271], [1, 0.8284271], 0.636039, 1.2322],
    ];
    let s: EF21State = {
      t: 0,
      x: Float64Array.of(1, 2),
      g: Float64Array.of(0, 0),
      gi: [Float64Array.of(0, 0)],
      bitsPerNode: 0,
      initBitsPerNode: 0,
    };
    for (let t = 0; t < table.length; t++) {
      const [x, g, phiT, bound] = table[t];
      if (t > 0) {
        const prev = s;
        s = alg.step(prev, oracle, key(t));
        const rhs = phi(prev) - (gamma / 2) * norm2sq(gradient(problem, prev.x));
        expect(Math.abs(rhs - (bound as number))).toBeLessThanOrEqual(0.5e-4);
        expect(phi(s)).toBeLessThanOrEqual(rhs);
      }
      x.forEach((v, j) => {
        close7(s.x[j], v);
      });
      g.forEach((v, j) => {
        close7(s.g[j], v);
      });
      close7(phi(s), phiT);
    }
  });

  it('converges on the Beznosikov instance with Top1 at γ = 1/(L + L̃ξ(1/3)), where naive compressed GD diverges (docs/theory.md §2.3)', () => {
    const problem = beznosikovInstance();
    const gamma = ef21StepSize(problem, 1 / 3);
    const run = trajectory(ef21({ gamma, compressor: topK(3, 1), x0: [1, 1, 1] }), exactOracle(problem), 3000, key(0), {
      record: 1000,
    });
    expect(run.diverged).toBeUndefined();
    expect(run.rounds).toEqual([0, 1000, 2000, 3000]);
    // docs/theory.md measured ‖∇f(x^3000)‖ = 2.1e−9 from ‖∇f(x⁰)‖ ≈ 2.02.
    expect(Math.sqrt(run.gradNormSq[3])).toBeLessThan(1e-8);
    for (let r = 1; r < run.rounds.length; r++) expect(run.gradNormSq[r]).toBeLessThan(run.gradNormSq[r - 1]);
  });
});
