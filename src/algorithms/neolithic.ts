/**
 * NEOLITHIC [Huang, Chen, Yin, Yuan, NeurIPS 2022, arXiv 2206.03665] in the form of Tyurin's implementation, the one
 * the EF21-SGDM experiments ran [docs/theory.md §A3.1, P code; the paper's own Algorithm, its R as a function of ε,
 * its step sizes and theorems were not recovered, so this file is the code's method, not the paper's statement]:
 *   worker i:  u_i = e_i + ĝ_i(x^t),   m_i = C_R(u_i),   e_i⁺ = u_i − m_i            (node i sends m_i)
 *   server:    u = e + (1/n) Σ_i m_i,  m = C_R^server(u),  e⁺ = u − m                (master broadcasts m)
 *   all:       x^{t+1} = x^t − γ m
 * C_R is the multi-round compressor (multi-round-compress.ts): R = ⌈1/α⌉ rounds of the inner compressor C on the
 * residual, summed. The server compressor defaults to the identity (then e = 0 and m = (1/n) Σ_i m_i), as in the
 * EF21-SGDM experiments' configuration (`compressor_master_name: 'identity_biased'`, §A3.1).
 * Order: the nodes send at x^t and then everyone moves (Tyurin's `calculate_message` before `step`), so round 0
 * sends at x⁰ inside `step` and `init` sends nothing (e_i⁰ = e⁰ = 0, as the code's `self._error = 0`).
 * Bits: bitsPerNode counts every one of the R pieces of m_i — with top-k, R·K ≥ d entries per round, no fewer
 * values than sending ĝ_i uncompressed [§A3.1, D]. The server's broadcast is downlink and is not billed.
 * Virtual iterate [D, the EF14 argument of docs/theory.md §2.1 with both memories]: since m_i = u_i − e_i⁺ and
 * m = u − e⁺, x^t − γ(e^t + (1/n) Σ_i e_i^t) = x⁰ − γ Σ_{s<t} (1/n) Σ_i ĝ_i(x^s) — the memories hold exactly what
 * the compressors have not yet delivered, so no gradient is lost.
 */
import { identity } from '../compressors/identity.ts';
import type { Compressor } from '../compressors/types.ts';
import type { ReadonlyVector, Vector } from '../linalg/vector.ts';
import { split, type Key } from '../rng/key.ts';
import type { Oracle } from '../oracles/types.ts';
import type { Algorithm, MethodState } from './types.ts';
import { masterStep } from './master-step.ts';
import { multiRoundCompress, neolithicRounds } from './multi-round-compress.ts';
import { compressorKey, requireCompressorDim, requireStepSize, startPoint, type Randomness } from './validate.ts';

export interface NeolithicParams {
  readonly gamma: number;
  /** The inner compressor C of the nodes' C_R; must declare a contractive contract (its α sets R). */
  readonly compressor: Compressor;
  /** The inner compressor of the server's C_R^server (default: none, the identity). */
  readonly serverCompressor?: Compressor;
  /** Rounds R of the nodes' C_R (default ⌈1/α⌉); other values are ablations, not NEOLITHIC. */
  readonly rounds?: number;
  readonly x0?: ReadonlyVector;
  readonly randomness?: Randomness;
}

export interface NeolithicState extends MethodState {
  /** Node memories e_i: what C_R has not yet delivered of u_i. */
  readonly ei: readonly Vector[];
  /** The server's memory e (stays 0 with the identity server compressor). */
  readonly e: Vector;
  /** R, the rounds of the nodes' C_R: each node bills R compressed pieces per round (fixed for the run). */
  readonly rounds: number;
}

/** The contraction α a compressor declares; NEOLITHIC's round count needs one. */
function contractiveAlpha(C: Compressor, role: string): number {
  if (C.contract.kind !== 'contractive') {
    throw new RangeError(
      `neolithic: the ${role} compressor ${C.name} declares a ${C.contract.kind} contract; C_R needs a contractive α (R = ⌈1/α⌉)`,
    );
  }
  return C.contract.alpha;
}

/**
 * @example
 * // Top-1 in d = 2 runs R = 2 rounds and so sends ĝ_i whole: one step of NEOLITHIC is one step of GD.
 * const oracle = exactOracle(diagonalQuadratic([[1, 1]]));
 * const alg = neolithic({ gamma: 0.25, compressor: topK(2, 1), x0: [1, 2] });
 * alg.step(alg.init(oracle, key(0)), oracle, key(1)).x;
 * // returns Float64Array [0.75, 1.5]
 */
export function neolithic(params: NeolithicParams): Algorithm<NeolithicParams, NeolithicState> {
  const { gamma, compressor: C, serverCompressor: S, randomness } = params;
  requireStepSize('neolithic', gamma);
  const rounds = params.rounds ?? neolithicRounds(contractiveAlpha(C, 'node'));
  if (!(Number.isInteger(rounds) && rounds >= 1))
    throw new RangeError(`neolithic: need an integer rounds ≥ 1, got rounds=${rounds}`);
  const serverRounds = S === undefined ? 1 : neolithicRounds(contractiveAlpha(S, 'server'));
  const server = S ?? identity(C.dim);
  const roundsText = params.rounds === undefined ? '' : `,R=${rounds}`;
  return {
    name: `neolithic(γ=${gamma},${C.name}${roundsText}${S === undefined ? '' : `,server=${S.name}`})`,
    params,
    init(oracle: Oracle): NeolithicState {
      requireCompressorDim('neolithic', C, oracle);
      requireCompressorDim('neolithic', server, oracle);
      const x = startPoint('neolithic', params.x0, oracle);
      const ei = Array.from({ length: oracle.problem.n }, () => new Float64Array(x.length));
      return { t: 0, x, ei, e: new Float64Array(x.length), rounds, bitsPerNode: 0, initBitsPerNode: 0 };
    },
    step(state: NeolithicState, oracle: Oracle, key: Key): NeolithicState {
      requireCompressorDim('neolithic', C, oracle);
      const [kNoise, kCompress, kServer] = split(key, 3);
      const n = oracle.problem.n;
      const d = state.x.length;
      const u = new Float64Array(d);
      const ei: Vector[] = new Array<Vector>(n);
      let bits = 0;
      for (let i = 0; i < n; i++) {
        const ui = oracle.gradI(i, state.x, kNoise); // fresh: becomes e_i⁺ in place
        const old = state.ei[i];
        for (let j = 0; j < d; j++) ui[j] = old[j] + ui[j];
        // A deterministic compressor ignores its key, so the per-node derivation (a Threefry block) is skipped.
        const sent = multiRoundCompress(
          C,
          ui,
          rounds,
          C.deterministic ? kCompress : compressorKey(kCompress, i, randomness),
        );
        bits += sent.bits;
        const m = sent.message;
        for (let j = 0; j < d; j++) {
          u[j] += m[j];
          ui[j] -= m[j];
        }
        ei[i] = ui;
      }
      for (let j = 0; j < d; j++) u[j] = state.e[j] + u[j] / n;
      // With the identity server compressor m = u exactly and e⁺ = 0; the general rule covers both.
      const m = multiRoundCompress(server, u, serverRounds, kServer).message;
      const e = new Float64Array(d);
      for (let j = 0; j < d; j++) e[j] = u[j] - m[j];
      const x = masterStep(state.x, gamma, m);
      return {
        t: state.t + 1,
        x,
        ei,
        e,
        rounds,
        bitsPerNode: state.bitsPerNode + bits / n,
        initBitsPerNode: state.initBitsPerNode,
      };
    },
  };
}
