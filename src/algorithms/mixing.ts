/**
 * Mixing matrices of decentralised methods (BEER, src/algorithms/beer.ts): an n×n W with W_{ij} the weight agent j
 * gives agent i's vector, symmetric and doubly stochastic, so that mixing moves no mass (each column of W − I sums to
 * 0) and the agents' average is kept [docs/theory.md §A3.2]. Besides checking a given W, this file builds W from a
 * graph by the Metropolis–Hastings rule
 *   W_{ij} = 1/(1 + max{deg_i, deg_j}) for each edge ij,   W_{ii} = 1 − Σ_{j≠i} W_{ij},   0 elsewhere
 * [M: Xiao, Boyd, Lall 2005, "A scheme for robust distributed sensor fusion based on average consensus"], which is
 * symmetric and doubly stochastic on every graph, with non-negative entries [D, mixing.test.ts], and needs only each
 * agent's and its neighbours' degrees. On a ring (every degree 2) it is W = (I + P + Pᵀ)/3, which is also what the BEER authors'
 * `generate_mixing_matrix` gives on their cycle graph, (A + I)/(deg + 1) [P code, `liboyue/beer`,
 * beer/communication_graph.py].
 * A MixingRule is W as a function of the number of agents, for callers that do not know n before the problem (the
 * registry's BEER runs on a ring of whatever n the problem has).
 */

/** An n×n mixing matrix, row j = W_{j·}. */
export type MixingMatrix = readonly (readonly number[])[];

/** W for n agents, with a name for method names and reports ('ring'). */
export interface MixingRule {
  readonly name: string;
  readonly matrix: (n: number) => MixingMatrix;
}

/** Tolerance on symmetry and on the row sums of W (inputs are typed by hand, e.g. 1/3 stored rounded). */
const MIXING_TOL = 1e-12;

/**
 * W itself, or the complete graph's (1/n)11ᵀ; checks n×n, finite, symmetric, rows summing to 1.
 * @param method the method named in error messages
 */
export function mixingMatrix(n: number, W?: MixingMatrix, method = 'beer'): MixingMatrix {
  if (W === undefined) return Array.from({ length: n }, () => Array.from({ length: n }, () => 1 / n));
  if (W.length !== n || W.some((row) => row.length !== n))
    throw new RangeError(`${method}: mixing matrix must be ${n}×${n} (one row per agent)`);
  for (let i = 0; i < n; i++) {
    let rowSum = 0;
    for (let j = 0; j < n; j++) {
      const w = W[i][j];
      if (!Number.isFinite(w))
        throw new RangeError(`${method}: mixing matrix entry W[${i}][${j}] = ${w} is not finite`);
      if (Math.abs(w - W[j][i]) > MIXING_TOL)
        throw new RangeError(
          `${method}: mixing matrix must be symmetric, W[${i}][${j}] = ${w} ≠ W[${j}][${i}] = ${W[j][i]}`,
        );
      rowSum += w;
    }
    if (Math.abs(rowSum - 1) > MIXING_TOL * n)
      throw new RangeError(`${method}: mixing matrix rows must sum to 1, row ${i} sums to ${rowSum}`);
  }
  return W;
}

/**
 * The Metropolis–Hastings weights of an undirected graph given by its adjacency (header). The adjacency must be
 * square and symmetric; the diagonal is ignored.
 * @example
 * metropolisWeights([[false, true], [true, false]]);
 * // returns [[0.5, 0.5], [0.5, 0.5]]
 */
export function metropolisWeights(adjacency: readonly (readonly boolean[])[]): number[][] {
  const n = adjacency.length;
  if (adjacency.some((row) => row.length !== n))
    throw new RangeError(`metropolis weights: adjacency must be ${n}×${n}`);
  const edge = (i: number, j: number): boolean => i !== j && adjacency[i][j];
  const degree = adjacency.map((row, i) => row.filter((_, j) => edge(i, j)).length);
  const W = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    let off = 0;
    for (let j = 0; j < n; j++) {
      if (edge(i, j) !== edge(j, i))
        throw new RangeError(`metropolis weights: adjacency must be symmetric, (${i}, ${j}) is not`);
      if (!edge(i, j)) continue;
      W[i][j] = 1 / (1 + Math.max(degree[i], degree[j]));
      off += W[i][j];
    }
    W[i][i] = 1 - off;
  }
  return W;
}

/**
 * The ring (cycle) on n agents, agent i joined to i ± 1 mod n: for n ≤ 2 the path (one edge, or none), for n = 3
 * the complete graph.
 */
export function ringAdjacency(n: number): boolean[][] {
  if (!(Number.isInteger(n) && n >= 1)) throw new RangeError(`ring: need an integer n ≥ 1, got n=${n}`);
  return Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => j !== i && (j === (i + 1) % n || i === (j + 1) % n)),
  );
}

/**
 * Metropolis weights on the ring: 1/3 to each neighbour and to oneself for n ≥ 3 (so (1/3)11ᵀ at n = 3), ½11ᵀ at
 * n = 2, [1] at n = 1.
 * @example
 * ringMixing.matrix(4)[1];
 * // returns [0.3333333333333333, 0.33333333333333337, 0.3333333333333333, 0]   (W_ii = 1 − 2/3, rounded)
 */
export const ringMixing: MixingRule = { name: 'ring', matrix: (n) => metropolisWeights(ringAdjacency(n)) };

/**
 * W with its agents relabelled by π: W'_{ij} = W_{π(i)π(j)}. Agent i of a run with W' and agent i holding the data
 * of agent π(i) is agent π(i) of the run with W.
 */
export function permuteMixing(W: MixingMatrix, pi: ArrayLike<number>): number[][] {
  return Array.from({ length: W.length }, (_, i) => Array.from({ length: W.length }, (_, j) => W[pi[i]][pi[j]]));
}

/** Whether π is an automorphism of W (W_{π(i)π(j)} = W_{ij} for all i, j): relabelling by π leaves W as it is. */
export function isAutomorphism(W: MixingMatrix, pi: ArrayLike<number>): boolean {
  for (let i = 0; i < W.length; i++) for (let j = 0; j < W.length; j++) if (W[pi[i]][pi[j]] !== W[i][j]) return false;
  return true;
}
