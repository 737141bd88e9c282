/**
 * The adversary of ef21-sgd-neighbourhood: EF21-SGD as the η = 1 member of the momentum family
 * (theorems/ef21-sgdm/_lib/momentum-method.ts), searched by theorems/ef21-sgdm/_lib/momentum-adversary.ts, with
 * Φ − δ = (γ/α)(1/n)Σ‖g_i − ∇f_i(x)‖², N = C·σ²/α² (the variance bound σ²/τ is searched directly, so τ = 1). The step
 * rule and the noise constant C are the claim's, handed in; here are the search's sizes and what it was seen to catch.
 */
import { ef21, type EF21State } from '../../../src/algorithms/ef21.ts';
import { mean } from '../../../src/linalg/vector.ts';
import type { Problem } from '../../../src/problems/types.ts';
import { meanDistToLocalGrad, weightedTerms } from '../../ef21-sgdm/_lib/momentum-lyapunov.ts';
import type { MomentumMethod } from '../../ef21-sgdm/_lib/momentum-method.ts';
import { momentumSizes } from '../../ef21-sgdm/_lib/momentum-adversary.ts';
import type { SearchOptions } from '../../../src/adversary/worst-case.ts';
import { adversarySizes } from '../../_lib/power.ts';
import type { Budget } from '../../types.ts';

/** What the adversary sees of the claim's constants (seed 11), measured on a mutated copy at the quick budget. */
export const EF21_SGD_ADVERSARY_RECORD =
  "Adversary, exact expectation over finite noise (variance bound σ²/τ searched directly, τ = 1): m* recorded when the adversary was added (seed 11): 2.04 at quick and 1.59 at default (the power row above is this run's) (n = d = 1, the adversarial compressor, small α). Mutation √10 → 1 in the step rule, quick budget: caught (m* drops to 1.01 and the violation at m* climbed at m = 1 still violates).";

/**
 * At quick the narrower search of the other claims (adversarySizes): the wider one of momentumSizes is for thin
 * Λ-coefficient violations, which this Φ with one coefficient does not have, and quick is what the test suite runs.
 */
export function ef21SgdAdversarySizes(budget: Budget): SearchOptions {
  return budget === 'quick' ? adversarySizes('quick') : momentumSizes(budget);
}

/**
 * @example
 * const method = ef21SgdMomentumMethod(ef21SgdStepRule, NOISE_CONSTANT);
 */
export function ef21SgdMomentumMethod(
  stepRule: (p: Pick<Problem, 'L' | 'Li'>, alpha: number) => number,
  noiseConstant: number,
): MomentumMethod<EF21State> {
  return {
    label: 'EF21-SGD',
    secondMomentum: false,
    momentum: false,
    build: (gamma, _eta, compressor) => ef21({ gamma, compressor }),
    state: (input) => {
      const gi = input.gi.map((v) => Float64Array.from(v));
      return { t: 0, x: Float64Array.from(input.x), g: mean(gi), gi, bitsPerNode: 0, initBitsPerNode: 0 };
    },
    terms: (problem, alpha, gamma, _eta, s) =>
      weightedTerms([[gamma / alpha, meanDistToLocalGrad(problem, s.gi, s.x)]]),
    stepSize: (p, alpha) => stepRule(p, alpha),
    noiseTerm: (alpha, _eta, sigma) => (noiseConstant * sigma * sigma) / (alpha * alpha),
  };
}
