/**
 * BEER [Zhao, Li, Li, Richtárik, Chi, NeurIPS 2022, arXiv 2201.13320], decentralised, in the update order of the
 * authors' code [docs/theory.md §A3.2, P code: the optimizer's part commented "Original BEER" and the experiment
 * script]. Columns of X, H, V, G are the agents i = 1…n; W is the mixing matrix and C acts per agent:
 *   X^{t+1} = X^t + γ H^t (W − I) − η V^t                      (agent i: x_i⁺ = x_i + γ Σ_j (W − I)_{ji} h_j − η v_i)
 *   H^{t+1} = H^t + C(X^{t+1} − H^t)                           (agent i sends C(x_i⁺ − h_i))
 *   V^{t+1} = V^t + γ G^t (W − I) + ĝ(X^{t+1}) − ĝ(X^t)        (gradient tracking)
 *   G^{t+1} = G^t + C(V^{t+1} − G^t)                           (agent i sends C(v_i⁺ − g_i))
 *   init: X⁰ = x⁰ in every column, H⁰ = G⁰ = 0, V⁰ = ĝ(X⁰)
 * γ is the consensus (mixing) step and η the learning rate, as in the paper (the reverse of the EF21 files, where γ
 * is the step). With a stochastic oracle, ĝ(X^t) is the gradient drawn at the previous step and kept
 * (`grad_previous` in the experiment script), so every draw is used twice and only one is made per round. The code
 * starts from the exact local gradient; here V⁰ is one oracle draw, which an exact oracle makes the same.
 * State: `x` is the agents' average x̄ = (1/n) Σ_i x_i, the point the report evaluates ∇f at.
 * Bits: each agent sends two compressed messages per round (to its neighbours; billed once each, as one broadcast).
 * H⁰ = G⁰ = 0 are known to everyone, so round 0 sends nothing (initBitsPerNode = 0).
 * Invariants [§A3.2, D], for any C, γ, η and doubly stochastic W (each column of W − I sums to 0, so mixing moves no
 * mass): mean_i v_i^t = mean_i ĝ_i(x_i^t) (gradient tracking) and x̄^{t+1} = x̄^t − η v̄^t.
 * Reductions: with n = 1, W − I = 0 and v^t = ĝ(x^t), so BEER is SGD with step η whatever C is; with the identity
 * compressor, H^t = X^t and G^t = V^t from round 1 on, and BEER is gradient tracking with the mixing matrix
 * (1 − γ)I + γW (round 0 mixes H⁰ = G⁰ = 0).
 * γ ∈ (0, 1]: then (1 − γ)I + γW is a mixing matrix whenever W is (for W with non-negative entries, whose
 * eigenvalues lie in [−1, 1], its eigenvalues lie in [1 − 2γ, 1]); the authors' runs use 0.01–0.8 (§A3.2 table).
 * W is a matrix (src/algorithms/mixing.ts) or a rule giving W for the problem's n (ringMixing: the registry's BEER).
 * Agents are tied to their neighbours by index: relabelling the agents' data relabels the run only together with W,
 * W'_{ij} = W_{π(i)π(j)} (mixing.ts permuteMixing), or for a π that leaves W as it is (beer.test.ts).
 */
import type { Compressor } from '../compressors/types.ts';
import { totalBits } from '../compressors/types.ts';
import { copy, mean, type ReadonlyVector, type Vector } from '../linalg/vector.ts';
import { split, type Key } from '../rng/key.ts';
import type { Oracle } from '../oracles/types.ts';
import { mixingMatrix, type MixingMatrix, type MixingRule } from './mixing.ts';
import type { Algorithm, MethodState } from './types.ts';
import { compressorKey, requireCompressorDim, startPoint, type Randomness } from './validate.ts';

export { mixingMatrix, type MixingMatrix, type MixingRule } from './mixing.ts';

