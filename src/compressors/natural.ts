/**
 * Natural compression C_nat [Horváth et al. 2019, "Natural compression for distributed deep learning"; docs/theory.md
 * §1.1 row 6]: each t ≠ 0 with a = ⌊log₂|t|⌋ becomes sign(t)·2^a with probability (2^{a+1} − |t|)/2^a and
 * sign(t)·2^{a+1} otherwise; C(0) = 0. Unbiased, per-coordinate variance (2^{a+1} − |t|)(|t| − 2^a) ≤ t²/8 with
 * equality at |t| = (4/3)·2^a, so ω = 1/8 [D: max of u(1 − u)/(1 + u)² at u = 1/3].
 *
 * Floating point, handled exactly:
 * - a comes from the bit pattern (power-of-two.ts), so powers of two map to themselves and subnormals round
 *   between their true neighbours (2^a down to 2^−1074 are all exact doubles).
 * - u = |t|/2^a − 1 is exact (division by a power of two) and a multiple of 2^−52, so "round up iff U < u" with a
 *   53-bit uniform U has probability exactly u: the sampler realises the stated distribution, not an approximation.
 * - |t| ≥ 2^1023 that is not a power of two would need the level 2^1024, which is not a double. Such a coordinate
 *   is sent unchanged (deterministic, zero variance: still unbiased and within ω) and billed as an escape below.
 *   Non-finite entries are passed through unchanged; the contract is about finite x.
 * Wire format: per coordinate the sign and the 11-bit IEEE exponent field (12 bits; zero and normal powers of two
 * have an all-zero mantissa); any other output value (a subnormal power of two, an unchanged huge value) is sent
 * as the escape exponent 0x7ff followed by the full 64-bit double (76 bits). Dense: no indices.
 */
import type { ReadonlyVector, Vector } from '../linalg/vector.ts';
import type { Key } from '../rng/key.ts';
import { uniform } from '../rng/sample.ts';
import { VALUE_BITS } from './bits.ts';
import { floorLog2, powerOfTwo } from './power-of-two.ts';
import type { Compressor, ExactMoments } from './types.ts';
import { checkDim, checkInput } from './validate.ts';

const LEVEL_BITS = 12;
const SMALLEST_NORMAL = 2 ** -1022;

/** Rounding data of one coordinate: t = sign·lower·(1 + up) with up ∈ [0, 1); lower = 0 means "send t as is". */
function bracket(t: number): { lower: number; up: number } {
  if (t === 0 || !Number.isFinite(t)) return { lower: 0, up: 0 };
  const a = floorLog2(t);
  const lower = powerOfTwo(a);
  const up = Math.abs(t) / lower - 1;
  if (a === 1023 && up > 0) return { lower: 0, up: 0 };
  return { lower, up };
}

/** Bits of one output coordinate under the wire format above. */
export function naturalValueBits(v: number): number {
  if (v === 0) return LEVEL_BITS;
  const a = Math.abs(v);
  return Number.isFinite(v) && a >= SMALLEST_NORMAL && a === powerOfTwo(floorLog2(v))
    ? LEVEL_BITS
    : LEVEL_BITS + VALUE_BITS;
}

/**
 * @example
 * natural(3).compress(Float64Array.of(0.5, -4, 0), key(0));
 * // returns Float64Array [0.5, -4, 0]  (powers of two and zero are kept exactly)
 */
export function natural(d: number): Compressor {
  checkDim('natural', d);
  const name = `natural(d=${d})`;
  return {
    name,
    dim: d,
    contract: { kind: 'unbiased', omega: 1 / 8 },
    deterministic: false,
    bits: (out: ReadonlyVector) => {
      let values = 0;
      for (let j = 0; j < out.length; j++) values += naturalValueBits(out[j]);
      return { values, indices: 0 };
    },
    compress: (x: ReadonlyVector, key: Key): Vector => {
      checkInput(name, d, x);
      const u = uniform(key, d);
      const out = new Float64Array(d);
      for (let j = 0; j < d; j++) {
        const t = x[j];
        const { lower, up } = bracket(t);
        if (lower === 0) out[j] = t;
        else out[j] = (t < 0 ? -lower : lower) * (u[j] < up ? 2 : 1);
      }
      return out;
    },
    expectation: (x: ReadonlyVector): ExactMoments => {
      checkInput(name, d, x);
      const mean = new Float64Array(d);
      let errorSq = 0;
      for (let j = 0; j < d; j++) {
        mean[j] = x[j];
        const { lower, up } = bracket(x[j]);
        // (2^{a+1} − |t|)(|t| − 2^a) = (2^a(1 − up))(2^a·up); each factor is exact.
        if (lower !== 0) errorSq += lower * (1 - up) * (lower * up);
      }
      return { mean, errorSq };
    },
  };
}
