/**
 * Shared pieces of the sampling-path properties (ef21*-sampling.spec.ts). The Lyapunov theorems check random
 * compressors through the exact `expectation()`, which never runs a method's own `step`; these properties run the
 * real `step` SAMPLES times from one state and compare the Monte Carlo mean of the next distortion with its exact
 * expectation, two-sided at z = 6 (src/stats/mean-se.ts). The exact side is computed here from the problem and the
 * compressor's `expectation()` alone — never from the method's code — so a wrong step cannot agree with itself.
 */
import { expect } from 'vitest';
import fc from 'fast-check';
import type { MethodState } from '../../src/algorithms/types.ts';
import { natural } from '../../src/compressors/natural.ts';
import { randK } from '../../src/compressors/rand-k.ts';
import type { Compressor } from '../../src/compressors/types.ts';
import { dist2sq, type ReadonlyVector, type Vector } from '../../src/linalg/vector.ts';
import { foldIn, key, type Key } from '../../src/rng/key.ts';
import { meanSe, Z_DEFAULT, type MeanSe } from '../../src/stats/mean-se.ts';
import { instanceArb, type InstanceSpec } from './_helpers.ts';

/** Steps per comparison: se ≈ sd/55, enough to see a 10 % error in a distortion of unit scale at z = 6. */
export const SAMPLES = 3000;

/** The step size of every sampling comparison (any γ > 0 works: the identities hold for every x⁺). */
export const GAMMA = 0.1;

/** Instances with d ≥ 2, so that rand-k with k = ⌊d/2⌋ is genuinely random (k < d). */
export const samplingInstanceArb: fc.Arbitrary<InstanceSpec> = instanceArb.filter((s) => s.d >= 2);

/** The seed of one comparison: init uses key(seed), step s uses foldIn(key(seed), s + 1). */
export const comparisonSeedArb: fc.Arbitrary<number> = fc.noShrink(fc.nat(1_000_000));

/**
 * numRuns of a sampling property: `base` at the default FC_RUNS = 100, scaled with FC_RUNS (each run costs
 * 3 × SAMPLES steps, so these properties run far fewer cases than the cheap ones).
 */
export function samplingRuns(base = 5): number {
  const global = fc.readConfigureGlobal().numRuns ?? 100;
  return Math.max(1, Math.ceil((base * global) / 100));
}

/** The random compressors every sampling property runs through: rand-k unscaled and scaled (k = ⌊d/2⌋), natural. */
export function randomCompressors(d: number): Compressor[] {
  const k = Math.max(1, Math.floor(d / 2));
  return [randK(d, k), randK(d, k, { scaled: true }), natural(d)];
}

/** Sampled mean ± se of a quantity, and its exact expectation. */
export interface Comparison {
  readonly stats: MeanSe;
  readonly exact: number;
}

/**
 * Two-sided z = 6 agreement. The exact side is a sum of non-negative terms, so |exact| is the sum of the magnitudes
 * of its summands and 1e-12·|exact| is the rounding allowance for draws with zero variance (e.g. natural
 * compression of powers of two, where se = 0).
 */
export function agrees(r: Comparison): boolean {
  return Math.abs(r.stats.mean - r.exact) <= Z_DEFAULT * r.stats.se + 1e-12 * Math.abs(r.exact);
}

/** Asserts agreement with a message that names the case and the numbers. */
export function expectAgrees(r: Comparison, label: string): void {
  expect(agrees(r), `${label}: mean ${r.stats.mean} ± ${r.stats.se} vs exact ${r.exact}`).toBe(true);
}

/**
 * The Monte Carlo side: `measure` of `step(state, foldIn(key(seed), s + 1))` for s < samples, as mean ± se.
 * Every call starts from the same `state` (steps never mutate it), so the samples are i.i.d.
 */
export function sampleNext<S extends MethodState>(
  state: S,
  step: (s: S, k: Key) => S,
  measure: (next: S) => number,
  seed: number,
  samples = SAMPLES,
): MeanSe {
  const root = key(seed);
  const out = new Float64Array(samples);
  for (let s = 0; s < samples; s++) out[s] = measure(step(state, foldIn(root, s + 1)));
  return meanSe(out);
}

/**
 * base_i + a node-dependent offset (i + 1)·(1 if j ≡ phase mod 3, else −0.5): a state away from equilibrium, so
 * every u_i is non-zero; different phases give different offsets (EF21-SGDM's g_i and v_i).
 */
export function nodeOffsets(base: readonly ReadonlyVector[], phase = 0): Vector[] {
  return base.map((b, i) => Float64Array.from(b, (v, j) => v + (i + 1) * (j % 3 === phase ? 1 : -0.5)));
}

/** x⁺ = x − γ g, the master step every EF21-family method takes first [docs/theory.md §3.1]. */
export function nextIterate(x: ReadonlyVector, gamma: number, g: ReadonlyVector): Vector {
  return Float64Array.from(x, (v, j) => v - gamma * g[j]);
}

/** Σ_i w_i ‖a_i − b_i‖² (w_i = 1/n unless given). */
export function distortion(
  a: readonly ReadonlyVector[],
  b: readonly ReadonlyVector[],
  weights?: readonly number[],
): number {
  let total = 0;
  for (let i = 0; i < a.length; i++) total += (weights === undefined ? 1 / a.length : weights[i]) * dist2sq(a[i], b[i]);
  return total;
}

/** E‖C(u) − u‖² from the compressor's exact expectation (the compressors used here all expose one). */
export function errorSq(compressor: Compressor, u: ReadonlyVector): number {
  const e = compressor.expectation?.(u);
  if (e === undefined) throw new RangeError(`sampling: ${compressor.name} has no exact expectation at this u`);
  return e.errorSq;
}

/** Σ_i w_i E‖C(u_i) − u_i‖² (w_i = 1/n unless given): the expected next distortion of one EF21 round. */
export function expectedDistortion(
  compressor: Compressor,
  u: readonly ReadonlyVector[],
  weights?: readonly number[],
): number {
  let total = 0;
  for (let i = 0; i < u.length; i++)
    total += (weights === undefined ? 1 / u.length : weights[i]) * errorSq(compressor, u[i]);
  return total;
}
