/**
 * Numbers for table cells built as text (a cell that mixes a value with words): three significant digits, the
 * exponent form outside [1e-3, 1e4). Numeric cells are formatted by the renderer (src/report/markdown.ts).
 */

/**
 * @example
 * fmt(0.000123456);
 * // returns '1.23e-4'
 */
export function fmt(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  return a !== 0 && (a < 1e-3 || a >= 1e4) ? x.toExponential(2) : Number(x.toPrecision(3)).toString();
}
