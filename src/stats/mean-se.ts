/**
 * Sample mean with its standard error, and the one-sided verdict rule used everywhere a verdict rests on Monte
 * Carlo: an upper-bound claim E[X] ≤ b is refuted only if mean − z·se > b, a lower-bound claim only if
 * mean + z·se < b, with z = 6 (≈ 1e-9 false alarms per check; docs/design.md §3: z = 5 produced a false alarm).
 */

export const Z_DEFAULT = 6;

export interface MeanSe {
  readonly mean: number;
  /** Standard error of the mean (sample sd / sqrt(n)). */
  readonly se: number;
  readonly n: number;
}

/**
 * Welford's one-pass mean and variance.
 * @example
 * meanSe([1, 2, 3]);
 * // returns { mean: 2, se: 0.5773502691896258, n: 3 }
 */
export function meanSe(xs: ArrayLike<number>): MeanSe {
  const n = xs.length;
  if (n < 2) throw new RangeError(`meanSe: need at least 2 samples, got ${n}`);
  let m = 0;
  let m2 = 0;
  for (let i = 0; i < n; i++) {
    const x = xs[i];
    const delta = x - m;
    m += delta / (i + 1);
    m2 += delta * (x - m);
  }
  return { mean: m, se: Math.sqrt(m2 / (n - 1) / n), n };
}

/** True when the samples refute E[X] ≤ bound at z standard errors. */
export function refutesUpperBound(s: MeanSe, bound: number, z: number = Z_DEFAULT): boolean {
  return s.mean - z * s.se > bound;
}

/** True when the samples refute E[X] ≥ bound at z standard errors. */
export function refutesLowerBound(s: MeanSe, bound: number, z: number = Z_DEFAULT): boolean {
  return s.mean + z * s.se < bound;
}
