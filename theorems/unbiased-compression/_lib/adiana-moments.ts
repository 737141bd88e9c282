/**
 * Exact second moments of ADIANA [Li et al. 2020, Alg. 1; src/algorithms/adiana.ts] with scaled rand-k on the
 * common-curvature quadratics of conditioned-instance.ts (f_i(x) = ½Σ_j λ_j x_j² − b_iᵀx) [D].
 *
 * In error coordinates e_y = y − x*, e_z = z − x*, e_w = w − x*, δ_i = h_i − ∇f_i(x*), with e_q = θ1e_z + θ2e_w +
 * (1 − θ1 − θ2)e_y the query point's error, node i's messages compress u_i = λ⊙e_q − δ_i and v_i = λ⊙e_w − δ_i, and
 * since h = (1/n)Σh_i = δ̄ (the ∇f_i(x*) average to 0), g = λ⊙e_q + ν with ν = (1/n)Σ_i(C_i(u_i) − u_i). So
 *   e_y⁺ = (1 − ηλ)⊙e_q − ην,   e_z⁺ = βe_z + (1 − β − γλ)⊙e_q − γν,   e_w⁺ = e_y (prob. p) or e_w,
 *   δ̄⁺ = (1 − α)δ̄ + αλ⊙e_w + α·(1/n)Σ_i(C_i'(v_i) − v_i).
 * Every node has the same λ, so the master's variables c = (e_y, e_z, e_w, δ̄) close on their second moment S (4d × 4d)
 * together with V = (1/n)Σ_i E[δ_iδ_iᵀ]: with E[C(u)C(u)ᵀ] = Q ⊙ uuᵀ (second-moment.ts) and R = Q − 11ᵀ,
 *   independent: Cov ν = (1/n) R ⊙ [(1/n)Σ_i E u_iu_iᵀ],  (1/n)Σ_i E u_iu_iᵀ = U S Uᵀ − B S Bᵀ + V   (U c = λ⊙e_q − δ̄),
 *   shared:      Cov ν = R ⊙ (U S Uᵀ)   (one subset: (1/n)Σ_i C(u_i) = C(ū)),
 * likewise for the shift messages with U_w c = λ⊙e_w − δ̄; the two messages are independent draws, the coin is
 * independent of both, and V⁺ = (1 − α)²V + α(1 − α)(S_δ̄w λ + λ S_wδ̄) + α²λS_wwλ + α² R ⊙ [(1/n)Σ_i E v_iv_iᵀ] (each
 * node's marginal law is the same under both randomness modes). Under shared randomness V never enters S: the master
 * runs the one-node method on f. E[f(y) − f*] = ½Σ_j λ_j (S_yy)_jj, exact up to rounding, nothing sampled.
 */
import type { AdianaParameters } from '../../../src/algorithms/adiana-parameters.ts';
import type { ReadonlyVector } from '../../../src/linalg/vector.ts';
import { sandwich, type SparseRows } from './second-moment.ts';

export interface AdianaMomentSetting {
  readonly lambda: ReadonlyVector;
  readonly n: number;
  /** rand-k's k. */
  readonly k: number;
  readonly randomness: 'independent' | 'shared';
}

export interface AdianaMoments {
  /** E[cc^T], c = (e_y, e_z, e_w, δ̄), 4d × 4d row-major. */
  readonly S: Float64Array;
  /** (1/n)Σ_i E[δ_iδ_iᵀ], d × d. */
  readonly V: Float64Array;
}

/** Round 0: y = z = w = x⁰, h_i = 0 (δ_i = −∇f_i(x*), δ̄ = 0, V = (1/n)Σ_i ∇f_i(x*)∇f_i(x*)ᵀ). */
export function initialMoments(e0: ReadonlyVector, gradStar: readonly ReadonlyVector[]): AdianaMoments {
  const d = e0.length;
  const D = 4 * d;
  const c = new Float64Array(D);
  for (let j = 0; j < d; j++) c[j] = c[d + j] = c[2 * d + j] = e0[j];
  const S = new Float64Array(D * D);
  for (let r = 0; r < D; r++) for (let q = 0; q < D; q++) S[r * D + q] = c[r] * c[q];
  const V = new Float64Array(d * d);
  for (const g of gradStar)
    for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) V[a * d + b] += (g[a] * g[b]) / gradStar.length;
  return { S, V };
}

