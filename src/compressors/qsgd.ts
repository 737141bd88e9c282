/**
 * Standard dithering / QSGD with s levels, ℓ₂ norm [Alistarh et al. 2017; docs/theory.md §1.1 row 9]:
 *   C(x)_j = ‖x‖₂ sign(x_j) ξ_j,  r_j = |x_j|/‖x‖₂,  l_j = ⌊s r_j⌋,  ξ_j = (l_j + 1)/s w.p. s r_j − l_j, else l_j/s.
 * Unbiased. Declared ω = min(d/s², √d/s), the published bound [QSGD Lemma 3.1], which is loose: the exact
 * variance is E‖C(x) − x‖² = (‖x‖²/s²) Σ_j (l_j + 1 − s r_j)(s r_j − l_j) [D], attaining √d − 1 for s = 1 at
 * all-equal x. expectation() returns that exact value.
 * ‖x‖₂ is computed with the scaled norm (no overflow for any finite x whose norm is a double). If ‖x‖₂ itself
 * exceeds Number.MAX_VALUE the message cannot carry it, and compress throws a RangeError instead of emitting ∞.
 * Wire format: ‖x‖₂ as one 64-bit value, then per coordinate 1 sign bit and a ⌈log₂(s + 1)⌉-bit level (fixed
 * width; QSGD's Elias coding is not modelled). Dense: no indices.
 */
import type { ReadonlyVector, Vector } from '../linalg/vector.ts';
import type { Key } from '../rng/key.ts';
import { VALUE_BITS } from './bits.ts';
import { dither, ditherExpectation, type Bracket } from './dither.ts';
import type { Compressor, ExactMoments } from './types.ts';
import { checkDim, checkInput } from './validate.ts';

export { shippedNorm } from './dither.ts';

/**
 * @example
 * qsgd(4, 1).compress(Float64Array.of(1, 1, 1, 1), key(0));
 * // returns Float64Array [0, 2, 2, 2]   (each entry 0 or ‖x‖₂ = 2)
 */
export function qsgd(d: number, s: number): Compressor {
  checkDim('qsgd', d);
  if (!(Number.isInteger(s) && s >= 1)) throw new RangeError(`qsgd: need an integer s ≥ 1, got s=${s}`);
  const name = `qsgd(s=${s},d=${d})`;
  const levelBits = Math.ceil(Math.log2(s + 1));
  /** Levels l/s and (l + 1)/s around r_j = |t|/‖x‖₂, l = ⌊s r_j⌋, and the round-up probability s r_j − l. */
  const bracket: Bracket = (t, norm) => {
    const sr = (s * Math.abs(t)) / norm;
    const l = Math.min(s, Math.floor(sr));
    return { lower: l / s, upper: (l + 1) / s, up: l === s ? 0 : sr - l };
  };
  return {
    name,
    dim: d,
    contract: { kind: 'unbiased', omega: Math.min(d / (s * s), Math.sqrt(d) / s) },
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
