/**
 * DIANA [Mishchenko, Gorbunov, Takáč, Richtárik 2019, Alg. 1; docs/theory.md §A2.1], in the paper's order (the
 * gradient is taken at x^k, then the master steps):
 *   node i:   Δ_i^k = C_i(∇f_i(x^k) − h_i^k),   h_i^{k+1} = h_i^k + α Δ_i^k          (node i sends Δ_i^k)
 *   master:   g^k = h^k + (1/n) Σ_i Δ_i^k,      h^{k+1} = h^k + α (1/n) Σ_i Δ_i^k,   x^{k+1} = x^k − γ g^k
 * The master never sees h_i: it keeps h from the messages only, and h = (1/n)Σ_i h_i holds up to rounding as long as
 * it held at k = 0 (docs/theory.md §A6 item 2). Unbiased C_i ∈ U(ω) make g^k an unbiased estimate of ∇f(x^k), and
 * the shifts h_i → ∇f_i(x*) remove the compression variance at the optimum, where naive compressed GD
 * (compressed-gd.ts) stalls at a neighbourhood of size ∝ γ(ω/n)(1/n)Σ_i‖∇f_i(x*)‖².
 * The usual shift step is α = 1/(1 + ω) and diana-parameters.ts has the derived step rule (docs/theory.md §A2.3).
 * Init: h_i⁰ = 0 (both published codes; nothing is sent) or h_i⁰ = ∇f_i(x⁰), sent uncompressed and billed in
 * initBitsPerNode (d·64 bits). Each round bills the one compressed message Δ_i per node. With a stochastic oracle
 * ∇f_i is replaced by the oracle's ĝ_i.
 */
import { denseBits } from '../compressors/bits.ts';
import type { Compressor } from '../compressors/types.ts';
import { totalBits } from '../compressors/types.ts';
import { mean, type ReadonlyVector, type Vector } from '../linalg/vector.ts';
import { split, type Key } from '../rng/key.ts';
import type { Oracle } from '../oracles/types.ts';
import type { Algorithm, MethodState } from './types.ts';
import { compressorKey, requireCompressorDim, requireStepSize, startPoint, type Randomness } from './validate.ts';

/** How h_i⁰ is chosen: 0 (nothing sent) or ∇f_i(x⁰) (sent uncompressed, billed in initBitsPerNode). */
export type ShiftInit = 'zero' | 'gradient';

export interface DianaParams {
  /** Step size γ of the master. */
  readonly gamma: number;
  /** Shift step α ∈ [0, 1] (α = 1/(1 + ω) in both published codes; α = 0 freezes the shifts). */
  readonly alpha: number;
  readonly compressor: Compressor;
  readonly x0?: ReadonlyVector;
  readonly randomness?: Randomness;
  /** Default 'zero'. */
  readonly shiftInit?: ShiftInit;
}

export interface DianaState extends MethodState {
  /** The master's shift h^k, kept from the messages only; equals (1/n)Σ_i h_i^k up to rounding. */
  readonly h: Vector;
  /** Node shifts h_i^k (node i's copy; the master never sees them). */
  readonly hi: readonly Vector[];
}

/** The deterministic part of one DIANA round, given the messages Δ_i = C_i(∇f_i(x) − h_i). */
export interface DianaUpdateInput {
  readonly gamma: number;
  readonly alpha: number;
  readonly x: ReadonlyVector;
  readonly h: ReadonlyVector;
  readonly hi: readonly ReadonlyVector[];
  /** Δ_i, one per node. */
  readonly messages: readonly ReadonlyVector[];
}

export interface DianaUpdate {
  readonly x: Vector;
  readonly h: Vector;
  readonly hi: Vector[];
  /** g^k = h^k + (1/n)Σ_i Δ_i, the direction the master stepped along. */
  readonly g: Vector;
}

/**
 * One round's update from the messages [Mishchenko et al. 2019, Alg. 1], fresh arrays, nothing written to the
 * input. Exposed so that exact expectations can enumerate the messages' law and push every outcome through the
 * method's own arithmetic (theorems/unbiased-compression/diana-lyapunov.ts).
 * @example
 * dianaUpdate({ gamma: 0.5, alpha: 1, x: [1], h: [0], hi: [[0]], messages: [[2]] }).x;
 * // returns Float64Array [0]   (g = 0 + 2, x⁺ = 1 − 0.5·2)
 */