/** The maps of one round, built once per (setting, parameters). */
export interface AdianaMomentMaps {
  readonly d: number;
  readonly moveAnchor: SparseRows;
  readonly keepAnchor: SparseRows;
  /** moveAnchor − keepAnchor: e_y − e_w in the w rows, 0 elsewhere. */
  readonly anchorJump: SparseRows;
  /** U c = λ⊙e_q − δ̄, U_w c = λ⊙e_w − δ̄, B c = δ̄ (d × 4d each). */
  readonly U: SparseRows;
  readonly Uw: SparseRows;
  readonly B: SparseRows;
  readonly Ew: SparseRows;
  /** Noise loadings: ν enters e_y with −η and e_z with −γ; the shift noise enters δ̄ with α. */
  readonly Gm: SparseRows;
  readonly Gc: SparseRows;
}

export function adianaMomentMaps(s: AdianaMomentSetting, p: AdianaParameters): AdianaMomentMaps {
  const { lambda } = s;
  const d = lambda.length;
  const D = 4 * d;
  const Y = 0;
  const Z = d;
  const W = 2 * d;
  const H = 3 * d;
  const rest = 1 - p.theta1 - p.theta2;
  // e_q's coefficients on (e_y, e_z, e_w) for coordinate j, scaled by s.
  const query = (j: number, scale: number): (readonly [number, number])[] => {
    const out: (readonly [number, number])[] = [];
    if (rest !== 0) out.push([Y + j, scale * rest]);
    if (p.theta1 !== 0) out.push([Z + j, scale * p.theta1]);
    if (p.theta2 !== 0) out.push([W + j, scale * p.theta2]);
    return out;
  };
  const mean = (move: boolean): SparseRows => {
    const rows: (readonly [number, number])[][] = [];
    for (let j = 0; j < d; j++) rows.push(query(j, 1 - p.eta * lambda[j]));
    for (let j = 0; j < d; j++) {
      const row = query(j, 1 - p.beta - p.gamma * lambda[j]);
      const at = row.findIndex(([c]) => c === Z + j);
      if (at >= 0) row[at] = [Z + j, row[at][1] + p.beta];
      else row.push([Z + j, p.beta]);
      rows.push(row);
    }
    for (let j = 0; j < d; j++) rows.push([[move ? Y + j : W + j, 1]]);
    for (let j = 0; j < d; j++)
      rows.push([
        [W + j, p.alpha * lambda[j]],
        [H + j, 1 - p.alpha],
      ]);
    return { cols: D, rows };
  };
  const rowsOf = (f: (j: number) => (readonly [number, number])[]): SparseRows => ({
    cols: D,
    rows: Array.from({ length: d }, (_, j) => f(j)),
  });
  const loading = (pairs: readonly (readonly [number, number])[]): SparseRows => {
    const rows: (readonly [number, number])[][] = Array.from({ length: D }, () => []);
    for (const [start, v] of pairs) for (let j = 0; j < d; j++) rows[start + j].push([j, v]);
    return { cols: d, rows };
  };
  const jump: (readonly [number, number])[][] = Array.from({ length: D }, () => []);
  for (let j = 0; j < d; j++)
    jump[W + j] = [
      [Y + j, 1],
      [W + j, -1],
    ];
  return {
    d,
    moveAnchor: mean(true),
    keepAnchor: mean(false),
    anchorJump: { cols: D, rows: jump },
    U: rowsOf((j) => [...query(j, lambda[j]), [H + j, -1]]),
    Uw: rowsOf((j) => [
      [W + j, lambda[j]],
      [H + j, -1],
    ]),
    B: rowsOf((j) => [[H + j, 1]]),
    Ew: rowsOf((j) => [[W + j, 1]]),
    Gm: loading([
      [Y, -p.eta],
      [Z, -p.gamma],
    ]),
    Gc: loading([[H, p.alpha]]),
  };
}

