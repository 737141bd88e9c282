/**
 * The sampling-free side of thm1-ef21-sgd-ideal-lower-bound (docs/theory.md §5.2, R + D): on the Theorem 1 instance
 * (f = (L/2)‖x‖², d = 2, top-1, the reconstructed three-point noise ξ) the compressed noise has the bias
 * b = E Top1(ξ) = (0, 2c/3), and EF21-SGD-ideal's mean gradient has the closed form
 *   E∇f(x^t) = (1 − γL)^t ∇f(x⁰) − (1 − (1 − γL)^t) b,
 * whatever n. The claim's exact check evaluates its sides on the grid below.
 */
import { topK } from '../../../src/compressors/top-k.ts';
import { norm2sq, type Vector } from '../../../src/linalg/vector.ts';
import { threePointSupport } from '../../../src/oracles/three-point.ts';
import { key } from '../../../src/rng/key.ts';
import type { Trial } from '../../types.ts';

/**
 * b = E Top1(ξ), by enumerating the three-point law through the suite's own top-1 (exact; = (0, 2c/3)).
 * @example
 * compressedNoiseMean(Math.sqrt(14 / 3));
 * // returns Float64Array [0, 0.6666666666666666]
 */
export function compressedNoiseMean(sigma: number): Vector {
  const top1 = topK(2, 1);
  const b = new Float64Array(2);
  for (const { p, value } of threePointSupport(sigma)) {
    const c = top1.compress(value, key(0));
    b[0] += p * c[0];
    b[1] += p * c[1];
  }
  return b;
}

/**
 * E∇f(x^t) = (1 − γL)^t ∇f(x⁰) − (1 − (1 − γL)^t) b [docs/theory.md §5.2, R + D], from E x^{t+1} = (1 − γL) E x^t − γb.
 * ∇f(x⁰) = L x⁰ on this instance.
 */
export function expectedGradient(
  L: number,
  gamma: number,
  x0: readonly number[],
  b: ArrayLike<number>,
  t: number,
): Vector {
  const q = (1 - gamma * L) ** t;
  return Float64Array.from([0, 1], (j) => q * L * x0[j] - (1 - q) * b[j]);
}

/** c·min{σ², ‖∇f(x⁰)‖²}. */
export function floorValue(constant: number, sigma: number, grad0NormSq: number): number {
  return constant * Math.min(sigma * sigma, grad0NormSq);
}

/** Both sides of floor ≤ ‖E∇f(x^t)‖² (lhs = floor, rhs = ‖E∇f(x^t)‖²; ‖E∇f‖² ≤ E‖∇f‖² closes the claim). */
export function exactSides(
  constant: number,
  L: number,
  sigma: number,
  gamma: number,
  x2: number,
  t: number,
  b: ArrayLike<number> = compressedNoiseMean(sigma),
): Trial {
  const x0 = [0, x2];
  const mean = expectedGradient(L, gamma, x0, b, t);
  const lhs = floorValue(constant, sigma, (L * x2) ** 2);
  const rhs = norm2sq(mean);
  return { lhs, rhs, scale: lhs + rhs, instance: { L, sigma, gamma, x0, t } };
}

/** exactSides at every t ≤ tMax on the grid L ∈ {1, 4}, σ ∈ {0.1, 1, 10}, x₂ ∈ {−0.01, …, −10}, γL ∈ {1, …, 0.01}. */
export function closedFormGrid(constant: number, tMax: number): Trial[] {
  const out: Trial[] = [];
  for (const L of [1, 4]) {
    for (const sigma of [0.1, 1, 10]) {
      const bSigma = compressedNoiseMean(sigma);
      for (const x2 of [-0.01, -0.1, -1, -10]) {
        for (const gammaL of [1, 0.5, 0.1, 0.01])
          for (let t = 0; t <= tMax; t++) out.push(exactSides(constant, L, sigma, gammaL / L, x2, t, bSigma));
      }
    }
  }
  return out;
}
