/**
 * The scale-free form every contract check compares in (docs/design.md §3): x is divided by a power of two near
 * max|x_j|, which is exact, so tiny and huge inputs are judged on the same footing as unit ones. Absolute
 * contracts are not scale-free and are judged on the raw x (s = 1, ratios divided by deltaSq).
 */
import type { Contract } from '../../compressors/types.ts';
import { powerOfTwoScale } from '../../linalg/norms.ts';
import { short } from './describe-value.ts';

const EPS = 2 ** -52;
const MIN_SUBNORMAL = 2 ** -1074;

export interface ScaleFree {
  readonly d: number;
  /** The raw input, for messages. */
  readonly x: Float64Array;
  readonly contract: Contract;
  /** The declared bound on the ratio's scale (ratio-bound.ts). */
  readonly bound: number;
  readonly absolute: boolean;
  /** The absolute contract's deltaSq; 0 for the others. */
  readonly deltaSq: number;
  /** The power of two x is divided by (1 for absolute contracts). */
  readonly s: number;
  /** u = x/s. */
  readonly u: Float64Array;
  readonly uNormSq: number;
  /** What ‖C(x)/s − u‖² is divided by to give the ratio: ‖u‖², or deltaSq (1 when deltaSq = 0). */
  readonly norm: number;
  /** Rounding allowance on a ratio. */
  slack(ratio: number): number;
  /** The ratio is above the bound by more than rounding explains. */
  exceeds(ratio: number): boolean;
  /** Rounding allowance on coordinate j of a mean m, in units of u. */
  coordTol(j: number, m: number): number;
  /** ‖C(x) − x‖² on the checker's scale (scaled by s² or divided by deltaSq), for one output. */
  ratioOf(out: Float64Array): number;
  /** The ratio's name in messages. */
  readonly lhs: string;
  /** The declared bound in messages: '1 − alpha = …', 'omega = …' or 'deltaSq = …'. */
  describeContract(): string;
}

export function scaleFree(contract: Contract, bound: number, x: Float64Array): ScaleFree {
  const d = x.length;
  const absolute = contract.kind === 'absolute';
  const deltaSq = contract.kind === 'absolute' ? contract.deltaSq : 0;
  // Scale-free form: u = x/s with s a power of two, exact (docs/design.md §3).
  const s = absolute ? 1 : powerOfTwoScale(x);
  const u = new Float64Array(d);
  let uNormSq = 0;
  for (let j = 0; j < d; j++) {
    u[j] = x[j] / s;
    uNormSq += u[j] * u[j];
  }
  // Rounding allowances: recursive summation of d terms (γ_d ≈ d·ε, doubled for the products), and a few
  // subnormal quanta per coordinate, which only matter when x itself is subnormal.
  const epsD = 4 * (d + 8) * EPS;
  const eta = (8 * MIN_SUBNORMAL) / s;
  const norm = absolute ? (deltaSq > 0 ? deltaSq : 1) : uNormSq;
  const slack = (ratio: number): number => {
    const ratioTol = epsD * (2 * ratio + bound + 1);
    if (absolute) return ratioTol;
    return ratioTol + (2 * eta * Math.sqrt(d * Math.max(ratio, 0) * uNormSq) + d * eta * eta) / uNormSq;
  };
  return {
    d,
    x,
    contract,
    bound,
    absolute,
    deltaSq,
    s,
    u,
    uNormSq,
    norm,
    slack,
    // deltaSq = 0 promises C(x) = x: the ratio is then the raw ‖C(x) − x‖² (norm 1), held to 0 up to rounding, not to 1.
    exceeds: (ratio) => (absolute && deltaSq === 0 ? ratio > epsD : ratio > bound + slack(ratio)),
    coordTol: (j, m) => epsD * (Math.abs(u[j]) + Math.abs(m)) + eta,
    ratioOf: (out) => {
      let e = 0;
      for (let j = 0; j < d; j++) {
        const ej = out[j] / s - u[j];
        e += ej * ej;
      }
      return e / norm;
    },
    lhs: absolute ? '‖C(x) − x‖²/deltaSq' : 'E‖C(x) − x‖²/‖x‖²',
    describeContract: () =>
      contract.kind === 'contractive'
        ? `1 − alpha = ${short(bound)}`
        : contract.kind === 'unbiased'
          ? `omega = ${short(bound)}`
          : `deltaSq = ${deltaSq}`,
  };
}
