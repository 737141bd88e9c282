/**
 * Exact second moments of a linear recursion driven by scaled rand-k, the law of DIANA and naive compressed GD on
 * quadratics [D]. With an augmented state z ∈ ℝ^D (errors, shift errors, and a constant coordinate 1 where the
 * recursion is affine), one round is
 *   z⁺ = F z + Σ_i G_i C_i(U_i z),      C_i scaled rand-k(k of d) (docs/theory.md §1.1 row 2),
 * and since C_i is unbiased with E[C(u)C(u)ᵀ] = Q ⊙ uuᵀ, where Q_jj = d/k and Q_jl = (d/k)²·P(j, l ∈ S)
 * = d(k − 1)/(k(d − 1)) (j ≠ l), the second moment S = E[zzᵀ] evolves exactly by
 *   S⁺ = M S Mᵀ + Σ_{(i,j)} G_i [(Q − 11ᵀ) ⊙ (U_i S U_jᵀ)] G_jᵀ,     M = F + Σ_i G_i U_i,
 * the sum over i = j only when the nodes' subsets are independent, over every pair (i, j) when one subset is shared
 * (then E[C(u)C(v)ᵀ] = Q ⊙ uvᵀ for all nodes). (Q − 11ᵀ)_jj = ω = d/k − 1 and (Q − 11ᵀ)_jl = −ω/(d − 1).
 * Nothing is sampled: E‖x^t − x*‖² and E σ_t² are traces of S^t, exact up to rounding. The matrices are sparse
 * (diagonal blocks), so the products visit only their non-zero entries: O(nnz·D) per product, not O(D³).
 */

/** A sparse matrix by rows: rows[r] lists (column, value) pairs. */
export interface SparseRows {
  readonly cols: number;
  readonly rows: readonly (readonly (readonly [number, number])[])[];
}

/** A dense symmetric D×D matrix, row-major. */
export type Dense = Float64Array;

/** The recursion z⁺ = F z + Σ_i G_i C_i(U_i z) with C_i scaled rand-k(k, d). */
export interface LinearCompressedSystem {
  /** Dimension D of z. */
  readonly D: number;
  /** Dimension d of the compressed vectors. */
  readonly d: number;
  readonly k: number;
  /** M = F + Σ_i G_i U_i (the mean map). */
  readonly M: SparseRows;
  /** U_i: d × D. */
  readonly U: readonly SparseRows[];
  /** G_i: D × d. */
  readonly G: readonly SparseRows[];
  readonly randomness: 'independent' | 'shared';
}

/** A compressed-row copy of a SparseRows (only the non-empty rows are visited by the products below). */
interface Csr {
  readonly live: Int32Array;
  readonly start: Int32Array;
  readonly col: Int32Array;
  readonly val: Float64Array;
}

const compiled = new WeakMap<SparseRows, Csr>();

function csr(A: SparseRows): Csr {
  const hit = compiled.get(A);
  if (hit !== undefined) return hit;
  const live: number[] = [];
  const start = new Int32Array(A.rows.length + 1);
  const col: number[] = [];
  const val: number[] = [];
  A.rows.forEach((row, r) => {
    start[r] = col.length;
    if (row.length > 0) live.push(r);
    for (const [c, v] of row) {
      col.push(c);
      val.push(v);
    }
  });
  start[A.rows.length] = col.length;
  const out = { live: Int32Array.from(live), start, col: Int32Array.from(col), val: Float64Array.from(val) };
  compiled.set(A, out);
  return out;
}

/** out ← out + A·S·Bᵀ for sparse A (p × D), B (q × D) and dense S (D × D, row-major); out is p × q. */
function addSandwich(out: Float64Array, A: SparseRows, S: ArrayLike<number>, B: SparseRows, D: number): void {
  const { live: aLive, start: aStart, col: aCol, val: aVal } = csr(A);
  const { live: bLive, start: bStart, col: bCol, val: bVal } = csr(B);
  const q = B.rows.length;
  // T = A·S first (only A's live rows, dense in the columns), then out += T·Bᵀ: O(nnz(A)·D + rows·nnz(B)).
  const T = new Float64Array(D);
  for (let x = 0; x < aLive.length; x++) {
    const r = aLive[x];
    T.fill(0);
    for (let u = aStart[r]; u < aStart[r + 1]; u++) {
      const base = aCol[u] * D;
      const w = aVal[u];
      for (let c = 0; c < D; c++) T[c] += w * S[base + c];
    }
    const rowBase = r * q;
    for (let y = 0; y < bLive.length; y++) {
      const c = bLive[y];
      let s = 0;
      for (let v = bStart[c]; v < bStart[c + 1]; v++) s += bVal[v] * T[bCol[v]];
      out[rowBase + c] += s;
    }
  }
}

/** A·S·Bᵀ for sparse A (p × D), B (q × D) and dense S (D × D): p × q, row-major. */
export function sandwich(A: SparseRows, S: ArrayLike<number>, B: SparseRows, D: number): Float64Array {
  const out = new Float64Array(A.rows.length * B.rows.length);
  addSandwich(out, A, S, B, D);
  return out;
}

