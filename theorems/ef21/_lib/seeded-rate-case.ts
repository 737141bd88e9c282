/**
 * ef21-rate's seeded cases: a bounded-below instance (positive definite quadratic, f_inf = f* exact, or logistic
 * regression with the nonconvex regulariser, f_inf = 0), a deterministic compressor, and a start — EF21's own
 * g_i⁰ = ∇f_i(x⁰), a random one, or g_i⁰ = 0 — run for T rounds by rate-run.ts.
 */
import { parseCompressorSpec } from '../../../src/compressors/registry.ts';
import type { Compressor } from '../../../src/compressors/types.ts';
import { split, type Key } from '../../../src/rng/key.ts';
import { integerBelow } from '../../../src/rng/sample.ts';
import {
  deterministicSpecs,
  logisticInstance,
  quadraticInstance,
  seededLogistic,
  seededQuadratic,
  seededState,
  type Instance,
} from './instances.ts';
import { ownStartRun, rateRun, type RateRun } from './rate-run.ts';

export type StartKind = 'own' | 'random' | 'zero';

export interface RateCase {
  readonly instance: Instance;
  readonly compressor: Compressor;
  readonly start: StartKind;
  readonly x0: Float64Array;
  readonly gi: Float64Array[];
}

/** n ≤ 5, d ≤ 6, either family with probability 1/2, top-k or scaled sign, each start with probability 1/3. */
export function seededRateCase(k: Key): RateCase {
  const [kFam, kn, kd, kData, kC, kStart, kState] = split(k, 7);
  const n = 1 + integerBelow(kn, 5);
  const d = 1 + integerBelow(kd, 6);
  const instance =
    integerBelow(kFam, 2) === 0
      ? quadraticInstance(seededQuadratic(kData, n, d, 'positive-definite'))
      : logisticInstance(seededLogistic(kData, n, d, 4));
  const specs = deterministicSpecs(d);
  const compressor = parseCompressorSpec(specs[integerBelow(kC, specs.length)], d);
  const start: StartKind = (['own', 'random', 'zero'] as const)[integerBelow(kStart, 3)];
  const s = seededState(kState, instance.problem, 'random');
  const gi = start === 'zero' ? s.gi.map((g) => new Float64Array(g.length)) : [...s.gi];
  return { instance, compressor, start, x0: s.x, gi };
}

/** T rounds of the case at γ: from EF21's own start through run.ts, or from the case's g_i⁰. */
export function rateCaseRun(c: RateCase, gamma: number, T: number, k: Key): RateRun {
  return c.start === 'own'
    ? ownStartRun(c.instance, c.compressor, gamma, c.x0, T, k)
    : rateRun(c.instance, c.compressor, gamma, { x: c.x0, gi: c.gi }, T, k);
}