/** R ⊙ X in place, R = Q − 11ᵀ: ω on the diagonal, −ω/(d − 1) off it (scaled rand-k). */
function hadamardR(X: Float64Array, d: number, k: number): void {
  const omega = d / k - 1;
  const off = d === 1 ? 0 : -omega / (d - 1);
  for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) X[a * d + b] *= a === b ? omega : off;
}

/** One round of the exact second moments (header). */
export function adianaMomentStep(
  s: AdianaMomentSetting,
  p: AdianaParameters,
  maps: AdianaMomentMaps,
  m: AdianaMoments,
): AdianaMoments {
  const { d } = maps;
  const D = 4 * d;
  const { S, V } = m;
  // p·M₁SM₁ᵀ + (1 − p)·M₀SM₀ᵀ with M₁ = M₀ + Δ (Δ lives in the w rows only):
  //   = M₀SM₀ᵀ + p(ΔSM₀ᵀ + M₀SΔᵀ + ΔSΔᵀ), one full product instead of two.
  const out = sandwich(maps.keepAnchor, S, maps.keepAnchor, D);
  const cross = sandwich(maps.anchorJump, S, maps.keepAnchor, D);
  const jump = sandwich(maps.anchorJump, S, maps.anchorJump, D);
  for (let r = 0; r < D; r++) {
    for (let q = 0; q < D; q++) out[r * D + q] += p.p * (cross[r * D + q] + cross[q * D + r] + jump[r * D + q]);
  }
  // Cov of the two noises.
  const noise = (Umap: SparseRows): Float64Array => {
    const X = sandwich(Umap, S, Umap, D);
    if (s.randomness === 'independent') {
      const bsb = sandwich(maps.B, S, maps.B, D);
      for (let q = 0; q < d * d; q++) X[q] = (X[q] - bsb[q] + V[q]) / s.n;
    }
    hadamardR(X, d, s.k);
    return X;
  };
  const nm = noise(maps.U);
  const nc = noise(maps.Uw);
  const addLoaded = (G: SparseRows, X: Float64Array): void => {
    const term = sandwich(G, X, G, d);
    for (let q = 0; q < D * D; q++) out[q] += term[q];
  };
  addLoaded(maps.Gm, nm);
  addLoaded(maps.Gc, nc);
  // V⁺ (per-node shifts; the same marginal law under both randomness modes).
  const { lambda } = s;
  const a = p.alpha;
  const sww = sandwich(maps.Ew, S, maps.Ew, D);
  const sbw = sandwich(maps.B, S, maps.Ew, D);
  const vv = sandwich(maps.Uw, S, maps.Uw, D);
  const bsb = sandwich(maps.B, S, maps.B, D);
  const Vn = new Float64Array(d * d);
  const within = new Float64Array(d * d);
  for (let r = 0; r < d; r++) {
    for (let q = 0; q < d; q++) {
      const at = r * d + q;
      within[at] = vv[at] - bsb[at] + V[at];
      Vn[at] =
        (1 - a) ** 2 * V[at] +
        a * (1 - a) * (sbw[at] * lambda[q] + lambda[r] * sbw[q * d + r]) +
        a * a * lambda[r] * sww[at] * lambda[q];
    }
  }
  hadamardR(within, d, s.k);
  for (let q = 0; q < d * d; q++) Vn[q] += a * a * within[q];
  return { S: out, V: Vn };
}

/** E[f(y) − f*] = ½Σ_j λ_j E[(e_y)_j²]. */
export function expectedGap(lambda: ReadonlyVector, m: AdianaMoments): number {
  const d = lambda.length;
  const D = 4 * d;
  let s = 0;
  for (let j = 0; j < d; j++) s += 0.5 * lambda[j] * m.S[j * D + j];
  return s;
}

