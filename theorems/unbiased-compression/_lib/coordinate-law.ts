/**
 * The exact laws of ADIANA and DIANA on diagonal quadratics, one coordinate at a time [D] — the recursions of
 * adiana-moments.ts and second-moment.ts with their extra structure used (docs/unbiased-compression.md).
 *
 * On f_i(x) = ½Σ_j λ_j x_j² − b_iᵀx with scaled rand-k, every mean map of either method acts on each coordinate j by
 * itself, and the compression noise's variance in coordinate j is (R ⊙ X)_jj = ωX_jj (R = Q − 11ᵀ, second-moment.ts),
 * which reads coordinate j's block of X only. So the DIAGONAL blocks of the second moment close on their own: per
 * coordinate, ADIANA's 4×4 second moment of (e_y, e_z, e_w, δ̄)_j (10 numbers) and V_jj (the nodes' mean E δ_ij²)
 * evolve by an 11×11 linear map A_j that depends on λ_j, ω, n and the parameters only — not on d, k or the other
 * coordinates — and E[f(y^t) − f*] = ½Σ_j λ_j E(e_y)_j² reads only these (DIANA: (e, δ̄)_j and V_jj, 4 numbers).
 * Hence (i) the law costs O(d) per round, not O(d³); (ii) coordinates with equal λ_j add up (same A, linear state),
 * so a spectrum with m distinct values costs m whatever d is; (iii) rand-k enters through ω = d/k − 1 alone.
 * First passage is read every round: per distinct λ the rows cᵀA^r (r < BLOCK) are precomputed, and the state is
 * advanced by A^BLOCK once per block, so a round costs about `dim` flops per distinct λ instead of dim².
 */
import type { AdianaParameters } from '../../../src/algorithms/adiana-parameters.ts';
import type { ReadonlyVector } from '../../../src/linalg/vector.ts';

export type Randomness = 'independent' | 'shared';

/** What the law of one coordinate needs besides λ_j: ω = d/k − 1, n and the randomness mode. */
export interface CompressionSetting {
  readonly omega: number;
  readonly n: number;
  readonly randomness: Randomness;
}

/** A method's law on one coordinate: a linear map of its moment vector, its gap row and its start. */
export interface CoordinateMethod {
  readonly dim: number;
  /** The moment vector one round later (linear in s). */
  step(s: Float64Array, lambda: number): Float64Array;
  /** E[f − f*] contributed by the coordinate is gapRow(λ)·s. */
  gapRow(lambda: number): Float64Array;
  /** Round 0 from e0² = (x⁰ − x*)_j² and vStar = (1/n)Σ_i ∇f_i(x*)_j² (h_i⁰ = 0). */
  initial(e0sq: number, vStar: number): Float64Array;
}

// ADIANA's moment vector: the upper triangle of E[ccᵀ], c = (e_y, e_z, e_w, δ̄)_j, then V_jj.
const PAIRS = [
  [0, 0],
  [0, 1],
  [0, 2],
  [0, 3],
  [1, 1],
  [1, 2],
  [1, 3],
  [2, 2],
  [2, 3],
  [3, 3],
] as const;

function unpack(s: Float64Array): Float64Array {
  const S = new Float64Array(16);
  PAIRS.forEach(([a, b], q) => {
    S[a * 4 + b] = s[q];
    S[b * 4 + a] = s[q];
  });
  return S;
}

/** uᵀSu for a 4-vector u. */
function quad(S: Float64Array, u: readonly number[]): number {
  let out = 0;
  for (let a = 0; a < 4; a++) for (let b = 0; b < 4; b++) out += u[a] * S[a * 4 + b] * u[b];
  return out;
}

/** (MSMᵀ)_ab for 4×4 M given by rows. */
function sandwichAt(M: readonly (readonly number[])[], S: Float64Array, a: number, b: number): number {
  return quad4(M[a], S, M[b]);
}

function quad4(u: readonly number[], S: Float64Array, v: readonly number[]): number {
  let out = 0;
  for (let r = 0; r < 4; r++) for (let q = 0; q < 4; q++) out += u[r] * S[r * 4 + q] * v[q];
  return out;
}

/**
 * ADIANA [Li et al. 2020, Alg. 1; src/algorithms/adiana.ts] per coordinate, as in adiana-moments.ts's header:
 * e_y⁺ = (1 − ηλ)e_q − ην, e_z⁺ = βe_z + (1 − β − γλ)e_q − γν, e_w⁺ = e_y (prob. p) or e_w,
 * δ̄⁺ = (1 − α)δ̄ + αλe_w + αξ, with Var ν = (ω/n)(E(λe_q − δ̄)² − Eδ̄² + V) (independent) or ωE(λe_q − δ̄)² (shared),
 * ξ likewise at e_w, and V⁺ = (1 − α)²V + 2α(1 − α)λE[e_wδ̄] + α²λ²Ee_w² + α²ω(E(λe_w − δ̄)² − Eδ̄² + V).
 */