export interface BeerParams {
  /** Learning rate η > 0. */
  readonly eta: number;
  /** Consensus step γ ∈ (0, 1]. */
  readonly gamma: number;
  readonly compressor: Compressor;
  /**
   * Symmetric, doubly stochastic W, or a rule giving it for the problem's n (mixing.ts ringMixing); default: the
   * complete graph, W = (1/n)11ᵀ.
   */
  readonly mixing?: MixingMatrix | MixingRule;
  readonly x0?: ReadonlyVector;
  readonly randomness?: Randomness;
}

export interface BeerState extends MethodState {
  /** Agents' iterates x_i (columns of X). */
  readonly xi: readonly Vector[];
  /** Compressed copies h_i of the x_i, known to the neighbours. */
  readonly hi: readonly Vector[];
  /** Gradient trackers v_i. */
  readonly vi: readonly Vector[];
  /** Compressed copies g_i of the v_i, known to the neighbours. */
  readonly gi: readonly Vector[];
  /** ĝ_i(x_i^t): the draw made at the current iterate, subtracted next round. */
  readonly gradPrev: readonly Vector[];
}

/** Whether the mixing parameter is a rule (W as a function of n) rather than a matrix. */
function isRule(mixing: MixingMatrix | MixingRule): mixing is MixingRule {
  return !Array.isArray(mixing);
}

/** Column i of Y(W − I): Σ_j W_{ji} y_j − y_i, fresh. */
function mixColumn(W: MixingMatrix, ys: readonly ReadonlyVector[], i: number, d: number): Vector {
  const out = new Float64Array(d);
  for (let j = 0; j < ys.length; j++) {
    const w = W[j][i] - (j === i ? 1 : 0);
    if (w === 0) continue;
    const y = ys[j];
    for (let c = 0; c < d; c++) out[c] += w * y[c];
  }
  return out;
}

/**
 * base + C(diff), fresh, and the message's bits: agent i's h_i⁺ = h_i + C(x_i⁺ − h_i) or g_i⁺ = g_i + C(v_i⁺ − g_i).
 * A sparsifier's kept entries (compressSparse, the same message as compress by contract) cost K writes instead of a
 * dense d-vector; off the support the dense message would add 0, which changes no value.
 */
function addCompressed(
  C: Compressor,
  base: ReadonlyVector,
  diff: ReadonlyVector,
  key: Key,
): { readonly out: Vector; readonly bits: number } {
  if (C.compressSparse !== undefined) {
    const m = C.compressSparse(diff, key);
    const out = copy(base);
    for (let c = 0; c < m.indices.length; c++) out[m.indices[c]] = base[m.indices[c]] + m.values[c];
    return { out, bits: totalBits(m.bits) };
  }
  const q = C.compress(diff, key);
  const bits = totalBits(C.bits(q));
  for (let c = 0; c < q.length; c++) q[c] = base[c] + q[c];
  return { out: q, bits };
}

/**
 * @example
 * // One agent: W − I = 0, so BEER is SGD with step η.
 * const oracle = exactOracle(diagonalQuadratic([[1, 1]]));
 * const alg = beer({ eta: 0.25, gamma: 0.5, compressor: topK(2, 1), x0: [1, 2] });
 * alg.step(alg.init(oracle, key(0)), oracle, key(1)).x;
 * // returns Float64Array [0.75, 1.5]
 */