/** One round: S ↦ S⁺ (header formula). */
export function propagate(sys: LinearCompressedSystem, S: Dense): Dense {
  const { D, d, k } = sys;
  const out = sandwich(sys.M, S, sys.M, D);
  const omega = d / k - 1;
  const off = d === 1 ? 0 : -omega / (d - 1);
  const n = sys.U.length;
  const X = new Float64Array(d * d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (sys.randomness === 'independent' && i !== j) continue;
      X.fill(0);
      addSandwich(X, sys.U[i], S, sys.U[j], D);
      for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) X[a * d + b] *= a === b ? omega : off;
      addSandwich(out, sys.G[i], X, sys.G[j], d);
    }
  }
  return out;
}

/** Σ_{r ∈ block} S_rr: E‖z_block‖². */
export function blockTrace(S: Dense, D: number, start: number, length: number): number {
  let s = 0;
  for (let r = start; r < start + length; r++) s += S[r * D + r];
  return s;
}

/** zzᵀ, the second moment of a point mass. */
export function outer(z: ArrayLike<number>): Dense {
  const D = z.length;
  const S = new Float64Array(D * D);
  for (let r = 0; r < D; r++) for (let c = 0; c < D; c++) S[r * D + c] = z[r] * z[c];
  return S;
}

/**
 * DIANA [Mishchenko et al. 2019, Alg. 1] on f_i(x) = ½Σ_j λ_j x_j² − b_iᵀx, in error coordinates
 * z = (e, δ_1, …, δ_n), e = x − x*, δ_i = h_i − ∇f_i(x*) (D = d(n + 1); the master's h is (1/n)Σ_i h_i, and
 * (1/n)Σ_i ∇f_i(x*) = 0): the message is C_i(∇f_i(x) − h_i) = C_i(λ ⊙ e − δ_i), and
 *   e⁺ = e − γ(1/n)Σ_i δ_i − (γ/n)Σ_i C_i(λ ⊙ e − δ_i),    δ_i⁺ = δ_i + α C_i(λ ⊙ e − δ_i),
 * so M: e⁺ = (1 − γλ) ⊙ e, δ_i⁺ = (1 − α)δ_i + αλ ⊙ e.
 */
export function dianaSystem(
  lambda: ArrayLike<number>,
  n: number,
  k: number,
  gamma: number,
  alpha: number,
  randomness: 'independent' | 'shared',
): LinearCompressedSystem {
  const d = lambda.length;
  const D = d * (n + 1);
  const M: (readonly [number, number])[][] = [];
  for (let j = 0; j < d; j++) M.push([[j, 1 - gamma * lambda[j]]]);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < d; j++)
      M.push([
        [j, alpha * lambda[j]],
        [d * (i + 1) + j, 1 - alpha],
      ]);
  const U: SparseRows[] = [];
  const G: SparseRows[] = [];
  for (let i = 0; i < n; i++) {
    U.push({
      cols: D,
      rows: Array.from(
        { length: d },
        (_, j) =>
          [
            [j, lambda[j]],
            [d * (i + 1) + j, -1],
          ] as const,
      ),
    });
    const g: (readonly [number, number])[][] = Array.from({ length: D }, () => []);
    for (let j = 0; j < d; j++) {
      g[j].push([j, -gamma / n]);
      g[d * (i + 1) + j].push([j, alpha]);
    }
    G.push({ cols: d, rows: g });
  }
  return { D, d, k, M: { cols: D, rows: M }, U, G, randomness };
}

/**
 * Naive compressed GD (src/algorithms/compressed-gd.ts: x^{t+1} = x^t − γ(1/n)Σ_i C_i(∇f_i(x^t))) on the same
 * quadratics, in z = (e, 1) (D = d + 1): the message is C_i(λ ⊙ e + ∇f_i(x*)·1), and M: e⁺ = (1 − γλ) ⊙ e
 * (the mean of the ∇f_i(x*) is 0), 1⁺ = 1.
 */
export function compressedGdSystem(
  lambda: ArrayLike<number>,
  gradStar: readonly ArrayLike<number>[],
  k: number,
  gamma: number,
  randomness: 'independent' | 'shared',
): LinearCompressedSystem {
  const d = lambda.length;
  const n = gradStar.length;
  const D = d + 1;
  const M: (readonly [number, number])[][] = [];
  for (let j = 0; j < d; j++) M.push([[j, 1 - gamma * lambda[j]]]);
  M.push([[d, 1]]);
  const U: SparseRows[] = [];
  const G: SparseRows[] = [];
  for (let i = 0; i < n; i++) {
    U.push({
      cols: D,
      rows: Array.from(
        { length: d },
        (_, j) =>
          (gradStar[i][j] === 0
            ? [[j, lambda[j]]]
            : [
                [j, lambda[j]],
                [d, gradStar[i][j]],
              ]) as readonly (readonly [number, number])[],
      ),
    });
    const g: (readonly [number, number])[][] = Array.from({ length: D }, () => []);
    for (let j = 0; j < d; j++) g[j].push([j, -gamma / n]);
    G.push({ cols: d, rows: g });
  }
  return { D, d, k, M: { cols: D, rows: M }, U, G, randomness };
}
