/**
 * Scaling combinators that carry their contracts (docs/theory.md §1.1 row 15, §1.2). For any compressor C with mean
 * m = E C(x) and any s, sC(x) − x = s(C(x) − x) + (s − 1)x gives the exact moments
 *   E sC(x) = s·m,   E‖sC(x) − x‖² = s²E‖C(x) − x‖² + 2s(s − 1)⟨m − x, x⟩ + (s − 1)²‖x‖²,
 * used by expectation() below. For unbiased C with ω (m = x, E‖C(x)‖² ≤ (1 + ω)‖x‖²):
 *   E‖sC(x) − x‖² = s²E‖C(x)‖² − 2s‖x‖² + ‖x‖² ≤ (1 − (2s − s²(1 + ω)))‖x‖²,
 * so sC is contractive with α = 2s − s²(1 + ω) whenever that is positive, i.e. 0 < s < 2/(1 + ω); the best
 * scale s = 1/(1 + ω) gives α = 1/(1 + ω) [B&W text; D]. Tight iff C's variance bound is (rand-k: equality).
 */
import type { ReadonlyVector, Vector } from '../linalg/vector.ts';
import type { Key } from '../rng/key.ts';
import type { Compressor, Contract, ExactMoments } from './types.ts';
import { checkInput } from './validate.ts';

/** The exact moments of s·C from those of C (header formula); undefined when C's are unavailable. */
export function scaledExpectation(
  inner: ExactMoments | undefined,
  s: number,
  x: ReadonlyVector,
): ExactMoments | undefined {
  if (inner === undefined) return undefined;
  const d = x.length;
  const mean = new Float64Array(d);
  let cross = 0;
  let xx = 0;
  for (let j = 0; j < d; j++) {
    mean[j] = s * inner.mean[j];
    cross += (inner.mean[j] - x[j]) * x[j];
    xx += x[j] * x[j];
  }
  return { mean, errorSq: s * s * inner.errorSq + 2 * s * (s - 1) * cross + (s - 1) * (s - 1) * xx };
}

/** out/s, fresh: recovers C's own output (exactly when s·C(x)_j was exact, e.g. for powers of two). */
export function unscale(out: ReadonlyVector, s: number): Vector {
  const y = new Float64Array(out.length);
  for (let j = 0; j < out.length; j++) y[j] = out[j] / s;
  return y;
}

/** A compressor with output s·C(x), the given name and contract; randomness, purity and dim are C's. */
export function withScale(c: Compressor, s: number, name: string, contract: Contract): Compressor {
  const expectation = c.expectation;
  return {
    name,
    dim: c.dim,
    contract,
    deterministic: c.deterministic,
    // The receiver applies s (a public constant), so the message is C's message for out/s.
    bits: (out: ReadonlyVector) => c.bits(unscale(out, s)),
    compress: (x: ReadonlyVector, key: Key): Vector => {
      checkInput(name, c.dim, x);
      const y = c.compress(x, key);
      const out = new Float64Array(y.length);
      for (let j = 0; j < y.length; j++) out[j] = s * y[j];
      return out;
    },
    ...(expectation === undefined
      ? {}
      : {
          expectation: (x: ReadonlyVector): ExactMoments | undefined => {
            checkInput(name, c.dim, x);
            return scaledExpectation(expectation(x), s, x);
          },
        }),
  };
}

function requireUnbiased(what: string, c: Compressor): number {
  if (c.contract.kind !== 'unbiased') {
    throw new RangeError(`${what}: need an unbiased compressor, got ${c.name} with a ${c.contract.kind} contract`);
  }
  return c.contract.omega;
}

/**
 * C/(1 + ω) for unbiased C: contractive with α = 1/(1 + ω) (docs/theory.md §1.1 row 15).
 * @example
 * asContractive(randK(10, 2, { scaled: true })).contract;
 * // returns { kind: 'contractive', alpha: 0.2 }
 */
export function asContractive(c: Compressor): Compressor {
  const omega = requireUnbiased('asContractive', c);
  const s = 1 / (1 + omega);
  return withScale(c, s, `contractive(${c.name})`, { kind: 'contractive', alpha: s });
}

/**
 * s·C for unbiased C and 0 < s < 2/(1 + ω): contractive with α = 2s − s²(1 + ω) (header) [D].
 * @example
 * scaleBy(natural(4), 0.5).contract;
 * // returns { kind: 'contractive', alpha: 0.71875 }   (2·0.5 − 0.25·1.125)
 */
export function scaleBy(c: Compressor, s: number): Compressor {
  const omega = requireUnbiased('scaleBy', c);
  const alpha = 2 * s - s * s * (1 + omega);
  if (!(s > 0 && alpha > 0)) throw new RangeError(`scaleBy: need 0 < s < 2/(1 + ω) = ${2 / (1 + omega)}, got s=${s}`);
  return withScale(c, s, `scale(${s},${c.name})`, { kind: 'contractive', alpha: Math.min(1, alpha) });
}
