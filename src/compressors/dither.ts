/**
 * The random rounding step shared by standard dithering (qsgd.ts) and natural dithering (natural-dithering.ts):
 *   C(x)_j = ‖x‖₂ sign(x_j) ξ_j,  ξ_j = upper w.p. up, else lower,
 * where lower ≤ r_j = |x_j|/‖x‖₂ ≤ upper are the bracketing levels of the compressor's grid and
 * up = (r_j − lower)/(upper − lower) makes the rounding unbiased [Alistarh et al. 2017; Horváth et al. 2019].
 * Only the grid differs between the two, so each passes its own `bracket`.
 */
import { norm2 } from '../linalg/norms.ts';
import type { ReadonlyVector, Vector } from '../linalg/vector.ts';
import type { ExactMoments } from './types.ts';
import type { Key } from '../rng/key.ts';
import { uniform } from '../rng/sample.ts';

/** The levels bracketing r = |t|/‖x‖₂ and the probability of rounding up to `upper`. */
export type Bracket = (
  t: number,
  norm: number,
) => { readonly lower: number; readonly upper: number; readonly up: number };

/** ‖x‖₂, or a RangeError when it is not a finite double (the wire format ships it as one). */
export function shippedNorm(name: string, x: ReadonlyVector): number {
  const norm = norm2(x);
  if (!Number.isFinite(norm))
    throw new RangeError(`${name}: ‖x‖₂ is not a finite double (${norm}); the message ships it as one`);
  return norm;
}

/**
 * One draw of the dithered vector; x = 0 gives 0 (no norm to scale by) and zero coordinates stay 0.
 *
 * @example
 * dither('qsgd(s=1,d=4)', Float64Array.of(1, 1, 1, 1), key(0), (t, norm) => ({ lower: 0, upper: 1, up: Math.abs(t) / norm }));
 * // returns Float64Array [0, 2, 2, 2]   (each entry 0 or ‖x‖₂ = 2, as qsgd(4, 1))
 */
export function dither(name: string, x: ReadonlyVector, key: Key, bracket: Bracket): Vector {
  const d = x.length;
  const out = new Float64Array(d);
  const norm = shippedNorm(name, x);
  if (norm === 0) return out;
  const u = uniform(key, d);
  for (let j = 0; j < d; j++) {
    const t = x[j];
    if (t === 0) continue;
    const { lower, upper, up } = bracket(t, norm);
    out[j] = (t < 0 ? -norm : norm) * (u[j] < up ? upper : lower);
  }
  return out;
}

/**
 * The exact moments of `dither`: E C(x) = x (unbiased rounding), and per coordinate the two-point variance
 * ‖x‖²(upper − lower)² up (1 − up) = ‖x‖²(upper − r)(r − lower), summed.
 */
export function ditherExpectation(name: string, x: ReadonlyVector, bracket: Bracket): ExactMoments {
  const d = x.length;
  const mean = Float64Array.from(x);
  const norm = shippedNorm(name, x);
  let sum = 0;
  for (let j = 0; j < d; j++) {
    if (x[j] === 0) continue;
    const { lower, upper, up } = bracket(x[j], norm);
    const gap = upper - lower;
    sum += gap * gap * up * (1 - up);
  }
  return { mean, errorSq: norm * norm * sum };
}