/**
 * The first round t ≤ cap with E[f(y^t) − f*] ≤ ε·(f(x⁰) − f*), exactly; null if not reached by `cap` or if the
 * expected gap exceeds `blowUp`·(f(x⁰) − f*) first (divergence).
 */
export function exactRoundsToEpsilon(
  s: AdianaMomentSetting,
  p: AdianaParameters,
  e0: ReadonlyVector,
  gradStar: readonly ReadonlyVector[],
  epsilon: number,
  cap: number,
  blowUp = 1e6,
): number | null {
  const maps = adianaMomentMaps(s, p);
  let m = initialMoments(e0, gradStar);
  const gap0 = expectedGap(s.lambda, m);
  for (let t = 0; t <= cap; t++) {
    const gap = expectedGap(s.lambda, m);
    if (!(gap <= blowUp * gap0)) return null;
    if (gap <= epsilon * gap0) return t;
    if (t < cap) m = adianaMomentStep(s, p, maps, m);
  }
  return null;
}

/**
 * ADIANA's parameters with the gradient step η chosen and the rest by the published rule of
 * src/algorithms/adiana-parameters.ts (docs/theory.md §A1.3): θ1 = min{1/4, sqrt(ημ/p)}, γ = η/(2(θ1 + ημ)), β = 1 − γμ,
 * α, θ2 and p unchanged.
 */
export function withStep(p: AdianaParameters, eta: number, mu: number): AdianaParameters {
  const theta1 = Math.min(1 / 4, Math.sqrt((eta * mu) / p.p));
  const gamma = eta / (2 * (theta1 + eta * mu));
  return { ...p, eta, theta1, gamma, beta: 1 - gamma * mu };
}

export interface TunedRounds {
  /** The fewest exact rounds to ε over the grid η_j = 2^{−j/4}/L, j ≥ 0. */
  readonly rounds: number;
  readonly eta: number;
  /** Grid points evaluated. */
  readonly evaluations: number;
}

/**
 * min_j T_ε(η_j) over η_j = 2^{−j/4}/L (the other parameters by withStep), by a local search from the grid index
 * `hint`: step towards smaller η in √2 strides until a run converges, then in 2^{1/4} strides towards the better
 * neighbour while the exact rounds fall (T_ε(η) falls as η grows up to the stability edge, where it jumps to ∞).
 * Once a run has converged, later evaluations stop at the best count so far: a step that needs more rounds is not
 * an improvement, so the cap changes no decision of the search.
 */
export function tunedRoundsToEpsilon(
  s: AdianaMomentSetting,
  base: AdianaParameters,
  c: { readonly L: number; readonly mu: number },
  e0: ReadonlyVector,
  gradStar: readonly ReadonlyVector[],
  epsilon: number,
  cap: number,
  hint: number,
): TunedRounds {
  const cache = new Map<number, number | null>();
  let best = Infinity;
  const T = (j: number): number => {
    if (j < 0) return Infinity;
    if (!cache.has(j)) {
      const r = exactRoundsToEpsilon(
        s,
        withStep(base, 2 ** (-j / 4) / c.L, c.mu),
        e0,
        gradStar,
        epsilon,
        Number.isFinite(best) ? Math.min(cap, best) : cap,
      );
      cache.set(j, r);
      if (r !== null && r < best) best = r;
    }
    const r = cache.get(j);
    return r === null || r === undefined ? Infinity : r;
  };
  let j = Math.max(0, Math.round(hint));
  while (!Number.isFinite(T(j))) {
    j += 2;
    if (j > 200) throw new RangeError('tunedRoundsToEpsilon: no step on the grid converges');
  }
  for (;;) {
    if (T(j - 1) < T(j)) j -= 1;
    else if (T(j + 1) < T(j)) j += 1;
    else break;
  }
  return { rounds: T(j), eta: 2 ** (-j / 4) / c.L, evaluations: cache.size };
}
