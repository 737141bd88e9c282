/**
 * naive-compression-diverges' sweep of the growth identity (a) (docs/theory.md §2.3): DCGD + Top1 paths from
 * t·(1, 1, 1) for every step size γ and every t, as trials of the claim's sides; the two teeth at the same step sizes
 * (a start 10⁻³ off the diagonal, and EF21's iterates from (1, 1, 1)); and the table of x⁵ against (1 + 11γ/6)⁵ with
 * the worst relative deviation per γ.
 */
import type { ReadonlyVector } from '../../../src/linalg/vector.ts';
import type { TableSpec, Trial } from '../../types.ts';
import { dcgdIterates, diagonal, ef21Iterates } from './beznosikov-runs.ts';

export interface GrowthSweep {
  /** The identity along DCGD paths from t·(1, 1, 1), every γ and t, every round k ≤ K and coordinate. */
  readonly identity: Trial[];
  /** Teeth: DCGD from (1.001, 1, 1). */
  readonly offDiagonal: Trial[];
  /** Teeth: EF21's iterates from (1, 1, 1) in place of DCGD's. */
  readonly efPaths: Trial[];
  readonly table: TableSpec;
}

/** `growthTrials(path, γ, label)`: the claim's trials of a path; `growthFactor(γ)` = 1 + 11γ/6. */
export function growthSweep(
  gammas: readonly number[],
  ts: readonly number[],
  K: number,
  growthTrials: (path: readonly ReadonlyVector[], gamma: number, label: Record<string, number>) => Trial[],
  growthFactor: (gamma: number) => number,
): GrowthSweep {
  const identity: Trial[] = [];
  const offDiagonal: Trial[] = [];
  const efPaths: Trial[] = [];
  const rows: (string | number)[][] = [];
  for (const gamma of gammas) {
    let worst = 0;
    for (const t of ts) {
      const path = dcgdIterates(gamma, diagonal(t), K);
      if (path.length !== K + 1)
        throw new RangeError(`naive-compression-diverges: DCGD overflowed before round ${K} at γ=${gamma}, t=${t}`);
      for (const tr of growthTrials(path, gamma, { gamma, t })) {
        identity.push(tr);
        worst = Math.max(worst, Math.abs(tr.lhs - tr.rhs) / Math.max(Math.abs(tr.rhs), Number.MIN_VALUE));
      }
    }
    offDiagonal.push(
      ...growthTrials(dcgdIterates(gamma, Float64Array.of(1 + 1e-3, 1, 1), K), gamma, { gamma, offDiagonal: 1 }),
    );
    efPaths.push(...growthTrials(ef21Iterates(gamma, diagonal(1), K), gamma, { gamma, method: 21 }));
    // Strings keep all 17 digits: the point of the table is that the two agree to the last one.
    rows.push([gamma, String(dcgdIterates(gamma, diagonal(1), 5)[5][0]), String(growthFactor(gamma) ** 5), worst]);
  }
  return {
    identity,
    offDiagonal,
    efPaths,
    table: {
      title:
        'DCGD + Top1 from x⁰ = (1, 1, 1): first coordinate after 5 rounds against (1 + 11γ/6)^5, and the worst relative deviation over every round, start and coordinate',
      columns: ['γ', 'x⁵ (measured)', '(1 + 11γ/6)⁵', `max |x^k_j − (1+11γ/6)^k x⁰_j| / |(1+11γ/6)^k x⁰_j|, k ≤ ${K}`],
      rows,
    },
  };
}
