/**
 * Seeded one-step trials for EF21-BC and EF21-HB (theorems/ef21/ef21-bc.ts, ef21-hb.ts): the instances of
 * seeded-trial.ts, but in d ≥ 2 and with compressors that compress (α < 1), because both derived forms weigh an
 * error by 1/ξ(α), which is infinite for an exact link; and the extra vector each method carries (EF21-BC's
 * broadcast g, EF21-HB's momentum v), drawn near the value a fresh start would give it, or anywhere.
 */
import { parseCompressorSpec } from '../../../src/compressors/registry.ts';
import type { Compressor } from '../../../src/compressors/types.ts';
import { mean, norm2sq, type ReadonlyVector, type Vector } from '../../../src/linalg/vector.ts';
import { split, type Key } from '../../../src/rng/key.ts';
import { integerBelow, normal } from '../../../src/rng/sample.ts';
import {
  logisticInstance,
  quadraticInstance,
  seededLogistic,
  randomSpecs,
  seededQuadratic,
  seededState,
  seededStateKind,
  type Instance,
  type StateKind,
} from './instances.ts';
import { stepMultiplier, type Family, type Pool } from './seeded-trial.ts';

/** Deterministic compressors that compress in dimension d ≥ 2: top-k with k < d, and scaled sign (α = 1/d). */
export function compressingSpecs(d: number): string[] {
  const ks = [...new Set([1, Math.ceil(d / 4), Math.ceil(d / 2)])].filter((k) => k < d);
  return [...ks.map((k) => `top-k:k=${k}`), 'scaled-sign'];
}

/** An instance of either family with n ∈ 1..5 and d ∈ 2..8 (quadratic) or 2..6 (logistic). */
export function seededCompressingInstance(k: Key, family: Family): Instance {
  const [kn, kd, km, kData] = split(k, 4);
  const n = 1 + integerBelow(kn, 5);
  if (family === 'quadratic')
    return quadraticInstance(seededQuadratic(kData, n, 2 + integerBelow(kd, 7), 'indefinite'));
  return logisticInstance(seededLogistic(kData, n, 2 + integerBelow(kd, 5), 2 + integerBelow(km, 7)));
}

/**
 * A vector near `base`, as seededState draws g_i near ∇f_i: equal ('gradient'), within 1% of its size
 * ('near-gradient'), or off by its own size plus a unit Gaussian ('random').
 */
export function perturbed(k: Key, base: ReadonlyVector, kind: StateKind): Vector {
  const d = base.length;
  const out = Float64Array.from(base);
  if (kind === 'gradient') return out;
  const z = normal(k, 2 * d);
  const eps = kind === 'random' ? 1 : 0.01;
  const size = Math.sqrt(norm2sq(base) / d);
  for (let j = 0; j < d; j++) out[j] += eps * size * z[j] + (kind === 'random' ? z[d + j] : 0);
  return out;
}

/** A compressor of `specs`, drawn with k, for dimension d. */
export function seededSpec(k: Key, specs: readonly string[], d: number): Compressor {
  return parseCompressorSpec(specs[integerBelow(k, specs.length)], d);
}

/** The pool's compressors: compressingSpecs (checked pathwise), or the random ones (in exact expectation). */
export function poolSpecs(pool: Pool, d: number): string[] {
  return pool === 'deterministic' ? compressingSpecs(d) : randomSpecs(d);
}

/**
 * What a seeded trial of either claim draws besides its method's own parameters (two keys, `own`): the instance;
 * x and g_i as seededState draws them; the carried vector perturbed from (1/n)Σg_i; and γ/γ_rule (stepMultiplier).
 */
export function seededCarriedTrial(k: Key, family: Family, multiplier: number | 'fraction') {
  const [kInst, kOwn, kOwn2, kState, kKind, kCarried, kCarriedKind, kFrac] = split(k, 8);
  const instance = seededCompressingInstance(kInst, family);
  const { x, gi } = seededState(kState, instance.problem, seededStateKind(kKind));
  const carried: Vector = perturbed(kCarried, mean(gi), seededStateKind(kCarriedKind));
  return { instance, own: [kOwn, kOwn2] as const, x, gi, carried, step: stepMultiplier(kFrac, multiplier) };
}

/** x and the g_i as a counterexample prints them. */
export function nodeStateJson(s: { readonly x: ReadonlyVector; readonly gi: readonly ReadonlyVector[] }) {
  return { x: Array.from(s.x), gi: s.gi.map((v) => Array.from(v)) };
}
