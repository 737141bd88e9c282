/**
 * ef21-pl's instances: positive definite dense quadratics (μ = λ_min((1/n)ΣA_i) > 0, f* exact), their PL constants,
 * the theory's step for them (Theorem 2's rule from constants.ts), and the seeded one-step trials.
 */
import type { Compressor } from '../../../src/compressors/types.ts';
import { split, type Key } from '../../../src/rng/key.ts';
import { integerBelow } from '../../../src/rng/sample.ts';
import { ef21PlGamma } from './constants.ts';
import { contractiveAlpha } from './ef21-step.ts';
import {
  quadraticInstance,
  seededQuadratic,
  seededState,
  seededStateKind,
  type Instance,
  type NodeState,
} from './instances.ts';
import { seededCompressor, stepMultiplier, type Pool } from './seeded-trial.ts';

/** μ and f* of a strongly convex instance; a RangeError otherwise. */
export function plConstants(instance: Instance): { mu: number; fStar: number } {
  const { problem } = instance;
  if (problem.mu === undefined || !problem.fInfExact || !(problem.mu > 0))
    throw new RangeError(`ef21-pl: ${problem.name} has no PL constant μ > 0 with exact f*`);
  return { mu: problem.mu, fStar: problem.fInf };
}

/** The theory's step size for this instance and compressor (constants.ts, Theorem 2's rule). */
export function plStepSize(instance: Instance, C: Compressor): number {
  return ef21PlGamma(
    { L: instance.problem.L, Li: instance.problem.Li, mu: plConstants(instance).mu },
    contractiveAlpha(C),
  );
}

export interface PlTrial {
  readonly instance: Instance;
  readonly compressor: Compressor;
  readonly gamma: number;
  readonly state: NodeState;
}

/** A seeded positive definite quadratic (n ≤ 5, d ≤ 8), compressor and state; γ = multiplier·(theory step). */
export function seededPlTrial(k: Key, pool: Pool, multiplier: number | 'fraction'): PlTrial {
  const [kn, kd, kData, kC, kState, kKind, kFrac] = split(k, 7);
  const d = 1 + integerBelow(kd, 8);
  const instance = quadraticInstance(seededQuadratic(kData, 1 + integerBelow(kn, 5), d, 'positive-definite'));
  const compressor = seededCompressor(kC, pool, d);
  return {
    instance,
    compressor,
    gamma: stepMultiplier(kFrac, multiplier) * plStepSize(instance, compressor),
    state: seededState(kState, instance.problem, seededStateKind(kKind)),
  };
}
