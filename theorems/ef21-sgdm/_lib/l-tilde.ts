/** L̃ = sqrt((1/n) Σ_i L_i²), the quadratic mean of the local smoothness constants [Richtárik, Sokolov, Fatkhullin 2021]. */
export function lTildeOf(Li: readonly number[]): number {
  let s = 0;
  for (const l of Li) s += l * l;
  return Math.sqrt(s / Li.length);
}
