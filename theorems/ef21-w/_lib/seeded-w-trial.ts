/**
 * ef21w-lyapunov's seeded trials: an instance of either EF21 family (every L_i > 0), a compressor of the pool, a
 * state with g_i drawn around the EF21-W targets h_i(x) = ∇f_i(x)/(n w_i), and γ as a multiple of
 * γ_AM = 1/(L + L_AM ξ(α)) (theorems/ef21/_lib/constants.ts).
 */
import type { Compressor } from '../../../src/compressors/types.ts';
import { split, type Key } from '../../../src/rng/key.ts';
import { ef21AmGamma, ef21wWeights } from '../../ef21/_lib/constants.ts';
import { contractiveAlpha } from '../../ef21/_lib/ef21-step.ts';
import { seededState, seededStateKind, type Instance, type NodeState } from '../../ef21/_lib/instances.ts';
import {
  seededCompressor,
  seededInstance,
  stepMultiplier,
  type Family,
  type Pool,
} from '../../ef21/_lib/seeded-trial.ts';
import { weightedTarget, type Weights } from './weighted-target.ts';

/** A seeded trial with every L_i > 0 and g_i drawn around h_i(x); γ = multiplier·γ_AM. */
export function seededWTrial(
  k: Key,
  family: Family,
  pool: Pool,
  multiplier: number | 'fraction',
  weights: Weights = ef21wWeights,
): { instance: Instance; compressor: Compressor; gamma: number; state: NodeState } {
  const [kInst, kC, kState, kKind, kFrac] = split(k, 5);
  const instance = seededInstance(kInst, family);
  const compressor = seededCompressor(kC, pool, instance.problem.dim);
  const target = weightedTarget(instance.problem, weights(instance.problem.Li));
  return {
    instance,
    compressor,
    gamma: stepMultiplier(kFrac, multiplier) * ef21AmGamma(instance.problem, contractiveAlpha(compressor)),
    state: seededState(kState, instance.problem, seededStateKind(kKind), target),
  };
}
