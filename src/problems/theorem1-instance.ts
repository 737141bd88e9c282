/**
 * The instance behind Theorem 1 of Fatkhullin, Tyurin, Richtárik (2023) as reconstructed in docs/theory.md §5.2 [R]:
 * d = 2 and f_i = f = (L/2)‖x‖² on all n nodes, so L_i = L, μ = L, x* = 0, f_inf = 0 (all exact). Pair it with
 * threePointOracle (src/oracles/three-point.ts) and Top1.
 */
import type { ReadonlyVector, Vector } from '../linalg/vector.ts';
import type { Problem } from './types.ts';

export interface Theorem1Options {
  /** Smoothness L > 0 (the poster's figure uses L = 1). */
  readonly L?: number;
  /** Number of nodes n ≥ 1. */
  readonly n: number;
}

/**
 * @example
 * theorem1Instance({ n: 2 }).gradI(1, Float64Array.of(3, -1));
 * // returns Float64Array [3, -1]
 */
export function theorem1Instance(options: Theorem1Options): Problem {
  const L = options.L ?? 1;
  const n = options.n;
  if (!(Number.isFinite(L) && L > 0)) throw new RangeError(`theorem1-instance: need L > 0, got L=${L}`);
  if (!(Number.isInteger(n) && n >= 1)) throw new RangeError(`theorem1-instance: need an integer n ≥ 1, got n=${n}`);
  const check = (i: number, x: ReadonlyVector): void => {
    if (!(Number.isInteger(i) && i >= 0 && i < n))
      throw new RangeError(`theorem1-instance: need 0 ≤ i < n=${n}, got i=${i}`);
    if (x.length !== 2) throw new RangeError(`theorem1-instance: x must have length 2, got ${x.length}`);
  };
  return {
    name: `theorem1-instance(L=${L},n=${n})`,
    dim: 2,
    n,
    fI: (i: number, x: ReadonlyVector): number => {
      check(i, x);
      return 0.5 * L * (x[0] * x[0] + x[1] * x[1]);
    },
    gradI: (i: number, x: ReadonlyVector): Vector => {
      check(i, x);
      return Float64Array.of(L * x[0], L * x[1]);
    },
    L,
    Li: new Array<number>(n).fill(L),
    fInf: 0,
    fInfExact: true,
    mu: L,
  };
}
