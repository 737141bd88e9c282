/**
 * Natural dithering [Horváth et al. 2019] with s levels, ℓ₂ norm: standard dithering (qsgd.ts) on the grid
 * {0} ∪ {2^−j : j = 0..s−1} instead of {0, 1/s, …, 1}. With r_j = |x_j|/‖x‖₂ and b = 2^{1−s}:
 *   r_j ≥ b: round between 2^a and 2^{a+1}, a = ⌊log₂ r_j⌋, unbiasedly (as natural compression, natural.ts);
 *   r_j < b: round to 0 or b, to b with probability r_j/b.
 *   C(x)_j = ‖x‖₂ sign(x_j) (chosen level). Unbiased.
 *
 * ω, derived form (docs/theory.md §1.1 rows 8 and 10) [D]. docs/theory.md §1.1 row 10's formula is [M] and is not used as the
 * declaration. In units of ‖x‖² (Σ r_j² = 1) the variance is V = Σ_j v(r_j) with
 *   v(r) = (2^{a+1} − r)(r − 2^a) ≤ r²/8 for r ≥ b   (row 8 with a_{k+1} = 2a_k: (a_k + a_{k+1})²/(4a_k a_{k+1}) = 9/8),
 *   v(r) = r(b − r)                        for r < b (the first interval, as dithering's).
 * Let S = Σ_{r_j<b} r_j². Cauchy–Schwarz over at most d small coordinates gives Σ_{r_j<b} r_j ≤ √(dS), so
 *   V ≤ (1 − S)/8 + b√(dS) − S = 1/8 + b√(dS) − (9/8)S =: g(S),  S ∈ [0, 1].
 * g is concave in √S with its maximum at √S = 4b√d/9, hence
 *   ω = 1/8 + (2/9)·d·b²   if b√d ≤ 9/4,
 *   ω = b√d − 1            otherwise (the maximiser is beyond S = 1; g is increasing on [0, 1]).
 * The two branches agree (5/4) at b√d = 9/4. This is never larger than docs/theory.md §1.1 row 10's [M] value
 * 1/8 + min(b√d, d·b²), so that value is a valid but looser bound.
 * Tightness: when b√d ≥ 9/4 the bound is attained at all-equal x (every r_j = 1/√d < b, so
 * V = d·(1/√d)(b − 1/√d) = b√d − 1; s = 1 is standard dithering's √d − 1). Otherwise it is approached, not
 * attained (the 1/8 part needs r = (4/3)2^a, the rest all small r_j equal); a search over such inputs plus a
 * hill-climb reached 0.92–0.99 of ω for d ∈ {16, 64, 256}, s ≤ 6, and 0.5–0.97 for d ≤ 4.
 *
 * Wire format: ‖x‖₂ as one 64-bit value, then per coordinate 1 sign bit and a ⌈log₂(s + 1)⌉-bit level index.
 * Dense: no indices. compress throws a RangeError when ‖x‖₂ is not a finite double (see qsgd.ts).
 */
import type { ReadonlyVector, Vector } from '../linalg/vector.ts';
import type { Key } from '../rng/key.ts';
import { VALUE_BITS } from './bits.ts';
import { dither, ditherExpectation, type Bracket } from './dither.ts';
import { floorLog2, powerOfTwo } from './power-of-two.ts';
import type { Compressor, ExactMoments } from './types.ts';
import { checkDim, checkInput } from './validate.ts';

/** The derived ω of natural dithering with s levels in dimension d (see the header) [D]. */
export function naturalDitheringOmega(d: number, s: number): number {
  const b = 2 ** (1 - s);
  const bSqrtD = b * Math.sqrt(d);
  return bSqrtD <= 9 / 4 ? 1 / 8 + (2 / 9) * d * b * b : bSqrtD - 1;
}

/**
 * @example
 * naturalDithering(2, 3).compress(Float64Array.of(3, 4), key(0));
 * // returns Float64Array [2.5, 5]   (r = (0.6, 0.8) rounded to the levels 1/2 or 1 of ‖x‖₂ = 5)
 */
export function naturalDithering(d: number, s: number): Compressor {
  checkDim('natural-dithering', d);
  if (!(Number.isInteger(s) && s >= 1 && s <= 1022))
    throw new RangeError(`natural-dithering: need an integer 1 ≤ s ≤ 1022, got s=${s}`);
  const name = `natural-dithering(s=${s},d=${d})`;
  const b = powerOfTwo(1 - s);
  const levelBits = Math.ceil(Math.log2(s + 1));
  /** The bracketing levels of r = |t|/‖x‖ and the probability of the upper one. */
  const bracket: Bracket = (t, norm) => {
    const r = Math.abs(t) / norm;
    if (r < b) return { lower: 0, upper: b, up: r / b };
    const lower = powerOfTwo(floorLog2(r));
    if (lower >= 1) return { lower: 1, upper: 1, up: 0 };
    return { lower, upper: 2 * lower, up: r / lower - 1 };
  };
  return {
    name,
    dim: d,
    contract: { kind: 'unbiased', omega: naturalDitheringOmega(d, s) },
    deterministic: false,
    bits: () => ({ values: VALUE_BITS + d * (1 + levelBits), indices: 0 }),
    compress: (x: ReadonlyVector, key: Key): Vector => {
      checkInput(name, d, x);
      return dither(name, x, key, bracket);
    },
    expectation: (x: ReadonlyVector): ExactMoments => {
      checkInput(name, d, x);
      return ditherExpectation(name, x, bracket);
    },
  };
}
