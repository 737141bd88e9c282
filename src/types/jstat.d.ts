/**
 * The small part of jstat 1.9 that efcheck uses (the package ships no types). Extend here when a new function is
 * needed; never `any` the whole module.
 */
declare module 'jstat' {
  interface Distribution1 {
    /** Quantile: the x with P(X ≤ x) = p. */
    inv(p: number, dof: number): number;
    cdf(x: number, dof: number): number;
  }
  interface Normal {
    inv(p: number, mean: number, sd: number): number;
    cdf(x: number, mean: number, sd: number): number;
  }
  const jStat: {
    readonly studentt: Distribution1;
    readonly normal: Normal;
  };
  export default jStat;
}
