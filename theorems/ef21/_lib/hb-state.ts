/**
 * EF21-HB's state and seeded trials for theorems/ef21/ef21-hb.ts: the nodes' g_i (g = (1/n)Σg_i), the master's
 * momentum v, the heavy-ball weights η the trials use, and one seeded trial — instance, compressor, η, a state, and
 * γ as a multiple of the derived rule or of EF21's (η ignored).
 */
import type { Compressor } from '../../../src/compressors/types.ts';
import type { Vector } from '../../../src/linalg/vector.ts';
import type { Key } from '../../../src/rng/key.ts';
import { integerBelow } from '../../../src/rng/sample.ts';
import type { JsonValue } from '../../types.ts';
import { nodeStateJson, poolSpecs, seededCarriedTrial, seededSpec } from './compressing-trial.ts';
import { ef21Gamma } from './constants.ts';
import { contractiveAlpha } from './ef21-step.ts';
import { ef21HbGamma } from './hb-constants.ts';
import type { Instance } from './instances.ts';
import type { Family, Pool } from './seeded-trial.ts';

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
  const { instance, own, x, gi, carried, step } = seededCarriedTrial(k, family, multiplier);
  const d = instance.problem.dim;
  const compressor = seededSpec(own[0], poolSpecs(pool, d), d);
  const eta = ETAS[integerBelow(own[1], ETAS.length)];
  const alpha = contractiveAlpha(compressor);
  const base = rule === 'hb' ? ef21HbGamma(instance.problem, alpha, eta) : ef21Gamma(instance.problem, alpha);
  return { instance, compressor, eta, gamma: step * base, state: { x, gi, v: carried } };
}

/** A trial as a counterexample (the η table reads `eta` back from it). */
export function hbTrialJson(t: HbTrial): JsonValue {
  return {
    ...{ problem: t.instance.json, compressor: t.compressor.name, eta: t.eta, gamma: t.gamma },
    ...{ ...nodeStateJson(t.state), v: Array.from(t.state.v) },
  };
}
