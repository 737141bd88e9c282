/**
 * The verdict's note on the range rule (judge-input.ts): how many inputs were set aside and why, and the norms the
 * contract was judged on, in one line the terminal prints as it is.
 */
import type { RangeNote } from './types.ts';

/** Three significant digits, in exponent form outside [1e-3, 1e6) (the norms span 600 decades). */
const sig3 = (v: number): string => (v >= 1e-3 && v < 1e6 ? String(Number(v.toPrecision(3))) : v.toExponential(2));

/**
 * @example
 * rangeNote({ overflow: 12, underflow: 0, low: 2 ** -540, high: 2 ** 511 }).note;
 * // returns 'non-finite output only where ‖x‖² overflows: judged on inputs with ‖x‖ in [2.78e-163, 6.70e+153]'
 */
export function rangeNote(o: { overflow: number; underflow: number; low: number; high: number }): RangeNote {
  const where =
    o.overflow > 0 && o.underflow > 0
      ? 'overflows or underflows to 0'
      : o.overflow > 0
        ? 'overflows'
        : 'underflows to 0';
  const judged =
    o.high > 0 ? `judged on inputs with ‖x‖ in [${sig3(o.low)}, ${sig3(o.high)}]` : 'no non-zero input was judged';
  return {
    overflow: o.overflow,
    underflow: o.underflow,
    low: o.high > 0 ? o.low : 0,
    high: o.high,
    note: `non-finite output only where ‖x‖² ${where}: ${judged}`,
  };
}
