/**
 * The runs of adiana-rounds-vs-omega: ADIANA's exact tuned rounds (law-rounds.ts) over rand-K's K — so over
 * ω = d/K − 1 — and the number of nodes n, per seeded instance, and the fits of ln T* against ln(1 + ω/√n) (one
 * intercept per instance and n: the ω-law), against ln n (one intercept per instance and ω) and, where the anchor
 * probability limits the rate, against ln(1 + ω) (docs/theory.md §6.2; docs/unbiased-compression.md).
 */
import { logLogFitGrouped, type FitGroup, type SlopeFit } from '../../../src/stats/log-log-fit.ts';
import type { ConditionedInstance } from './conditioned-instance.ts';
import { stableHint, tunedAdianaRounds } from './law-rounds.ts';

/** One (n, K) cell: per instance, the tuned rounds and step. */
export interface OmegaCell {
  readonly n: number;
  readonly K: number;
  readonly omega: number;
  readonly rounds: number[];
  readonly eta: number[];
}

export function omegaSweep(
  instanceFor: (r: number, n: number) => ConditionedInstance,
  instances: number,
  cells: readonly { readonly n: number; readonly K: number }[],
  c: { readonly d: number; readonly epsilon: number; readonly perOctave: number },
): OmegaCell[] {
  return cells.map(({ n, K }) => {
    const omega = c.d / K - 1;
    const rounds: number[] = [];
    const eta: number[] = [];
    for (let r = 0; r < instances; r++) {
      const law = { omega, epsilon: c.epsilon };
      const t = tunedAdianaRounds(instanceFor(r, n), law, stableHint(omega, n, c.perOctave), c.perOctave);
      rounds.push(t.rounds);
      eta.push(t.eta);
    }
    return { n, K, omega, rounds, eta };
  });
}

/** He, Huang, Yuan's shape without its additive ω [S]: 1 + ω/√n. */
export function shape(omega: number, n: number): number {
  return 1 + omega / Math.sqrt(n);
}

/** Cells grouped by `by` and instance: ln T* against ln x(cell), one intercept per group. */
function fitBy(cells: readonly OmegaCell[], by: (c: OmegaCell) => number, x: (c: OmegaCell) => number): SlopeFit {
  const keys = [...new Set(cells.map(by))];
  const groups: FitGroup[] = [];
  for (const k of keys) {
    const mine = cells.filter((c) => by(c) === k);
    for (let r = 0; r < mine[0].rounds.length; r++) groups.push({ x: mine.map(x), y: mine.map((c) => c.rounds[r]) });
  }
  return logLogFitGrouped(groups);
}

/** The ω-law: within each n, ln T* against ln(1 + ω/√n). */
export function omegaFit(cells: readonly OmegaCell[]): SlopeFit {
  return fitBy(
    cells,
    (c) => c.n,
    (c) => shape(c.omega, c.n),
  );
}

/** Within each ω, ln T* against ln n. */
export function nodesFit(cells: readonly OmegaCell[]): SlopeFit {
  return fitBy(
    cells,
    (c) => c.omega,
    (c) => c.n,
  );
}

/** Within each n, ln T* against ln(1 + ω) (the anchor-limited regime). */
export function plainOmegaFit(cells: readonly OmegaCell[]): SlopeFit {
  return fitBy(
    cells,
    (c) => c.n,
    (c) => 1 + c.omega,
  );
}

/** The slope of ln(1 + ω/√n) against ln n over the cells' n at their ω, averaged over ω (what the shape predicts). */
export function shapeNodesExponent(cells: readonly OmegaCell[]): number {
  const fit = logLogFitGrouped(
    [...new Set(cells.map((c) => c.omega))].map((omega) => {
      const mine = cells.filter((c) => c.omega === omega);
      return { x: mine.map((c) => c.n), y: mine.map((c) => shape(c.omega, c.n)) };
    }),
  );
  return fit.slope;
}
