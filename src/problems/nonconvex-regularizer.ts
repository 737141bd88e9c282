/**
 * The nonconvex regulariser of the EF21 experiments, r(x) = λ Σ_k x_k²/(1 + x_k²) [Richtárik et al. 2021, §5;
 * docs/theory.md §3.8]. r'' per coordinate is λ(2 − 6x²)/(1 + x²)³ ∈ [−λ/2, 2λ] (extremes at x = ±1 and x = 0), so r is
 * 2λ-smooth: the "+ 2λ" in every L_i (docs/theory.md §3.9).
 */
import type { ReadonlyVector, Vector } from '../linalg/vector.ts';

/** λ Σ_k x_k²/(1 + x_k²). */
export function regularizerValue(lambda: number, x: ReadonlyVector): number {
  if (lambda === 0) return 0;
  let s = 0;
  for (let k = 0; k < x.length; k++) {
    const t = x[k] * x[k];
    s += t / (1 + t);
  }
  return lambda * s;
}

/** out ← out + ∇r(x), ∇_k r = 2λ x_k/(1 + x_k²)². Writes only to out. */
export function addRegularizerGradient(out: Vector, lambda: number, x: ReadonlyVector): Vector {
  if (lambda === 0) return out;
  for (let k = 0; k < x.length; k++) {
    const u = 1 + x[k] * x[k];
    out[k] += (2 * lambda * x[k]) / (u * u);
  }
  return out;
}

/** A RangeError unless λ is finite and ≥ 0. */
export function checkLambda(who: string, lambda: number): void {
  if (!(Number.isFinite(lambda) && lambda >= 0)) throw new RangeError(`${who}: need λ ≥ 0, got λ=${lambda}`);
}