export function adianaCoordinates(c: CompressionSetting, p: AdianaParameters): CoordinateMethod {
  const { omega, n, randomness } = c;
  const { alpha, eta, theta1, theta2, beta, gamma } = p;
  const rest = 1 - theta1 - theta2;
  return {
    dim: 11,
    step(s, lambda) {
      const S = unpack(s);
      const V = s[10];
      const y = [(1 - eta * lambda) * rest, (1 - eta * lambda) * theta1, (1 - eta * lambda) * theta2, 0];
      const zc = 1 - beta - gamma * lambda;
      const z = [zc * rest, zc * theta1 + beta, zc * theta2, 0];
      const h = [0, 0, alpha * lambda, 1 - alpha];
      const keep = [y, z, [0, 0, 1, 0], h];
      const move = [y, z, [1, 0, 0, 0], h];
      const uq = [lambda * rest, lambda * theta1, lambda * theta2, -1];
      const uw = [0, 0, lambda, -1];
      const within = (u: readonly number[]): number => quad(S, u) - S[15] + V;
      const variance = (u: readonly number[]): number =>
        randomness === 'independent' ? (omega / n) * within(u) : omega * quad(S, u);
      const nu = variance(uq);
      const xi = variance(uw);
      const gm = [-eta, -gamma, 0, 0];
      const gc = [0, 0, 0, alpha];
      const out = new Float64Array(11);
      PAIRS.forEach(([a, b], q) => {
        out[q] =
          (1 - p.p) * sandwichAt(keep, S, a, b) +
          p.p * sandwichAt(move, S, a, b) +
          nu * gm[a] * gm[b] +
          xi * gc[a] * gc[b];
      });
      out[10] =
        (1 - alpha) ** 2 * V +
        2 * alpha * (1 - alpha) * lambda * S[2 * 4 + 3] +
        alpha * alpha * lambda * lambda * S[2 * 4 + 2] +
        alpha * alpha * omega * within(uw);
      return out;
    },
    gapRow(lambda) {
      const row = new Float64Array(11);
      row[0] = lambda / 2;
      return row;
    },
    initial(e0sq, vStar) {
      const s = new Float64Array(11);
      // y = z = w = x⁰: every (a, b) among the first three carries e0²; δ̄⁰ = 0.
      PAIRS.forEach(([a, b], q) => {
        if (a < 3 && b < 3) s[q] = e0sq;
      });
      s[10] = vStar;
      return s;
    },
  };
}

/**
 * DIANA [Mishchenko et al. 2019, Alg. 1; src/algorithms/diana.ts] per coordinate, moments (Ee², Eeδ̄, Eδ̄², V):
 * e⁺ = (1 − γλ)e − γν, δ̄⁺ = (1 − α)δ̄ + αλe + αν, Var ν = (ω/n)(λ²Ee² − 2λEeδ̄ + V) (independent) or
 * ωE(λe − δ̄)² (shared), V⁺ = (1 − α)²V + 2α(1 − α)λEeδ̄ + α²λ²Ee² + α²ω(λ²Ee² − 2λEeδ̄ + V) (second-moment.ts's
 * dianaSystem, coordinate by coordinate). The gap row reads ‖x − x*‖² when `readout` is 'distance'.
 */
export function dianaCoordinates(
  c: CompressionSetting,
  p: { readonly gamma: number; readonly alpha: number },
  readout: 'gap' | 'distance' = 'gap',
): CoordinateMethod {
  const { omega, n, randomness } = c;
  const { gamma, alpha } = p;
  return {
    dim: 4,
    step(s, lambda) {
      const [ee, eh, hh, V] = s;
      const within = lambda * lambda * ee - 2 * lambda * eh;
      const nu = randomness === 'independent' ? (omega / n) * (within + V) : omega * (within + hh);
      const m = 1 - gamma * lambda;
      const a = alpha * lambda;
      return Float64Array.of(
        m * m * ee + gamma * gamma * nu,
        m * (a * ee + (1 - alpha) * eh) - gamma * alpha * nu,
        a * a * ee + 2 * a * (1 - alpha) * eh + (1 - alpha) ** 2 * hh + alpha * alpha * nu,
        (1 - alpha) ** 2 * V +
          2 * alpha * (1 - alpha) * lambda * eh +
          a * a * ee +
          alpha * alpha * omega * (within + V),
      );
    },
    gapRow(lambda) {
      return Float64Array.of(readout === 'gap' ? lambda / 2 : 1, 0, 0, 0);
    },
    initial(e0sq, vStar) {
      return Float64Array.of(e0sq, 0, 0, vStar);
    },
  };
}

/** Rounds per block of the first-passage scan. */
const BLOCK = 32;

/** A method's law on a whole instance: one block per distinct λ (header, (ii)). */
export interface CoordinateLaw {
  readonly dim: number;
  readonly blocks: number;
  /** Per block, the dim×dim map A^BLOCK (row-major). */
  readonly jump: Float64Array;
  /** Per block, rows cᵀA^r for r < BLOCK (BLOCK × dim). */
  readonly rows: Float64Array;
  /** Per block, the summed start state. */
  readonly start: Float64Array;
  /** E[f(x⁰) − f*] (exact). */
  readonly gap0: number;
}

