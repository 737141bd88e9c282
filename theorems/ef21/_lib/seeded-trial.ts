/**
 * The seeded one-step trials of the EF21-family claims: an instance of either family (indefinite quadratics or
 * logistic regression with the nonconvex regulariser, instances.ts), a compressor from the deterministic or the
 * random pool, an arbitrary state, and γ as a multiple of the claim's step rule.
 */
import { parseCompressorSpec } from '../../../src/compressors/registry.ts';
import type { Compressor } from '../../../src/compressors/types.ts';
import { split, type Key } from '../../../src/rng/key.ts';
import { integerBelow, uniform } from '../../../src/rng/sample.ts';
import type { JsonValue } from '../../types.ts';
import { ef21AmGamma, ef21Gamma } from './constants.ts';
import { contractiveAlpha } from './ef21-step.ts';
import {
  deterministicSpecs,
  logisticInstance,
  quadraticInstance,
  randomSpecs,
  seededLogistic,
  seededQuadratic,
  seededState,
  seededStateKind,
  type Instance,
  type NodeState,
} from './instances.ts';

export type Family = 'quadratic' | 'logistic';
export type Pool = 'deterministic' | 'random';

/** A seeded instance of either family, small enough for thousands of trials. */
export function seededInstance(k: Key, family: Family): Instance {
  const [kn, kd, km, kData] = split(k, 4);
  const n = 1 + integerBelow(kn, 5);
  if (family === 'quadratic')
    return quadraticInstance(seededQuadratic(kData, n, 1 + integerBelow(kd, 8), 'indefinite'));
  return logisticInstance(seededLogistic(kData, n, 1 + integerBelow(kd, 6), 2 + integerBelow(km, 7)));
}

/** A compressor of the pool, for dimension d: deterministic ones are checked pathwise, random ones in exact expectation. */
export function seededCompressor(k: Key, pool: Pool, d: number): Compressor {
  const specs = pool === 'deterministic' ? deterministicSpecs(d) : randomSpecs(d);
  return parseCompressorSpec(specs[integerBelow(k, specs.length)], d);
}

/**
 * γ/γ_max: the given multiplier, or for 'fraction' uniform in (0, 1] with an atom of 1/3 at exactly 1 (the edge of
 * the claim, where a wrong constant shows first).
 */
export function stepMultiplier(k: Key, multiplier: number | 'fraction'): number {
  const u = uniform(k, 2);
  return multiplier === 'fraction' ? (u[0] < 1 / 3 ? 1 : 1 - u[1]) : multiplier;
}

export interface Ef21Trial {
  readonly instance: Instance;
  readonly compressor: Compressor;
  readonly gamma: number;
  readonly gammaMax: number;
  readonly state: NodeState;
}

/**
 * One trial at γ = multiplier·γ_max, γ_max = 1/(L + L̃ξ(α)) (rule 'qm', EF21 Thm 1) or 1/(L + L_AM ξ(α)) (rule 'am',
 * the EF21-W paper's analysis), both from constants.ts.
 */
export function seededTrial(
  k: Key,
  family: Family,
  pool: Pool,
  multiplier: number | 'fraction',
  rule: 'qm' | 'am' = 'qm',
): Ef21Trial {
  const [kInst, kC, kState, kKind, kFrac] = split(k, 5);
  const instance = seededInstance(kInst, family);
  const compressor = seededCompressor(kC, pool, instance.problem.dim);
  const alpha = contractiveAlpha(compressor);
  const gammaMax = rule === 'qm' ? ef21Gamma(instance.problem, alpha) : ef21AmGamma(instance.problem, alpha);
  return {
    instance,
    compressor,
    gamma: stepMultiplier(kFrac, multiplier) * gammaMax,
    gammaMax,
    state: seededState(kState, instance.problem, seededStateKind(kKind)),
  };
}

/** A trial as a counterexample: the problem's data, the compressor's name, γ and the state. */
export function trialJson(
  t: Pick<Ef21Trial, 'instance' | 'compressor' | 'gamma' | 'state'> & { readonly gammaMax?: number },
): JsonValue {
  return {
    problem: t.instance.json,
    compressor: t.compressor.name,
    gamma: t.gamma,
    ...(t.gammaMax === undefined ? {} : { gammaMax: t.gammaMax }),
    x: Array.from(t.state.x),
    gi: t.state.gi.map((g) => Array.from(g)),
  };
}
