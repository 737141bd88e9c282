/**
 * He, Huang, Yuan's total-communication saving in closed form (docs/theory.md §6.2 [D], from the [S] rate with unit
 * constants and logs ignored): AGD sends d values for √κ rounds, ADIANA with rand-K sends d/(1 + ω) values for
 * ω + (1 + ω/√n)√κ rounds, so
 *   saving(ω) = d√κ / [(d/(1 + ω))(ω + (1 + ω/√n)√κ)],
 * which increases with ω towards √κ/(1 + √(κ/n)) = Θ(√min{n, κ}).
 */

/**
 * @example
 * closedFormSaving(8, 100, 0, 4);
 * // returns 1 (no compression, no saving)
 */
export function closedFormSaving(d: number, kappa: number, omega: number, n: number): number {
  return (d * Math.sqrt(kappa)) / ((d / (1 + omega)) * (omega + (1 + omega / Math.sqrt(n)) * Math.sqrt(kappa)));
}
