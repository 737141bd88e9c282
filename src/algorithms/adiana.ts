/**
 * ADIANA, accelerated DIANA [Li, Kovalev, Qian, Richtárik 2020, Alg. 1; docs/theory.md §6.3, §A1.2], with ψ = 0
 * (no proximal term, as in the published code):
 *   x^k = θ1 z^k + θ2 w^k + (1 − θ1 − θ2) y^k                                  (the query point)
 *   node i:  m_i^k = C_i(∇f_i(x^k) − h_i^k)                                     (message 1)
 *            c_i^k = C_i'(∇f_i(w^k) − h_i^k)                                    (message 2, an independent draw)
 *            h_i^{k+1} = h_i^k + α c_i^k
 *   master:  g^k = h^k + (1/n)Σ_i m_i^k,   h^{k+1} = h^k + α (1/n)Σ_i c_i^k    (from the messages only)
 *            y^{k+1} = x^k − η g^k
 *            z^{k+1} = β z^k + (1 − β) x^k + (γ/η)(y^{k+1} − x^k)
 *            w^{k+1} = y^k with probability p, else w^k                         (one coin for all nodes)
 * Every node sends TWO compressed vectors per round, both billed in bitsPerNode (docs/theory.md §A1.2: FedNL-Public
 * counts one communication round per iteration, the JOTA code 2·d/n per iteration; here the bits of both messages).
 * The method's output sequence is y^k: the state's `x` is y^k (what run.ts measures), and the query point x^k of
 * the paper is never stored. Init y⁰ = z⁰ = w⁰ = x⁰, h_i⁰ = 0 (or ∇f_i(x⁰) uncompressed, billed in initBitsPerNode).
 * Parameters: adiana-parameters.ts (the published rule, docs/theory.md §A1.3, and the Nesterov reduction).
 * Keys: [kNoise, kCompress1, kCompress2, kCoin] = split(key, 4); node i draws message 1 from kCompress1 and
 * message 2 from kCompress2 (foldIn(·, i), or the round key for every node when randomness is 'shared').
 */
import { denseBits } from '../compressors/bits.ts';
import type { Compressor } from '../compressors/types.ts';
import { totalBits } from '../compressors/types.ts';
import { copy, mean, type ReadonlyVector, type Vector } from '../linalg/vector.ts';
import { split, type Key } from '../rng/key.ts';
import { uniform } from '../rng/sample.ts';
import type { Oracle } from '../oracles/types.ts';
import type { AdianaParameters } from './adiana-parameters.ts';
import type { ShiftInit } from './diana.ts';
import type { Algorithm, MethodState } from './types.ts';
import { compressorKey, requireCompressorDim, startPoint, type Randomness } from './validate.ts';

export interface AdianaParams extends AdianaParameters {
  readonly compressor: Compressor;
  readonly x0?: ReadonlyVector;
  readonly randomness?: Randomness;
  /** Default 'zero'. */
  readonly shiftInit?: ShiftInit;
}

export interface AdianaState extends MethodState {
  /** z^k, the "mirror" sequence. (`x` is y^k, the output sequence.) */
  readonly z: Vector;
  /** w^k, the anchor at which the shifts learn ∇f_i. */
  readonly w: Vector;
  /** The master's shift h^k, kept from the messages only; equals (1/n)Σ_i h_i^k up to rounding. */
  readonly h: Vector;
  /** Node shifts h_i^k. */
  readonly hi: readonly Vector[];
}

/** x^k = θ1 z^k + θ2 w^k + (1 − θ1 − θ2) y^k, fresh. */
export function adianaQueryPoint(
  p: Pick<AdianaParameters, 'theta1' | 'theta2'>,
  y: ReadonlyVector,
  z: ReadonlyVector,
  w: ReadonlyVector,
): Vector {
  const out = new Float64Array(y.length);
  const rest = 1 - p.theta1 - p.theta2;
  for (let j = 0; j < out.length; j++) out[j] = p.theta1 * z[j] + p.theta2 * w[j] + rest * y[j];
  return out;
}

