/**
 * The adversarial member of the contractive class (src/adversary/ball-compressor.ts) as an ordinary deterministic
 * Compressor, so that a method's own `step` can run it: C(v) = v + b·sqrt(1 − α)·‖v‖·w/‖w‖ with b = (1 + sin β)/2,
 * which satisfies ‖C(v) − v‖² ≤ (1 − α)‖v‖². The step calls compress without saying which node sends, so one
 * direction w and one β serve every node: a sub-class of the adversary, still inside the contract.
 */
import { ballOutput } from './ball-compressor.ts';
import { denseBits } from '../compressors/bits.ts';
import type { Compressor } from '../compressors/types.ts';
import type { ReadonlyVector } from '../linalg/vector.ts';

/**
 * @example
 * adversarialContractive(Float64Array.of(1, 0), Math.PI / 2, 0.75).compress(Float64Array.of(3, 4), key(0))[0];
 * // returns 5.5 (v + ½·5·e₁)
 */
export function adversarialContractive(w: ReadonlyVector, beta: number, alpha: number): Compressor {
  if (!(alpha > 0 && alpha <= 1)) throw new RangeError(`adversarial-contractive: need α ∈ (0, 1], got α=${alpha}`);
  const d = w.length;
  const radius = Math.sqrt(1 - alpha);
  const direction = Float64Array.from(w);
  return {
    name: `adversarial-contractive(α=${alpha},d=${d})`,
    dim: d,
    contract: { kind: 'contractive', alpha },
    deterministic: true,
    bits: () => denseBits(d),
    compress: (v) => ballOutput(v, direction, beta, radius),
  };
}
