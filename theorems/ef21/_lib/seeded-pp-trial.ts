/**
 * ef21-pp's seeded trials: an instance of either family, a compressor of the pool, a participation probability p
 * drawn from the claim's list, an arbitrary state, and γ as a multiple of the PP step 1/(L + L̃ξ(pα)) or, for the
 * teeth, of EF21's step 1/(L + L̃ξ(α)) that ignores p (both rules from constants.ts).
 */
import type { Compressor } from '../../../src/compressors/types.ts';
import { split, type Key } from '../../../src/rng/key.ts';
import { integerBelow } from '../../../src/rng/sample.ts';
import type { JsonValue } from '../../types.ts';
import { ef21Gamma, ef21PpGamma } from './constants.ts';
import { contractiveAlpha } from './ef21-step.ts';
import { seededState, seededStateKind, type Instance, type NodeState } from './instances.ts';
import { seededCompressor, seededInstance, stepMultiplier, type Family, type Pool } from './seeded-trial.ts';

/** Which step γ multiplies: the PP rule, or EF21's rule ignoring participation. */
export type PpStep = 'pp' | 'ef21';

export interface PpTrial {
  readonly instance: Instance;
  readonly compressor: Compressor;
  readonly p: number;
  readonly gamma: number;
  readonly state: NodeState;
}

/** A seeded trial, p uniform over `participation`; γ = multiplier·(the `rule`'s step). */
export function seededParticipationTrial(
  k: Key,
  participation: readonly number[],
  family: Family,
  pool: Pool,
  multiplier: number | 'fraction',
  rule: PpStep = 'pp',
): PpTrial {
  const [kInst, kC, kP, kState, kKind, kFrac] = split(k, 6);
  const instance = seededInstance(kInst, family);
  const compressor = seededCompressor(kC, pool, instance.problem.dim);
  const p = participation[integerBelow(kP, participation.length)];
  const alpha = contractiveAlpha(compressor);
  const base = rule === 'pp' ? ef21PpGamma(instance.problem, alpha, p) : ef21Gamma(instance.problem, alpha);
  return {
    instance,
    compressor,
    p,
    gamma: stepMultiplier(kFrac, multiplier) * base,
    state: seededState(kState, instance.problem, seededStateKind(kKind)),
  };
}

/** A trial as a counterexample: the problem's data, the compressor's name, p, γ and the state. */
export function ppTrialJson(tr: PpTrial): JsonValue {
  return {
    problem: tr.instance.json,
    compressor: tr.compressor.name,
    p: tr.p,
    gamma: tr.gamma,
    x: Array.from(tr.state.x),
    gi: tr.state.gi.map((g) => Array.from(g)),
  };
}