/** The deterministic part of one ADIANA round, given both messages of every node and the coin. */
export interface AdianaUpdateInput {
  readonly params: AdianaParameters;
  readonly y: ReadonlyVector;
  readonly z: ReadonlyVector;
  readonly w: ReadonlyVector;
  readonly h: ReadonlyVector;
  readonly hi: readonly ReadonlyVector[];
  /** m_i = C_i(∇f_i(x^k) − h_i), one per node. */
  readonly messages: readonly ReadonlyVector[];
  /** c_i = C_i'(∇f_i(w^k) − h_i), one per node. */
  readonly shiftMessages: readonly ReadonlyVector[];
  /** The coin: true moves the anchor, w^{k+1} = y^k. */
  readonly moveAnchor: boolean;
}

export interface AdianaUpdate {
  readonly y: Vector;
  readonly z: Vector;
  readonly w: Vector;
  readonly h: Vector;
  readonly hi: Vector[];
}

/**
 * One round from the messages [Li et al. 2020, Alg. 1; docs/theory.md §A1.2], fresh arrays, nothing written to the
 * input.
 */
export function adianaUpdate(input: AdianaUpdateInput): AdianaUpdate {
  const { params, y, z, w, h, hi, messages, shiftMessages, moveAnchor } = input;
  const { alpha, eta, beta, gamma } = params;
  const n = hi.length;
  const d = y.length;
  if (messages.length !== n || shiftMessages.length !== n) {
    throw new RangeError(`adiana: ${messages.length} and ${shiftMessages.length} messages for ${n} nodes`);
  }
  const xq = adianaQueryPoint(params, y, z, w);
  const meanM = new Float64Array(d);
  const meanC = new Float64Array(d);
  const hiNext: Vector[] = [];
  for (let i = 0; i < n; i++) {
    const m = messages[i];
    const c = shiftMessages[i];
    const hOld = hi[i];
    if (m.length !== d || c.length !== d || hOld.length !== d)
      throw new RangeError(`adiana: node ${i}: a message or shift has the wrong length (d=${d})`);
    const hNew = new Float64Array(d);
    for (let j = 0; j < d; j++) {
      meanM[j] += m[j];
      meanC[j] += c[j];
      hNew[j] = hOld[j] + alpha * c[j];
    }
    hiNext.push(hNew);
  }
  const yNext = new Float64Array(d);
  const zNext = new Float64Array(d);
  const hNext = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    const g = h[j] + meanM[j] / n;
    yNext[j] = xq[j] - eta * g;
    // (γ/η)(y^{k+1} − x^k) = −γ g^k, written as in Alg. 1.
    zNext[j] = beta * z[j] + (1 - beta) * xq[j] + (gamma / eta) * (yNext[j] - xq[j]);
    hNext[j] = h[j] + alpha * (meanC[j] / n);
  }
  return { y: yNext, z: zNext, w: moveAnchor ? copy(y) : copy(w), h: hNext, hi: hiNext };
}

function requireParameters(p: AdianaParameters): void {
  const { alpha, eta, theta1, theta2, beta, gamma } = p;
  if (!(eta > 0 && Number.isFinite(eta))) throw new RangeError(`adiana: need η > 0, got η=${eta}`);
  if (!(gamma > 0 && Number.isFinite(gamma))) throw new RangeError(`adiana: need γ > 0, got γ=${gamma}`);
  if (!(alpha >= 0 && alpha <= 1)) throw new RangeError(`adiana: need α ∈ [0, 1], got α=${alpha}`);
  if (!(theta1 >= 0 && theta2 >= 0 && theta1 + theta2 <= 1))
    throw new RangeError(`adiana: need θ1, θ2 ≥ 0 with θ1 + θ2 ≤ 1, got θ1=${theta1}, θ2=${theta2}`);
  if (!(beta >= 0 && beta <= 1)) throw new RangeError(`adiana: need β ∈ [0, 1], got β=${beta}`);
  if (!(p.p > 0 && p.p <= 1)) throw new RangeError(`adiana: need p ∈ (0, 1], got p=${p.p}`);
}