export function dianaUpdate(input: DianaUpdateInput): DianaUpdate {
  const { gamma, alpha, x, h, hi, messages } = input;
  const n = hi.length;
  const d = x.length;
  if (messages.length !== n) throw new RangeError(`diana: ${messages.length} messages for ${n} nodes`);
  const meanMessage = new Float64Array(d);
  const hiNext: Vector[] = [];
  for (let i = 0; i < n; i++) {
    const m = messages[i];
    const hOld = hi[i];
    if (m.length !== d || hOld.length !== d)
      throw new RangeError(`diana: node ${i}: message or shift has the wrong length (d=${d})`);
    const hNew = new Float64Array(d);
    for (let j = 0; j < d; j++) {
      meanMessage[j] += m[j];
      hNew[j] = hOld[j] + alpha * m[j];
    }
    hiNext.push(hNew);
  }
  for (let j = 0; j < d; j++) meanMessage[j] /= n;
  const g = new Float64Array(d);
  const xNext = new Float64Array(d);
  const hNext = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    g[j] = h[j] + meanMessage[j];
    xNext[j] = x[j] - gamma * g[j];
    hNext[j] = h[j] + alpha * meanMessage[j];
  }
  return { x: xNext, h: hNext, hi: hiNext, g };
}

function requireShiftStep(alpha: number): void {
  if (!(alpha >= 0 && alpha <= 1)) throw new RangeError(`diana: need a shift step α ∈ [0, 1], got α=${alpha}`);
}

/**
 * @example
 * // f = ½‖x‖² on one node, identity compressor, α = 1: DIANA is GD, x¹ = x⁰ − γ∇f(x⁰).
 * const oracle = exactOracle(diagonalQuadratic([[1, 1]]));
 * const alg = diana({ gamma: 0.25, alpha: 1, compressor: identity(2), x0: [1, 2] });
 * alg.step(alg.init(oracle, key(0)), oracle, key(1)).x;
 * // returns Float64Array [0.75, 1.5]
 */
export function diana(params: DianaParams): Algorithm<DianaParams, DianaState> {
  const { gamma, alpha, compressor: C, randomness } = params;
  requireStepSize('diana', gamma);
  requireShiftStep(alpha);
  const shiftInit = params.shiftInit ?? 'zero';
  return {
    name: `diana(γ=${gamma},α=${alpha},${C.name}${randomness === 'shared' ? ',shared' : ''})`,
    params,
    init(oracle: Oracle, key: Key): DianaState {
      requireCompressorDim('diana', C, oracle);
      const x = startPoint('diana', params.x0, oracle);
      const n = oracle.problem.n;
      if (shiftInit === 'zero') {
        const hi = Array.from({ length: n }, () => new Float64Array(x.length));
        return { t: 0, x, h: new Float64Array(x.length), hi, bitsPerNode: 0, initBitsPerNode: 0 };
      }
      const [kNoise] = split(key);
      const hi = Array.from({ length: n }, (_, i) => oracle.gradI(i, x, kNoise));
      return { t: 0, x, h: mean(hi), hi, bitsPerNode: 0, initBitsPerNode: totalBits(denseBits(x.length)) };
    },
    step(state: DianaState, oracle: Oracle, key: Key): DianaState {
      requireCompressorDim('diana', C, oracle);
      const [kNoise, kCompress] = split(key);
      const n = oracle.problem.n;
      const messages: Vector[] = [];
      let bits = 0;
      for (let i = 0; i < n; i++) {
        // ∇f_i(x^k) − h_i^k, in the oracle's fresh array (owned here).
        const u = oracle.gradI(i, state.x, kNoise);
        const hOld = state.hi[i];
        for (let j = 0; j < u.length; j++) u[j] -= hOld[j];
        const m = C.compress(u, compressorKey(kCompress, i, randomness));
        bits += totalBits(C.bits(m));
        messages.push(m);
      }
      const r = dianaUpdate({ gamma, alpha, x: state.x, h: state.h, hi: state.hi, messages });
      return {
        t: state.t + 1,
        x: r.x,
        h: r.h,
        hi: r.hi,
        bitsPerNode: state.bitsPerNode + bits / n,
        initBitsPerNode: state.initBitsPerNode,
      };
    },
  };
}
