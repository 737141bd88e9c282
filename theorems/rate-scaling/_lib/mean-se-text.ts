/**
 * A measured mean ± its standard error as table text, in the exponent form the rate-scaling tables use.
 */
import type { MeanSe } from '../../../src/stats/mean-se.ts';

/**
 * @example
 * meanSeText({ mean: 0.0123456, se: 0.00042 });
 * // returns '1.235e-2 ± 4.2e-4'
 */
export function meanSeText(s: Pick<MeanSe, 'mean' | 'se'>): string {
  return `${s.mean.toExponential(3)} ± ${s.se.toExponential(1)}`;
}
