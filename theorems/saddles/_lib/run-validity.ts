/**
 * What the saddle fits take for granted, checked on every run they use: each reaches an ε-SOSP within the round
 * budget (a missing cell would bias the fit towards the methods that arrive), and each stays in the slab |u_iᵀx| ≤ 2
 * where the instance's L = 11 and ρ = 12 hold (src/problems/strict-saddle.ts, double-wells.ts; docs/saddles.md).
 */
import { verdictOverTrials, type Verdict } from '../../../src/report/verdict.ts';
import type { Trial } from '../../types.ts';
import type { ClaimContext } from '../../_lib/claim-context.ts';
import { reachedSides } from './saddle-teeth.ts';
import type { SaddleInstance, SweepRun } from './saddle-sweep.ts';

/** The slab radius R of the instances, where L and ρ are stated. */
export const SLAB_RADIUS = 2;

/** Every SGD and RandK run of the named sweeps (in their key order), against the round budget and the slab. */
export function runValidity(
  ctx: ClaimContext,
  sweeps: Readonly<Partial<Record<SaddleInstance, readonly SweepRun[]>>>,
  maxRounds: number,
): Verdict[] {
  const reached: Trial[] = [];
  const slab: Trial[] = [];
  for (const [instance, cells] of Object.entries(sweeps)) {
    for (const cell of cells) {
      for (const m of ['sgd', 'rand-k'] as const) {
        const run = cell.runs[m];
        if (run === undefined) continue;
        const at = { instance, method: m, d: cell.d, seed: cell.seed };
        reached.push({ ...reachedSides(run.iterations, maxRounds), instance: { ...at, k: cell.k } });
        slab.push({ lhs: run.reach, rhs: SLAB_RADIUS, scale: run.reach + SLAB_RADIUS, instance: at });
      }
    }
  }
  return [
    verdictOverTrials(
      {
        ...ctx,
        check: `every run of both sweeps reaches an ε-SOSP within ${maxRounds} rounds`,
        claim: `T_hit ≤ ${maxRounds}`,
      },
      'deterministic',
      reached,
    ),
    verdictOverTrials(
      {
        ...ctx,
        check: `every run stays in the slab |u_iᵀx| ≤ R = ${SLAB_RADIUS} where L = 11 and ρ = 12 hold`,
        claim: `max_t max_i |u_iᵀx^t| ≤ ${SLAB_RADIUS}`,
      },
      'deterministic',
      slab,
    ),
  ];
}
