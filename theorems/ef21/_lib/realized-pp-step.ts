/**
 * ef21-pp's cross-check of its exact expectation: one realized step of src/algorithms/ef21-pp.ts with a
 * deterministic C against the per-client formula for the participation the step drew (docs/theory.md §3.5),
 *   (1/n)Σ‖g_i⁺ − ∇f_i(x⁺)‖² = (1/n)Σ_i [joined_i ? ‖C(u_i) − u_i‖² : ‖u_i‖²],  u_i = ∇f_i(x⁺) − g_i,
 * an identity for top-k and scaled sign.
 */
import type { Compressor } from '../../../src/compressors/types.ts';
import { ef21Pp } from '../../../src/algorithms/ef21-pp.ts';
import { norm2sq } from '../../../src/linalg/vector.ts';
import { exactOracle } from '../../../src/oracles/exact.ts';
import type { Key } from '../../../src/rng/key.ts';
import type { Sides } from '../../../src/report/verdict.ts';
import { ef21StateOf } from './ef21-step.ts';
import type { Instance, NodeState } from './instances.ts';
import { distortion, expectedErrorSq, gradientTarget, uniformWeights } from './lyapunov.ts';

/** lhs = the realized distortion, rhs = the formula; `joined` counts the nodes that sent. */
export function realizedStepSides(
  instance: Instance,
  C: Compressor,
  p: number,
  gamma: number,
  state: NodeState,
  k: Key,
): Sides & { readonly joined: number } {
  const { problem } = instance;
  const s = { ...ef21StateOf(state), participated: state.gi.map(() => true) };
  const next = ef21Pp({ gamma, compressor: C, p }).step(s, exactOracle(problem), k);
  const c = uniformWeights(problem.n);
  const realized = distortion(c, next.gi, gradientTarget(problem), next.x);
  let formula = 0;
  for (let i = 0; i < problem.n; i++) {
    const h = problem.gradI(i, next.x);
    const u = new Float64Array(h.length);
    for (let j = 0; j < h.length; j++) u[j] = h[j] - state.gi[i][j];
    formula += c[i] * (next.participated[i] ? expectedErrorSq(C, u) : norm2sq(u));
  }
  return { lhs: realized.value, rhs: formula, scale: realized.scale, joined: next.participated.filter(Boolean).length };
}
