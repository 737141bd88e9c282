/**
 * EF21-HB's state and seeded trials for theorems/ef21/ef21-hb.ts: the nodes' g_i (g = (1/n)Σg_i), the master's
 * momentum v, the heavy-ball weights η the trials use, and one seeded trial — instance, compressor, η, a state, and
 * γ as a multiple of the derived rule or of EF21's (η ignored).
 */
import { parseCompressorSpec } from '../../../src/compressors/registry.ts';
import type { Compressor } from '../../../src/compressors/types.ts';
import { mean, type Vector } from '../../../src/linalg/vector.ts';
import { split, type Key } from '../../../src/rng/key.ts';
import { integerBelow } from '../../../src/rng/sample.ts';
import type { JsonValue } from '../../types.ts';
import { compressingSpecs, perturbed, seededCompressingInstance } from './compressing-trial.ts';
import { ef21Gamma } from './constants.ts';
import { contractiveAlpha } from './ef21-step.ts';
import { ef21HbGamma } from './hb-constants.ts';
import { randomSpecs, seededState, seededStateKind, type Instance } from './instances.ts';
import { stepMultiplier, type Family, type Pool } from './seeded-trial.ts';

/** The heavy-ball weights of the random trials: light to heavy momentum. */
export const ETAS: readonly number[] = [0.1, 0.5, 0.9, 0.99];

/** An EF21-HB state: x, the nodes' g_i and the master's momentum v. */
export interface HbState {
  readonly x: Vector;
  readonly gi: readonly Vector[];
  readonly v: Vector;
}

export type HbStep = 'hb' | 'ignore-eta';

export interface HbTrial {
  readonly instance: Instance;
  readonly compressor: Compressor;
  readonly eta: number;
  readonly gamma: number;
  readonly state: HbState;
}

/**
 * A seeded trial: C among compressingSpecs ('deterministic') or the random ones with exact expectation ('random'),
 * η uniform over ETAS, g_i as seededState draws them, v near g or anywhere; γ = multiplier·γ_HB, or
 * multiplier·(EF21's step, ignoring η) for 'ignore-eta'.
 */
export function seededHbTrial(
  k: Key,
  family: Family,
  pool: Pool,
  multiplier: number | 'fraction',
  rule: HbStep = 'hb',
): HbTrial {
  const [kInst, kC, kEta, kState, kKind, kV, kVKind, kFrac] = split(k, 8);
  const instance = seededCompressingInstance(kInst, family);
  const d = instance.problem.dim;
  const specs = pool === 'deterministic' ? compressingSpecs(d) : randomSpecs(d);
  const compressor = parseCompressorSpec(specs[integerBelow(kC, specs.length)], d);
  const eta = ETAS[integerBelow(kEta, ETAS.length)];
  const alpha = contractiveAlpha(compressor);
  const base = rule === 'hb' ? ef21HbGamma(instance.problem, alpha, eta) : ef21Gamma(instance.problem, alpha);
  const { x, gi } = seededState(kState, instance.problem, seededStateKind(kKind));
  const state: HbState = { x, gi, v: perturbed(kV, mean(gi), seededStateKind(kVKind)) };
  return { instance, compressor, eta, gamma: stepMultiplier(kFrac, multiplier) * base, state };
}

/** A trial as a counterexample (the η table reads `eta` back from it). */
export function hbTrialJson(t: HbTrial): JsonValue {
  const { x, gi, v } = t.state;
  return {
    ...{ problem: t.instance.json, compressor: t.compressor.name, eta: t.eta, gamma: t.gamma },
    ...{ x: Array.from(x), gi: gi.map((w) => Array.from(w)), v: Array.from(v) },
  };
}
