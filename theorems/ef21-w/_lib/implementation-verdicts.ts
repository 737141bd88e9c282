/**
 * ef21w-step-gain's checks of src/algorithms/ef21-w.ts against the paper's definition (implementation-trials.ts):
 * its initial weights are L_i/ΣL_j, with L_i = ‖A_i‖₂ by Jacobi from the matrices; one step is the update entry by
 * entry; and the teeth: the weights against uniform 1/n (EF21-W degenerated into EF21 would pass that and fail the
 * first). Weights on foldIn(k, 1) (the teeth on the same instances), steps on foldIn(k, 2).
 */
import { foldIn, type Key } from '../../../src/rng/key.ts';
import { verdictOverTrials, type Verdict, type VerdictContext } from '../../../src/report/verdict.ts';
import { stepTrials, weightTrials } from './implementation-trials.ts';

export interface ImplementationVerdicts {
  readonly weights: Verdict;
  readonly step: Verdict;
  readonly uniformTeeth: Verdict;
}

/** `count` seeded heterogeneous quadratics per check. */
export function implementationVerdicts(
  ctx: Omit<VerdictContext, 'check' | 'claim'>,
  k: Key,
  count: number,
): ImplementationVerdicts {
  return {
    weights: verdictOverTrials(
      {
        ...ctx,
        check: `the implementation's weights on ${count} heterogeneous quadratics, L_i = ‖A_i‖₂ by Jacobi`,
        claim: 'w_i(src/algorithms/ef21-w.ts) = L_i/Σ_j L_j',
      },
      'identity',
      weightTrials(foldIn(k, 1), count),
    ),
    step: verdictOverTrials(
      {
        ...ctx,
        check: `one step of the implementation from ${count} random states, top-k`,
        claim: 'x⁺ = x − γΣw_i g_i, g_i⁺ = g_i + C(∇f_i(x⁺)/(n w_i) − g_i)',
      },
      'identity',
      stepTrials(foldIn(k, 2), count),
    ),
    uniformTeeth: verdictOverTrials(
      {
        ...ctx,
        check: 'teeth: the implementation’s weights against uniform 1/n (EF21-W degenerated into EF21)',
        claim: 'w_i = 1/n',
        expectation: 'may-fail',
      },
      'identity',
      weightTrials(foldIn(k, 1), count, undefined, 'uniform'),
    ),
  };
}
