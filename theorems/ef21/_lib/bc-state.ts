/**
 * EF21-BC's state and seeded trials for theorems/ef21/ef21-bc.ts: the workers' g̃_i, the broadcast g (the master's
 * g̃ is (1/n)Σg̃_i), the master's error ‖g − g̃‖² that the derived Lyapunov function weighs, and one seeded trial —
 * instance, the two compressors, a state, and γ as a multiple of the derived rule or of EF21's (α_M ignored).
 */
import type { EF21BcState } from '../../../src/algorithms/ef21-bc.ts';
import type { Compressor } from '../../../src/compressors/types.ts';
import { norm2 } from '../../../src/linalg/norms.ts';
import { mean, type ReadonlyVector, type Vector } from '../../../src/linalg/vector.ts';
import type { Key } from '../../../src/rng/key.ts';
import type { JsonValue } from '../../types.ts';
import { ef21BcGamma } from './bc-constants.ts';
import { compressingSpecs, nodeStateJson, poolSpecs, seededCarriedTrial, seededSpec } from './compressing-trial.ts';
import { ef21Gamma } from './constants.ts';
import { contractiveAlpha } from './ef21-step.ts';
import type { Instance } from './instances.ts';
import { expectedErrorSq, type Distortion } from './lyapunov.ts';
import type { Family, Pool } from './seeded-trial.ts';

/** An EF21-BC state: x, the workers' g̃_i and the broadcast g. */
export interface BcState {
  readonly x: Vector;
  readonly gi: readonly Vector[];
  readonly g: Vector;
}

/** The implementation's state for it, with the master's g̃ = (1/n)Σg̃_i and no bits billed yet. */
export function bcStateOf(s: BcState): EF21BcState {
  const [bitsPerNode, initBitsPerNode, downlinkBits, initDownlinkBits] = [0, 0, 0, 0];
  return {
    t: 0,
    x: s.x,
    gi: s.gi,
    g: s.g,
    gTilde: mean(s.gi),
    bitsPerNode,
    initBitsPerNode,
    downlinkBits,
    initDownlinkBits,
  };
}

/**
 * The master's error ‖g − (1/n)Σg̃_i‖² with the size of its summands; with CM, the next one in exact expectation,
 * E‖C_M(w) − w‖² with w = (1/n)Σg̃_i⁺ − g (gi the workers' new estimators, g the old broadcast).
 */
export function masterError(g: ReadonlyVector, gi: readonly ReadonlyVector[], CM?: Compressor): Distortion {
  const gTilde = mean(gi);
  const w = new Float64Array(g.length);
  let value = 0;
  for (let j = 0; j < w.length; j++) {
    w[j] = gTilde[j] - g[j];
    value += w[j] * w[j];
  }
  return { value: CM === undefined ? value : expectedErrorSq(CM, w), scale: (norm2(g) + norm2(gTilde)) ** 2 };
}

export type BcStep = 'bc' | 'ignore-master';

export interface BcTrial {
  readonly instance: Instance;
  readonly Cw: Compressor;
  readonly CM: Compressor;
  readonly gamma: number;
  readonly state: BcState;
}

/**
 * A seeded trial: C_w among compressingSpecs, C_M among them too ('deterministic') or among the random ones with
 * exact expectation ('random'); g̃_i as seededState draws g_i, g near their mean or anywhere; γ = multiplier·γ_BC,
 * or multiplier·(EF21's step at α_w) for 'ignore-master'.
 */
export function seededBcTrial(
  k: Key,
  family: Family,
  pool: Pool,
  multiplier: number | 'fraction',
  rule: BcStep = 'bc',
): BcTrial {
  const { instance, own, x, gi, carried, step } = seededCarriedTrial(k, family, multiplier);
  const d = instance.problem.dim;
  const Cw = seededSpec(own[0], compressingSpecs(d), d);
  const CM = seededSpec(own[1], poolSpecs(pool, d), d);
  const [alphaW, alphaM] = [contractiveAlpha(Cw), contractiveAlpha(CM)];
  const base = rule === 'bc' ? ef21BcGamma(instance.problem, alphaW, alphaM) : ef21Gamma(instance.problem, alphaW);
  return { instance, Cw, CM, gamma: step * base, state: { x, gi, g: carried } };
}

/** A trial as a counterexample. */
export function bcTrialJson(t: BcTrial): JsonValue {
  return {
    ...{ problem: t.instance.json, workerCompressor: t.Cw.name, masterCompressor: t.CM.name, gamma: t.gamma },
    ...{ ...nodeStateJson(t.state), g: Array.from(t.state.g) },
  };
}
