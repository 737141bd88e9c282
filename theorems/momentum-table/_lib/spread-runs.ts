/**
 * Runs of a method on the spread instance (spread-instance.ts) that keep what ef14-without-bounded-gradients
 * judges: the mean of ‖∇f(x^t)‖² over t < T, every iterate (for the comparison across spreads), the norms of the
 * stochastic gradients the nodes drew (the BG constant along the trajectory), and for EF14 the worst ratio of its
 * memory ‖e_i^t‖ to the largest gradient node i has drawn so far. The loop is trajectory()'s (src/algorithms/run.ts):
 * [kInit, kSteps] = split(key), round t on foldIn(kSteps, t), so the draws are the run's own.
 */
import type { Algorithm, MethodState } from '../../../src/algorithms/types.ts';
import { norm2sq, type ReadonlyVector } from '../../../src/linalg/vector.ts';
import type { Oracle } from '../../../src/oracles/types.ts';
import { gradient } from '../../../src/problems/types.ts';
import { foldIn, split, type Key } from '../../../src/rng/key.ts';

export interface SpreadRun {
  /** (1/T) Σ_{t<T} ‖∇f(x^t)‖². */
  readonly meanGradNormSq: number;
  /** (1/(T + 1)) Σ_{t≤T} (1/n) Σ_i ‖ĝ_i(x^t)‖²: the mean square of the stochastic gradients drawn. */
  readonly meanDrawnSq: number;
  /** max_{t,i} ‖ĝ_i(x^t)‖²: the smallest BG constant this run satisfies. */
  readonly maxDrawnSq: number;
  /** x^0, …, x^T, d entries each. */
  readonly iterates: Float64Array;
  /** For a state with memories e_i: the (t, i) maximising ‖e_i^t‖ / max_{r≤t} ‖ĝ_i(x^r)‖, with both norms. */
  readonly memory?: { readonly norm: number; readonly drawn: number; readonly t: number; readonly node: number };
}

/** The oracle with every gradient it hands out measured (‖ĝ_i‖², in call order) before the method touches it. */
function measured(oracle: Oracle, sink: number[]): Oracle {
  return {
    ...oracle,
    gradI: (i, x, k) => {
      const g = oracle.gradI(i, x, k);
      sink.push(norm2sq(g));
      return g;
    },
  };
}

/** One run of T rounds with key k; the method calls gradI once per node per round, nodes in order. */
export function spreadRun<S extends MethodState>(
  alg: Algorithm<unknown, S>,
  oracle: Oracle,
  T: number,
  k: Key,
): SpreadRun {
  const { problem } = oracle;
  const n = problem.n;
  const d = problem.dim;
  const drawn: number[] = [];
  const o = measured(oracle, drawn);
  const [kInit, kSteps] = split(k);
  const iterates = new Float64Array((T + 1) * d);
  const largest = new Float64Array(n);
  let state = alg.init(o, kInit);
  let gradSum = 0;
  let drawnSum = 0;
  let maxDrawnSq = 0;
  let memory: SpreadRun['memory'];
  let worst = -1;
  for (let t = 0; ; t++) {
    if (drawn.length !== (t + 1) * n)
      throw new RangeError(`spread run: ${alg.name} drew ${drawn.length} gradients by round ${t}`);
    iterates.set(state.x, t * d);
    const ei = (state as { readonly ei?: readonly ReadonlyVector[] }).ei;
    for (let i = 0; i < n; i++) {
      const g2 = drawn[t * n + i];
      drawnSum += g2 / n;
      maxDrawnSq = Math.max(maxDrawnSq, g2);
      largest[i] = Math.max(largest[i], Math.sqrt(g2));
      if (ei !== undefined) {
        const norm = Math.sqrt(norm2sq(ei[i]));
        const ratio = norm / largest[i];
        if (ratio > worst) {
          worst = ratio;
          memory = { norm, drawn: largest[i], t, node: i };
        }
      }
    }
    if (t === T) break;
    gradSum += norm2sq(gradient(problem, state.x));
    state = alg.step(state, o, foldIn(kSteps, t));
  }
  return {
    meanGradNormSq: gradSum / T,
    meanDrawnSq: drawnSum / (T + 1),
    maxDrawnSq,
    iterates,
    ...(memory !== undefined ? { memory } : {}),
  };
}

/** max_t ‖x^t − y^t‖² over two runs' iterates (same T and d). */
export function largestGapSq(a: Float64Array, b: Float64Array, d: number): number {
  let worst = 0;
  for (let t = 0; t < a.length; t += d) {
    let s = 0;
    for (let j = 0; j < d; j++) s += (a[t + j] - b[t + j]) ** 2;
    worst = Math.max(worst, s);
  }
  return worst;
}