/**
 * @example
 * const params = adianaParameters({ L: 1, mu: 0.01, omega: 9, n: 10 });
 * const alg = adiana({ ...params, compressor: randK(20, 2, { scaled: true }) });
 * trajectory(alg, exactOracle(problem), 1000, key(0));
 */
export function adiana(params: AdianaParams): Algorithm<AdianaParams, AdianaState> {
  requireParameters(params);
  const { compressor: C, randomness } = params;
  const shiftInit = params.shiftInit ?? 'zero';
  const fmt = (v: number): string => Number(v.toPrecision(6)).toString();
  return {
    name: `adiana(η=${fmt(params.eta)},θ1=${fmt(params.theta1)},θ2=${fmt(params.theta2)},p=${fmt(params.p)},${C.name}${randomness === 'shared' ? ',shared' : ''})`,
    params,
    init(oracle: Oracle, key: Key): AdianaState {
      requireCompressorDim('adiana', C, oracle);
      const x = startPoint('adiana', params.x0, oracle);
      const n = oracle.problem.n;
      const d = x.length;
      let hi: Vector[];
      let initBitsPerNode = 0;
      if (shiftInit === 'zero') {
        hi = Array.from({ length: n }, () => new Float64Array(d));
      } else {
        const [kNoise] = split(key);
        hi = Array.from({ length: n }, (_, i) => oracle.gradI(i, x, kNoise));
        initBitsPerNode = totalBits(denseBits(d));
      }
      return { t: 0, x, z: copy(x), w: copy(x), h: mean(hi), hi, bitsPerNode: 0, initBitsPerNode };
    },
    step(state: AdianaState, oracle: Oracle, key: Key): AdianaState {
      requireCompressorDim('adiana', C, oracle);
      const [kNoise, kCompress1, kCompress2, kCoin] = split(key, 4);
      const [kNoiseQuery, kNoiseAnchor] = split(kNoise);
      const n = oracle.problem.n;
      const xq = adianaQueryPoint(params, state.x, state.z, state.w);
      const messages: Vector[] = [];
      const shiftMessages: Vector[] = [];
      let bits = 0;
      for (let i = 0; i < n; i++) {
        const hOld = state.hi[i];
        // ∇f_i(x^k) − h_i^k and ∇f_i(w^k) − h_i^k, in the oracle's fresh arrays (owned here).
        const u = oracle.gradI(i, xq, kNoiseQuery);
        const v = oracle.gradI(i, state.w, kNoiseAnchor);
        for (let j = 0; j < u.length; j++) {
          u[j] -= hOld[j];
          v[j] -= hOld[j];
        }
        const m = C.compress(u, compressorKey(kCompress1, i, randomness));
        const c = C.compress(v, compressorKey(kCompress2, i, randomness));
        bits += totalBits(C.bits(m)) + totalBits(C.bits(c));
        messages.push(m);
        shiftMessages.push(c);
      }
      const moveAnchor = params.p === 1 || uniform(kCoin, 1)[0] < params.p;
      const r = adianaUpdate({
        params,
        y: state.x,
        z: state.z,
        w: state.w,
        h: state.h,
        hi: state.hi,
        messages,
        shiftMessages,
        moveAnchor,
      });
      return {
        t: state.t + 1,
        x: r.y,
        z: r.z,
        w: r.w,
        h: r.h,
        hi: r.hi,
        bitsPerNode: state.bitsPerNode + bits / n,
        initBitsPerNode: state.initBitsPerNode,
      };
    },
  };
}
