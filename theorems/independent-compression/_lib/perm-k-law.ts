/**
 * The exact law of the PermK aggregate (1/n)Σ_i C_i(a_i) (src/compressors/perm-k.ts, docs/theory.md §1.3): every
 * shared draw (π, σ) enumerated — d!·n! outcomes — with the blocks built by permKBlocks, the function compressAll
 * draws its blocks with.
 */
import { permKBlocks } from '../../../src/compressors/perm-k.ts';
import type { ReadonlyVector } from '../../../src/linalg/vector.ts';
import { absMeanOf, meanOf, type AggregateLaw } from './aggregate-law.ts';

/** All permutations of {0, …, m−1} (m! of them; keep m ≤ 7). */
export function permutations(m: number): Int32Array[] {
  if (m > 7) throw new RangeError(`perm-k-variance: enumeration needs m ≤ 7, got m=${m}`);
  let out: number[][] = [[]];
  for (let v = 0; v < m; v++)
    out = out.flatMap((p) => Array.from({ length: p.length + 1 }, (_, i) => [...p.slice(0, i), v, ...p.slice(i)]));
  return out.map((p) => Int32Array.from(p));
}

/** The scale a PermK node applies: the inverse of its per-coordinate inclusion probability [docs/theory.md §1.3]. */
export function permKScale(d: number, n: number): number {
  return Math.min(d, n);
}

/**
 * The exact law of the PermK aggregate (1/n)Σ_i C_i(a_i) over every shared draw (π, σ) — or, with `fixedSigma`,
 * over π alone with σ = identity (the teeth: a fixed block assignment). Outcomes are built with permKBlocks, the
 * function compressAll draws its blocks with.
 */
export function permKAggregateLaw(
  as: readonly ReadonlyVector[],
  options: { readonly fixedSigma?: boolean } = {},
): AggregateLaw {
  const n = as.length;
  const d = as[0].length;
  const scale = permKScale(d, n);
  const pis = permutations(d);
  const sigmas = options.fixedSigma === true ? [Int32Array.from({ length: n }, (_, i) => i)] : permutations(n);
  const count = pis.length * sigmas.length;
  const abar = meanOf(as);
  const abarMagnitude = absMeanOf(as);
  const mean = new Float64Array(d);
  let variance = 0;
  let magnitude = 0;
  const agg = new Float64Array(d);
  const aggMagnitude = new Float64Array(d);
  for (const pi of pis) {
    for (const sigma of sigmas) {
      agg.fill(0);
      aggMagnitude.fill(0);
      const blocks = permKBlocks(d, n, pi, sigma);
      for (let i = 0; i < n; i++) {
        for (const j of blocks[i]) {
          agg[j] += (scale * as[i][j]) / n;
          aggMagnitude[j] += Math.abs(scale * as[i][j]) / n;
        }
      }
      for (let j = 0; j < d; j++) {
        mean[j] += agg[j] / count;
        variance += (agg[j] - abar[j]) ** 2 / count;
        magnitude += (aggMagnitude[j] + abarMagnitude[j]) ** 2 / count;
      }
    }
  }
  return { mean, variance, scale: magnitude, outcomes: count };
}
