/**
 * The constant sets theory-step-sizes draws: heterogeneous smoothness constants L, L_1 … L_n (n ≤ 8), a compressor's
 * k of d (top-k with α = k/d, or scaled rand-k with ω = d/k − 1), momentum η, participation p and strong convexity μ.
 */
import { foldIn, key, split } from '../../../src/rng/key.ts';
import { integerBelow, uniform } from '../../../src/rng/sample.ts';

export interface ConstantSet {
  readonly L: number;
  readonly Li: readonly number[];
  readonly d: number;
  readonly k: number;
  /** A second top-k's k of d: the master's compressor of EF21-BC (α_M = kMaster/d). */
  readonly kMaster: number;
  readonly eta: number;
  readonly p: number;
  /** Strong convexity of f, 0 < μ ≤ L (ADIANA's and AGD's theory steps need one; neither γ depends on it). */
  readonly mu: number;
}

/** ω of the unbiased compressor of a constant set: scaled rand-k in d with k kept, ω = d/k − 1. */
export const omegaOf = (c: ConstantSet): number => c.d / c.k - 1;

/** Heterogeneous constants: L_i log-uniform over three decades, L between min and mean of the L_i, μ in [L/1000, L]. */
export function seededConstants(seed: number, t: number): ConstantSet {
  const [kn, kl, kd, ku] = split(foldIn(key(seed), t), 4);
  const n = 1 + integerBelow(kn, 8);
  const Li = Array.from(uniform(kl, n), (u) => 10 ** (3 * u - 1));
  const u = uniform(ku, 5);
  const mean = Li.reduce((a, b) => a + b, 0) / n;
  const L = Math.min(...Li) + u[0] * (mean - Math.min(...Li));
  const d = 1 + integerBelow(kd, 64);
  // kMaster from a stream of its own, so that adding it left every other draw as it was.
  const kMaster = 1 + integerBelow(foldIn(foldIn(key(seed), t), 1), d);
  return { L, Li, d, k: 1 + Math.floor(u[1] * d), kMaster, eta: 1 - u[2], p: 1 - u[3], mu: L * 10 ** (-3 * u[4]) };
}
