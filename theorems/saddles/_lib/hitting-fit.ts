/**
 * From a sweep (saddle-sweep.ts) to the numbers the saddle claims fit: per (d, seed) cell, the ratio of two methods'
 * hitting times and the ratio of the numbers (or bits) they sent to get there; the fit over every cell (logLogFit,
 * one point a cell, never a mean per d: the verdict's interval needs the degrees of freedom); and the exponent the
 * chosen K(d) predicts for the communication ratio.
 */
import { indexBits, VALUE_BITS } from '../../../src/compressors/bits.ts';
import { logLogFit, zLevelInterval, type SlopeFit } from '../../../src/stats/log-log-fit.ts';
import type { SweepMethod, SweepRun } from './saddle-sweep.ts';

export interface RatioPoints {
  /** d of every cell where both methods reached an ε-SOSP. */
  readonly d: number[];
  readonly ratio: number[];
  /** Cells left out because one of the two methods did not reach an ε-SOSP within the budget. */
  readonly missing: number;
}

/** T_num/T_den per cell. A hitting time of 0 (x⁰ already an ε-SOSP) counts as 1 round, so a ratio stays finite. */
export function hittingRatios(sweep: readonly SweepRun[], num: SweepMethod, den: SweepMethod): RatioPoints {
  const d: number[] = [];
  const ratio: number[] = [];
  let missing = 0;
  for (const cell of sweep) {
    const a = cell.runs[num]?.iterations ?? null;
    const b = cell.runs[den]?.iterations ?? null;
    if (a === null || b === null) {
      missing++;
      continue;
    }
    d.push(cell.d);
    ratio.push(Math.max(a, 1) / Math.max(b, 1));
  }
  return { d, ratio, missing };
}

/**
 * Numbers on the wire to reach an ε-SOSP: SGD sends d values a round; RandK sends K values and K indices
 * (rand-k-sgd.ts), 2K numbers. Counting an index as a full number is the conservative side for compression.
 * @example
 * numbersPerRound('rand-k', 100, 10);
 * // returns 20
 */
export function numbersPerRound(method: SweepMethod, d: number, k: number): number {
  return method === 'sgd' ? d : 2 * k;
}

/**
 * Bits on the wire per round: d 64-bit values for SGD, K (value, index) pairs for RandK (src/compressors/bits.ts),
 * ⌈log₂ d⌉ bits an index — the log factor a Θ̃ hides.
 * @example
 * bitsPerRound('rand-k', 1000, 32);
 * // returns 2368 (= 32·(64 + 10))
 */
export function bitsPerRound(method: 'sgd' | 'rand-k', d: number, k: number): number {
  return method === 'sgd' ? d * VALUE_BITS : k * (VALUE_BITS + indexBits(d));
}

/** (bits SGD sent)/(bits RandK sent), per cell where both reached an ε-SOSP (hitting times of 0 count as 1). */
export function bitsRatios(sweep: readonly SweepRun[]): RatioPoints {
  const d: number[] = [];
  const ratio: number[] = [];
  let missing = 0;
  for (const c of sweep) {
    const s = c.runs.sgd?.iterations ?? null;
    const r = c.runs['rand-k']?.iterations ?? null;
    if (s === null || r === null) {
      missing++;
      continue;
    }
    d.push(c.d);
    ratio.push((Math.max(s, 1) * bitsPerRound('sgd', c.d, c.k)) / (Math.max(r, 1) * bitsPerRound('rand-k', c.d, c.k)));
  }
  return { d, ratio, missing };
}

/** (numbers SGD sent)/(numbers the compressed method sent), per cell where both reached an ε-SOSP. */
export function communicationRatios(sweep: readonly SweepRun[], compressed: Exclude<SweepMethod, 'sgd'>): RatioPoints {
  const d: number[] = [];
  const ratio: number[] = [];
  let missing = 0;
  for (const cell of sweep) {
    const s = cell.runs.sgd?.iterations ?? null;
    const c = cell.runs[compressed]?.iterations ?? null;
    if (s === null || c === null) {
      missing++;
      continue;
    }
    d.push(cell.d);
    ratio.push(
      (Math.max(s, 1) * numbersPerRound('sgd', cell.d, cell.k)) /
        (Math.max(c, 1) * numbersPerRound(compressed, cell.d, cell.k)),
    );
  }
  return { d, ratio, missing };
}

/**
 * The exponent the design predicts for the communication ratio when the hitting times do not depend on d: the
 * least-squares slope of ln(d/K(d)) on ln d over the same points (½ for K = c√d exactly; the ceiling moves it).
 * @example
 * designSlope([100, 10_000], (d) => Math.sqrt(d));
 * // returns 0.5
 */
export function designSlope(d: readonly number[], k: (d: number) => number): number {
  let mx = 0;
  let my = 0;
  for (const v of d) {
    mx += Math.log(v) / d.length;
    my += Math.log(v / k(v)) / d.length;
  }
  let sxy = 0;
  let sxx = 0;
  for (const v of d) {
    sxy += (Math.log(v) - mx) * (Math.log(v / k(v)) - my);
    sxx += (Math.log(v) - mx) ** 2;
  }
  return sxy / sxx;
}

/** The fit over every cell (RangeError when fewer than three cells remain: no interval). */
export function ratioFit(points: RatioPoints): SlopeFit {
  return logLogFit(points.d, points.ratio);
}

/**
 * A slope with both intervals, for captions.
 * @example
 * fitText(logLogFit([1, 2, 4, 8, 16], [1, 2.1, 3.9, 8.2, 16]));
 * // returns '0.997 (95%: [0.950, 1.043]; z = 6: [-14.25, 16.24])' (3 dof: the z = 6 interval is wide)
 */
export function fitText(fit: SlopeFit): string {
  const wide = zLevelInterval(fit);
  return `${fit.slope.toFixed(3)} (95%: [${fit.slopeLo.toFixed(3)}, ${fit.slopeHi.toFixed(3)}]; z = 6: [${wide.lo.toFixed(2)}, ${wide.hi.toFixed(2)}])`;
}

/** Median of a list (NaN when empty), for the per-d tables. */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const h = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[h] : 0.5 * (s[h - 1] + s[h]);
}

/**
 * Geometric mean of positive ratios (NaN when empty), for the per-d tables.
 * @example
 * geometricMean([1, 4]);
 * // returns 2
 */
export function geometricMean(xs: readonly number[]): number {
  return Math.exp(xs.reduce((a, b) => a + Math.log(b), 0) / xs.length);
}
