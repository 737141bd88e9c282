/**
 * A random orthonormal m-frame u_1, …, u_m in ℝ^d: the part of a Haar-random rotation Q that a function of m
 * rotated coordinates y = (u_1ᵀx, …, u_mᵀx) ever sees. f(Qx) with f depending on y_1…y_m only reads the first m
 * rows of Q, so a saddle "embedded in d dimensions with a random rotation" needs these m·d numbers and O(md) work
 * per product, never a dense d × d matrix (d = 10⁴ in the saddle claims, docs/saddles.md).
 *
 * Construction: Gram–Schmidt on m independent standard Gaussian vectors, each orthogonalised twice against the
 * earlier ones ("twice is enough" [Giraud et al. 2005]). The law is Haar on the Stiefel manifold: the Gaussian
 * matrix's law is invariant under every rotation, and Gram–Schmidt commutes with rotations [Mezzadri 2007, "How to
 * generate random matrices from the classical compact groups", §5 — QR with a positive diagonal]. Entries are then
 * of size 1/√d, which is what makes RandK's noise along a frame direction independent of d (docs/saddles.md).
 */
import { foldIn, type Key } from '../rng/key.ts';
import { normal } from '../rng/sample.ts';
import type { Vector } from './vector.ts';

/**
 * @example
 * const [u1, u2] = randomOrthonormalFrame(key(1), 10_000, 2); // u1·u2 ≈ 0, ‖u1‖ = ‖u2‖ = 1 to rounding
 */
export function randomOrthonormalFrame(k: Key, d: number, m: number): Vector[] {
  if (!(Number.isInteger(d) && d >= 1 && Number.isInteger(m) && m >= 1 && m <= d)) {
    throw new RangeError(`randomOrthonormalFrame: need integers 1 ≤ m ≤ d, got m=${m}, d=${d}`);
  }
  const frame: Vector[] = [];
  for (let i = 0; i < m; i++) {
    const u = normal(foldIn(k, i), d);
    for (let pass = 0; pass < 2; pass++) {
      for (const v of frame) {
        let h = 0;
        for (let j = 0; j < d; j++) h += u[j] * v[j];
        for (let j = 0; j < d; j++) u[j] -= h * v[j];
      }
    }
    let nu = 0;
    for (let j = 0; j < d; j++) nu += u[j] * u[j];
    nu = Math.sqrt(nu);
    // A Gaussian vector in the span of i < d earlier ones has probability zero; rounding cannot produce it either.
    if (!(nu > 0)) throw new RangeError('randomOrthonormalFrame: degenerate draw');
    for (let j = 0; j < d; j++) u[j] /= nu;
    frame.push(u);
  }
  return frame;
}
