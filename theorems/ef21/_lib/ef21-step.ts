/**
 * One EF21 step from an arbitrary state, and the distortion Σ_i c_i‖g_i − ∇f_i‖² before and after it: the common
 * core of the EF21-family one-step claims (ef21-lyapunov, ef21-am, ef21-pl; ef21-sgd-neighbourhood steps from the
 * same states). Deterministic C: one real step of src/algorithms/ef21.ts, pathwise. Random C: the exact
 * expectation over C (expectation()), since x⁺ does not depend on C's draw (docs/theory.md §3.2).
 */
import type { Compressor } from '../../../src/compressors/types.ts';
import { ef21, type EF21State } from '../../../src/algorithms/ef21.ts';
import { masterStep } from '../../../src/algorithms/master-step.ts';
import { mean, type Vector } from '../../../src/linalg/vector.ts';
import { exactOracle } from '../../../src/oracles/exact.ts';
import type { Problem } from '../../../src/problems/types.ts';
import type { Key } from '../../../src/rng/key.ts';
import type { NodeState } from './instances.ts';
import { distortion, expectedNextDistortion, gradientTarget, type Distortion } from './lyapunov.ts';

/** α of a contractive compressor; a RangeError for any other contract. */
export function contractiveAlpha(C: Compressor): number {
  if (C.contract.kind !== 'contractive')
    throw new RangeError(`ef21: needs a contractive compressor, got ${C.name} (${C.contract.kind})`);
  return C.contract.alpha;
}

/** The EF21 state the implementation steps from: an arbitrary (x, g_i) with the master's g = (1/n)Σg_i. */
export function ef21StateOf(s: NodeState): EF21State {
  return { t: 0, x: s.x, gi: s.gi, g: mean(s.gi), bitsPerNode: 0, initBitsPerNode: 0 };
}

/** One EF21 step at γ from `state` and the weighted distortion Σ_i c_i‖g_i − ∇f_i‖² before and after it. */
export function ef21StepDistortions(
  problem: Problem,
  C: Compressor,
  gamma: number,
  state: NodeState,
  c: readonly number[],
  stepKey: Key,
): { before: Distortion; xNext: Vector; after: Distortion } {
  const target = gradientTarget(problem);
  const before = distortion(c, state.gi, target, state.x);
  if (C.deterministic) {
    const next = ef21({ gamma, compressor: C }).step(ef21StateOf(state), exactOracle(problem), stepKey);
    return { before, xNext: next.x, after: distortion(c, next.gi, target, next.x) };
  }
  const xNext = masterStep(state.x, gamma, mean(state.gi));
  return { before, xNext, after: expectedNextDistortion(C, c, state.gi, target, xNext) };
}
