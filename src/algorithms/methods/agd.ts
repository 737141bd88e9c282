/**
 * agd: Nesterov's accelerated gradient method with constant momentum [Nesterov 2018, (2.2.22)] (src/algorithms/agd.ts),
 * uncompressed: every node sends its gradient densely, the baseline of docs/theory.md §6.2. The registry's γ is
 * the step x⁺ = y − γg.
 *
 * Hyperparameter: μ, the strong convexity the momentum is tuned for. The momentum is Nesterov's for the smoothness
 * bound 1/γ: β = (1 − √q)/(1 + √q) with q = min{1, γμ}. At the theory step γ = 1/L this is the textbook choice
 * (agdParameters, rate (1 − √(μ/L))^k, Thm 2.2.3); a smaller γ is the same scheme for the bound 1/γ ≥ L, which f also
 * satisfies; a γ > 1/μ (beyond any theory) caps q at 1, i.e. β = 0. μ defaults to the theory step's, the problem's
 * μ; on a problem that does not know μ the step says so and names --mu.
 */
import { agd, agdParameters, type AgdState } from '../agd.ts';
import { STRONG_CONVEXITY } from '../common-hyperparameters.ts';
import { defineMethod, theoryHyperparameter } from '../method-definition.ts';
import { nothingToDescribe } from '../method-facts.ts';
import { strongConvexity, theoryRule } from '../theory-step.ts';
import { requireStepSize } from '../validate.ts';

export interface AgdHyperparameters {
  /** μ the momentum is tuned for; when absent, the problem's (theory step). */
  readonly mu?: number;
}

const WHERE = 'docs/theory.md §6.2';

/**
 * β = (1 − √q)/(1 + √q), q = min{1, γμ}: agdParameters with L = 1/γ (so q = μ/L at γ = 1/L).
 * @example
 * nesterovMomentum(0.01, 1);
 * // returns 0.8181… (= 9/11, agdParameters({ L: 100, mu: 1 }).momentum)
 */
export function nesterovMomentum(gamma: number, mu: number): number {
  return agdParameters({ L: 1, mu: Math.min(1, gamma * mu) }).momentum;
}

export const agdMethod = defineMethod<AgdHyperparameters, AgdState>({
  id: 'agd',
  summary: 'AGD: Nesterov’s accelerated gradient, constant momentum tuned for μ, uncompressed',
  hyperparameters: { mu: STRONG_CONVEXITY },
  build: (params) => {
    const { gamma, x0 } = params;
    requireStepSize('agd', gamma);
    const mu = theoryHyperparameter('agd', 'mu', params.mu);
    if (!(mu > 0 && Number.isFinite(mu))) throw new RangeError(`agd: need μ > 0, got μ=${mu}`);
    return { ...agd({ gamma, momentum: nesterovMomentum(gamma, mu), ...(x0 !== undefined ? { x0 } : {}) }), params };
  },
  theoryStep: (problem, h) => {
    const mu = strongConvexity(problem, h.mu, WHERE);
    if (typeof mu !== 'number') return mu;
    // The momentum follows from the γ the run uses (the method's name shows it); q = μ/L is the problem's.
    return theoryRule(
      agdParameters({ L: problem.L, mu }).gamma,
      `γ = 1/L, β = (1 − √q)/(1 + √q), q = μ/L: Nesterov 2018 (2.2.22), Thm 2.2.3 (${WHERE} baseline, P)`,
      { q: mu / problem.L },
      h.mu === undefined ? { mu } : {},
    );
  },
  facts: {
    // The master sums the nodes' gradients on arrival; no per-node memory.
    nodeVectors: [],
    aggregate: null,
    // x⁰ = y⁰, nothing sent at init; each round every node sends ∇f_i(y^k) densely.
    initMessage: 'none',
    roundMessage: 'dense',
    participation: { kind: 'all' },
    downlink: { kind: 'unbilled' },
    describeState: nothingToDescribe,
  },
});
