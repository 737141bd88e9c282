/**
 * Runs on the Beznosikov instance (src/problems/beznosikov.ts: n = d = 3, f_i(x) = ⟨a_i, x⟩² + ¼‖x‖²) with Top1
 * and exact gradients: naive compressed GD (DCGD) and EF21, every iterate kept (docs/theory.md §2.3).
 */
import { compressedGd } from '../../../src/algorithms/compressed-gd.ts';
import { ef21 } from '../../../src/algorithms/ef21.ts';
import { trajectory } from '../../../src/algorithms/run.ts';
import type { MethodState } from '../../../src/algorithms/types.ts';
import { topK } from '../../../src/compressors/top-k.ts';
import { norm2sq, type ReadonlyVector, type Vector } from '../../../src/linalg/vector.ts';
import { exactOracle } from '../../../src/oracles/exact.ts';
import { beznosikovInstance } from '../../../src/problems/beznosikov.ts';
import { key } from '../../../src/rng/key.ts';
import type { LineFigure } from '../../types.ts';

/** Dimension (= nodes) and Top-k budget of the instance. */
export const D = 3;
export const K_TOP = 1;

/** t·(1, 1, 1): the starts on which DCGD's iterates grow by exactly 1 + 11γ/6 per round. */
export const diagonal = (t: number): Vector => Float64Array.of(t, t, t);

/** The kept states; a run that overflowed (EF21 far above its step size) stops at its last finite state. */
function statesOf<S extends MethodState>(run: { readonly states?: readonly S[] }): readonly S[] {
  if (run.states === undefined) throw new RangeError('naive-compression-diverges: the run kept no states');
  return run.states;
}

/** DCGD with Top1: the iterates x⁰, …, x^K (fewer if they overflow). */
export function dcgdIterates(gamma: number, x0: ReadonlyVector, rounds: number): Vector[] {
  const oracle = exactOracle(beznosikovInstance());
  const run = trajectory(compressedGd({ gamma, compressor: topK(D, K_TOP), x0 }), oracle, rounds, key(0), {
    keepStates: true,
  });
  return statesOf(run).map((s) => s.x);
}

/** EF21 with Top1: the iterates x⁰, …, x^T (the key is unused: all of it is exact). */
export function ef21Iterates(gamma: number, x0: ReadonlyVector, rounds: number): Vector[] {
  const oracle = exactOracle(beznosikovInstance());
  const run = trajectory(ef21({ gamma, compressor: topK(D, K_TOP), x0 }), oracle, rounds, key(0), { keepStates: true });
  return statesOf(run).map((s) => s.x);
}

/** ‖∇f(x)‖² = ‖(1/n)Σ_i ∇f_i(x)‖² on the instance. */
export function gradNormSq(x: ReadonlyVector): number {
  const p = beznosikovInstance();
  const g = new Float64Array(D);
  for (let i = 0; i < p.n; i++) {
    const gi = p.gradI(i, x);
    for (let j = 0; j < D; j++) g[j] += gi[j] / p.n;
  }
  return norm2sq(g);
}

/** ‖x^k‖ of DCGD and EF21 at the same step with the predicted ‖x⁰‖(1 + 11γ/6)^k; every 30th round keeps it small. */
export function iterateNormsFigure(
  dcgdPath: readonly ReadonlyVector[],
  efPath: readonly ReadonlyVector[],
  gamma: number,
  growth: number,
  efRatio: number,
): LineFigure {
  const stride = 30;
  const norms = (path: readonly ReadonlyVector[]): [number, number][] =>
    path.flatMap((x, k) =>
      k % stride === 0 || k === path.length - 1 ? [[k, Math.sqrt(norm2sq(x))] as [number, number]] : [],
    );
  const predicted = norms(dcgdPath).map(([k]) => [k, Math.sqrt(3) * growth ** k] as [number, number]);
  const last = dcgdPath.length - 1;
  return {
    kind: 'line',
    name: 'iterate-norms',
    title: `‖x^k‖ on the Beznosikov instance, Top1, γ = ${gamma.toPrecision(4)} (EF21's theory step)`,
    x: { label: 'round k' },
    y: { label: '‖x^k‖', log: true },
    series: [
      { name: 'DCGD (naive compressed GD)', points: norms(dcgdPath) },
      { name: 'EF21', points: norms(efPath) },
      { name: '‖x⁰‖(1 + 11γ/6)^k', points: predicted, reference: true },
    ],
    caption: `From x⁰ = (1, 1, 1): DCGD follows ‖x⁰‖(1 + 11γ/6)^k exactly (≈ ${Math.sqrt(norm2sq(dcgdPath[last])).toPrecision(3)} at k = ${last}); EF21 reaches ‖∇f(x^k)‖²/‖∇f(x⁰)‖² = ${efRatio.toPrecision(3)}.`,
  };
}