/** The linear map of `step` at λ as a dim×dim matrix (column k = step(e_k)). */
function matrixOf(method: CoordinateMethod, lambda: number): Float64Array {
  const m = method.dim;
  const A = new Float64Array(m * m);
  for (let k = 0; k < m; k++) {
    const e = new Float64Array(m);
    e[k] = 1;
    const col = method.step(e, lambda);
    for (let r = 0; r < m; r++) A[r * m + k] = col[r];
  }
  return A;
}

function multiply(A: Float64Array, B: Float64Array, m: number): Float64Array {
  const out = new Float64Array(m * m);
  for (let r = 0; r < m; r++)
    for (let k = 0; k < m; k++) {
      const a = A[r * m + k];
      if (a !== 0) for (let c = 0; c < m; c++) out[r * m + c] += a * B[k * m + c];
    }
  return out;
}

/**
 * The law of `method` on an instance with curvatures λ, start error e0 = x⁰ − x* and ∇f_i(x*) (h_i⁰ = 0).
 */
export function coordinateLaw(
  method: CoordinateMethod,
  lambda: ReadonlyVector,
  e0: ReadonlyVector,
  gradStar: readonly ReadonlyVector[],
): CoordinateLaw {
  const m = method.dim;
  const byLambda = new Map<number, Float64Array>();
  for (let j = 0; j < lambda.length; j++) {
    let vStar = 0;
    for (const g of gradStar) vStar += (g[j] * g[j]) / gradStar.length;
    const s = method.initial(e0[j] * e0[j], vStar);
    const acc = byLambda.get(lambda[j]);
    if (acc === undefined) byLambda.set(lambda[j], s);
    else for (let q = 0; q < m; q++) acc[q] += s[q];
  }
  const levels = [...byLambda.keys()];
  const jump = new Float64Array(levels.length * m * m);
  const rows = new Float64Array(levels.length * BLOCK * m);
  const start = new Float64Array(levels.length * m);
  let gap0 = 0;
  levels.forEach((l, b) => {
    const A = matrixOf(method, l);
    let power = A;
    for (let s = 1; s < BLOCK; s *= 2) power = multiply(power, power, m);
    jump.set(power, b * m * m);
    let row = method.gapRow(l);
    for (let r = 0; r < BLOCK; r++) {
      rows.set(row, (b * BLOCK + r) * m);
      const next = new Float64Array(m);
      for (let k = 0; k < m; k++) for (let c = 0; c < m; c++) next[c] += row[k] * A[k * m + c];
      row = next;
    }
    const s0 = byLambda.get(l) as Float64Array;
    start.set(s0, b * m);
    for (let q = 0; q < m; q++) gap0 += rows[b * BLOCK * m + q] * s0[q];
  });
  return { dim: m, blocks: levels.length, jump, rows, start, gap0 };
}

/**
 * The first round t ≤ cap with E[f(x^t) − f*] ≤ ε·E[f(x⁰) − f*], exactly (every round is read); null if not reached
 * by `cap`, or if the gap exceeds `blowUp`·(f(x⁰) − f*) first (divergence) — adiana-moments.ts's exactRoundsToEpsilon.
 */
export function lawRoundsToEpsilon(law: CoordinateLaw, epsilon: number, cap: number, blowUp = 1e6): number | null {
  const { dim: m, blocks, jump, rows, gap0 } = law;
  let state = Float64Array.from(law.start);
  let next = new Float64Array(state.length);
  for (let t0 = 0; t0 <= cap; t0 += BLOCK) {
    for (let r = 0; r < BLOCK && t0 + r <= cap; r++) {
      let gap = 0;
      for (let b = 0; b < blocks; b++) {
        const base = (b * BLOCK + r) * m;
        for (let q = 0; q < m; q++) gap += rows[base + q] * state[b * m + q];
      }
      if (!(gap <= blowUp * gap0)) return null;
      if (gap <= epsilon * gap0) return t0 + r;
    }
    for (let b = 0; b < blocks; b++) {
      for (let r = 0; r < m; r++) {
        let v = 0;
        for (let q = 0; q < m; q++) v += jump[b * m * m + r * m + q] * state[b * m + q];
        next[b * m + r] = v;
      }
    }
    [state, next] = [next, state];
  }
  return null;
}

/** E[f(x^t) − f*] for t = 0…T, one coordinate at a time (for figures and the cross-checks of the spec). */
export function lawGapCurve(
  method: CoordinateMethod,
  lambda: ReadonlyVector,
  e0: ReadonlyVector,
  gradStar: readonly ReadonlyVector[],
  T: number,
): number[] {
  let states = Array.from(lambda, (_, j) => {
    let vStar = 0;
    for (const g of gradStar) vStar += (g[j] * g[j]) / gradStar.length;
    return method.initial(e0[j] * e0[j], vStar);
  });
  const out: number[] = [];
  for (let t = 0; t <= T; t++) {
    let gap = 0;
    states.forEach((s, j) => {
      const row = method.gapRow(lambda[j]);
      for (let q = 0; q < s.length; q++) gap += row[q] * s[q];
    });
    out.push(gap);
    if (t < T) states = states.map((s, j) => method.step(s, lambda[j]));
  }
  return out;
}
