/**
 * One EF21-W step from an arbitrary state and the weighted distortion Σ_i w_i‖g_i − h_i‖² before and after it,
 * h_i = ∇f_i/(n w_i) (the EF21-W counterpart of theorems/ef21/_lib/ef21-step.ts). Deterministic C: one real step of
 * src/algorithms/ef21-w.ts handed the weights, pathwise. Random C: the exact expectation over C (expectation()),
 * since x⁺ = x − γΣw_i g_i does not depend on C's draw.
 */
import type { Compressor } from '../../../src/compressors/types.ts';
import { ef21W, type EF21WState } from '../../../src/algorithms/ef21-w.ts';
import { masterStep } from '../../../src/algorithms/master-step.ts';
import { weightedSum, type Vector } from '../../../src/linalg/vector.ts';
import { exactOracle } from '../../../src/oracles/exact.ts';
import type { Problem } from '../../../src/problems/types.ts';
import type { Key } from '../../../src/rng/key.ts';
import type { NodeState } from '../../ef21/_lib/instances.ts';
import { distortion, expectedNextDistortion, type Distortion } from '../../ef21/_lib/lyapunov.ts';
import { weightedTarget } from './weighted-target.ts';

export function ef21wStepDistortions(
  problem: Problem,
  C: Compressor,
  gamma: number,
  state: NodeState,
  wi: readonly number[],
  stepKey: Key,
): { before: Distortion; xNext: Vector; after: Distortion } {
  const target = weightedTarget(problem, wi);
  const before = distortion(wi, state.gi, target, state.x);
  if (C.deterministic) {
    const s: EF21WState = {
      t: 0,
      x: state.x,
      gi: state.gi,
      wi,
      g: weightedSum(wi, state.gi),
      bitsPerNode: 0,
      initBitsPerNode: 0,
    };
    const next = ef21W({ gamma, compressor: C }).step(s, exactOracle(problem), stepKey);
    return { before, xNext: next.x, after: distortion(wi, next.gi, target, next.x) };
  }
  const xNext = masterStep(state.x, gamma, weightedSum(wi, state.gi));
  return { before, xNext, after: expectedNextDistortion(C, wi, state.gi, target, xNext) };
}