export function beer(params: BeerParams): Algorithm<BeerParams, BeerState> {
  const { eta, gamma, compressor: C, randomness } = params;
  // Spelled out here rather than requireStepSize, whose message names the step γ: in BEER γ is the consensus step.
  if (!(Number.isFinite(eta) && eta > 0)) throw new RangeError(`beer: need learning rate η > 0, got η=${eta}`);
  if (!(gamma > 0 && gamma <= 1)) throw new RangeError(`beer: need consensus step γ ∈ (0, 1], got γ=${gamma}`);
  const { mixing } = params;
  const graph = mixing === undefined ? '' : isRule(mixing) ? `,W=${mixing.name}` : ',W=given';
  // A rule's W for the last n asked (a problem's n is fixed for a run): checked once, not rebuilt every round.
  let ruled: { readonly n: number; readonly W: MixingMatrix } | undefined;
  const mixingFor = (n: number): MixingMatrix => {
    if (mixing === undefined || !isRule(mixing)) return mixingMatrix(n, mixing);
    if (ruled?.n !== n) ruled = { n, W: mixingMatrix(n, mixing.matrix(n)) };
    return ruled.W;
  };
  return {
    name: `beer(η=${eta},γ=${gamma},${C.name}${graph})`,
    params,
    init(oracle: Oracle, key: Key): BeerState {
      requireCompressorDim('beer', C, oracle);
      const n = oracle.problem.n;
      mixingFor(n);
      const x = startPoint('beer', params.x0, oracle);
      const [kNoise] = split(key);
      const vi = Array.from({ length: n }, (_, i) => oracle.gradI(i, x, kNoise));
      const zeros = (): Vector[] => Array.from({ length: n }, () => new Float64Array(x.length));
      return {
        t: 0,
        x,
        xi: vi.map(() => copy(x)),
        hi: zeros(),
        vi,
        gi: zeros(),
        gradPrev: vi.map(copy),
        bitsPerNode: 0,
        initBitsPerNode: 0,
      };
    },
    step(state: BeerState, oracle: Oracle, key: Key): BeerState {
      requireCompressorDim('beer', C, oracle);
      const n = oracle.problem.n;
      const W = mixingFor(n);
      const d = state.x.length;
      const [kNoise, kH, kG] = split(key, 3);
      // A deterministic compressor ignores its key, so the per-agent derivation (a Threefry block) is skipped.
      const nodeKey = (k: Key, i: number): Key => (C.deterministic ? k : compressorKey(k, i, randomness));
      let bits = 0;
      // X⁺ = X + γH(W − I) − ηV and H⁺ = H + C(X⁺ − H), agent by agent.
      const xi: Vector[] = [];
      const hi: Vector[] = [];
      for (let i = 0; i < n; i++) {
        const mix = mixColumn(W, state.hi, i, d);
        const x = state.xi[i];
        const v = state.vi[i];
        const h = state.hi[i];
        const xNew = new Float64Array(d);
        const diff = new Float64Array(d);
        for (let c = 0; c < d; c++) {
          xNew[c] = x[c] + gamma * mix[c] - eta * v[c];
          diff[c] = xNew[c] - h[c];
        }
        const sent = addCompressed(C, h, diff, nodeKey(kH, i));
        bits += sent.bits;
        xi.push(xNew);
        hi.push(sent.out);
      }
      // V⁺ = V + γG(W − I) + ĝ(X⁺) − ĝ(X) and G⁺ = G + C(V⁺ − G).
      const vi: Vector[] = [];
      const gi: Vector[] = [];
      const gradPrev: Vector[] = [];
      for (let i = 0; i < n; i++) {
        const mix = mixColumn(W, state.gi, i, d);
        const grad = oracle.gradI(i, xi[i], kNoise);
        const v = state.vi[i];
        const g = state.gi[i];
        const prev = state.gradPrev[i];
        const vNew = new Float64Array(d);
        const diff = new Float64Array(d);
        for (let c = 0; c < d; c++) {
          vNew[c] = v[c] + gamma * mix[c] + grad[c] - prev[c];
          diff[c] = vNew[c] - g[c];
        }
        const sent = addCompressed(C, g, diff, nodeKey(kG, i));
        bits += sent.bits;
        vi.push(vNew);
        gi.push(sent.out);
        gradPrev.push(grad);
      }
      return {
        t: state.t + 1,
        x: mean(xi),
        xi,
        hi,
        vi,
        gi,
        gradPrev,
        bitsPerNode: state.bitsPerNode + bits / n,
        initBitsPerNode: state.initBitsPerNode,
      };
    },
  };
}
