/**
 * One instance of a momentum-method one-step check (Theorems 2 and 3 of Fatkhullin, Tyurin, Richtárik 2023 in their
 * derived forms, docs/theory.md §5.3–§5.4), as plain JSON-able data: the problem (dense quadratics, possibly indefinite,
 * heterogeneous L_i; docs/theory.md §0.4), an ARBITRARY state (x, v_i, u_i, g_i), top-k's k, η, σ, each node's
 * finite noise law, and the step as a fraction of the theory step. The spec builds these with fast-check
 * (momentum-instance-arbitrary.ts); check() draws them from a key here.
 */
import { denseQuadratic, type QuadraticNode } from '../../../src/problems/dense-quadratic.ts';
import type { Problem } from '../../../src/problems/types.ts';
import { foldIn, split, type Key } from '../../../src/rng/key.ts';
import { integerBelow, uniform } from '../../../src/rng/sample.ts';
import { centeredNoise, type FiniteNoise } from './finite-noise.ts';

/** Node i's noise before centring: raw support points, weights, and σ_i/σ ∈ [0, 1]. */
export interface RawNoise {
  readonly raw: readonly (readonly number[])[];
  readonly weights: readonly number[];
  readonly fraction: number;
}

export interface MomentumInstance {
  readonly nodes: readonly QuadraticNode[];
  readonly x: readonly number[];
  readonly vi: readonly (readonly number[])[];
  /** Second momentum (EF21-SGD2M only; EF21-SGDM ignores it). */
  readonly ui: readonly (readonly number[])[];
  readonly gi: readonly (readonly number[])[];
  readonly k: number;
  readonly eta: number;
  /** Declared bound: E‖ξ_i‖² = (fraction_i·σ)² ≤ σ². */
  readonly sigma: number;
  readonly noise: readonly RawNoise[];
  /** γ = stepFraction · γ_max (1 = at the bound). */
  readonly stepFraction: number;
}

/** The η grid of the docs/theory.md §5.3 verification harness. */
export const ETAS: readonly number[] = [1, 0.5, 0.1, 0.02];

export function instanceProblem(inst: MomentumInstance): Problem {
  return denseQuadratic(inst.nodes);
}

/** The zero-mean node laws with E‖ξ_i‖² = (fraction_i σ)² exactly. */
export function instanceNoise(inst: MomentumInstance): FiniteNoise[] {
  return inst.noise.map((r) =>
    centeredNoise(
      r.raw.map((z) => Float64Array.from(z)),
      r.weights,
      (r.fraction * inst.sigma) ** 2,
    ),
  );
}

/**
 * Σ|summands| of f(x) = (1/n) Σ_i (½ xᵀA_i x − b_iᵀx): the magnitude its rounding is relative to (the value can
 * cancel to 0 while the summands do not; docs/design.md §3).
 */
export function objectiveMagnitude(nodes: readonly QuadraticNode[], x: ArrayLike<number>): number {
  let s = 0;
  for (const { A, b } of nodes) {
    for (let r = 0; r < x.length; r++) {
      for (let c = 0; c < x.length; c++) s += 0.5 * Math.abs(A[r][c] * x[r] * x[c]);
      s += Math.abs(b[r] * x[r]);
    }
  }
  return s / nodes.length;
}

export type InstanceMode =
  /** Every vector uniform in [−1, 1]^d: the state is arbitrary, not reachable from a run. */
  | 'random'
  /** v_i = u_i = g_i = ∇f_i(x): the estimators are exact, so the noise is all that moves the Lyapunov function up. */
  | 'equilibrium'
  /**
   * Equilibrium at a stationary point: b_i = A_i x, so ∇f_i(x) = 0 = ∇f(x) and v_i = u_i = g_i = 0. Nothing but the
   * noise moves Λ, and it moves it up by a positive amount whenever some σ_i > 0 and η > 0: the noise term is
   * necessary (the noise-term teeth).
   */
  | 'stationary'
  /**
   * The step-rule teeth: identical nodes f_i = (s/2)‖x‖² (b_i = 0, s = 2^u), x = (±1, …) with d ∈ {1, 2}, k = 1,
   * the equilibrium v_i = u_i = g_i = ∇f_i(x), η ∈ {0.5, 0.3} (off the ETAS grid: where the derived step rules are
   * tightest) and σ = 0. The descent −γ‖∇f‖² is fixed in γ while the momentum errors P, M (and Q, M^u) grow like
   * γ³‖∇f‖²: measured, the exact inequality first fails at 3.5–6.25·γ_max (EF21-SGDM) and 4.75–6·γ_max
   * (EF21-SGD2M) on this family, so at 8·γ_max every instance fails.
   */
  | 'isotropic';

export interface RandomInstanceOptions {
  readonly mode?: InstanceMode;
  /** σ uniform in [sigmaMin, sigmaMax] (defaults 0 and 2). */
  readonly sigmaMin?: number;
  readonly sigmaMax?: number;
  /** Fix γ = γ_max (stepFraction 1) instead of drawing it. */
  readonly atBound?: boolean;
}

/**
 * A seeded instance: n ∈ 1…4, d ∈ 1…5, A_i = s_i·sym(U_i) with U_i uniform in [−1, 1] (indefinite) and
 * s_i = 2^{u} for u uniform in [−1, 1] (heterogeneous L_i), b_i, x, v_i, u_i, g_i uniform in [−1, 1]^d,
 * k uniform in 1…d, η from ETAS, node i's noise on 1–3 support points (Π m_i ≤ 27 joint outcomes) with
 * σ_i = σ for half the nodes and σ_i uniform in [0, σ] for the rest, and γ = γ_max half the time.
 */
export function randomMomentumInstance(k0: Key, options: RandomInstanceOptions = {}): MomentumInstance {
  const [kShape, kNodes, kState, kNoise, kMisc] = split(k0, 5);
  const shape = uniform(kShape, 2);
  const isotropic = options.mode === 'isotropic';
  const n = 1 + Math.floor(shape[0] * 4);
  const d = isotropic ? 1 + Math.floor(shape[1] * 2) : 1 + Math.floor(shape[1] * 5);
  const nodes: QuadraticNode[] = [];
  for (let i = 0; isotropic && i < n; i++) {
    const s = 2 ** (2 * uniform(foldIn(kNodes, 0), 1)[0] - 1);
    nodes.push({
      A: Array.from({ length: d }, (_, r) => Array.from({ length: d }, (_, c) => (r === c ? s : 0))),
      b: new Array<number>(d).fill(0),
    });
  }
  for (let i = 0; !isotropic && i < n; i++) {
    const u = uniform(foldIn(kNodes, i), d * d + d + 1);
    const s = 2 ** (2 * u[d * d + d] - 1);
    const A = Array.from({ length: d }, () => Array.from({ length: d }, () => 0));
    for (let r = 0; r < d; r++) {
      for (let c = r; c < d; c++) A[r][c] = A[c][r] = s * (2 * u[r * d + c] - 1);
    }
    nodes.push({ A, b: Array.from({ length: d }, (_, j) => 2 * u[d * d + j] - 1) });
  }
  const vec = (stream: number): number[] => Array.from(uniform(foldIn(kState, stream), d), (v) => 2 * v - 1);
  const x = vec(0);
  let vi = Array.from({ length: n }, (_, i) => vec(1 + i));
  let ui = Array.from({ length: n }, (_, i) => vec(101 + i));
  let gi = Array.from({ length: n }, (_, i) => vec(201 + i));
  if (isotropic) for (let j = 0; j < d; j++) x[j] = x[j] < 0 ? -1 : 1;
  if (options.mode === 'stationary') {
    for (let i = 0; i < n; i++) {
      const A = nodes[i].A;
      nodes[i] = { A, b: A.map((row) => row.reduce((acc, a, c) => acc + a * x[c], 0)) };
    }
  }
  if (options.mode === 'equilibrium' || options.mode === 'stationary' || isotropic) {
    const problem = denseQuadratic(nodes);
    vi = Array.from({ length: n }, (_, i) => Array.from(problem.gradI(i, x)));
    ui = vi.map((v) => [...v]);
    gi = vi.map((v) => [...v]);
  }
  const misc = uniform(kMisc, 4);
  const sigmaMin = options.sigmaMin ?? 0;
  const sigmaMax = options.sigmaMax ?? 2;
  const noise: RawNoise[] = [];
  for (let i = 0; i < n; i++) {
    const kn = foldIn(kNoise, i);
    const m = 1 + integerBelow(foldIn(kn, 0), 3);
    const u = uniform(foldIn(kn, 1), m * d + m + 2);
    const raw = Array.from({ length: m }, (_, j) => Array.from({ length: d }, (_, c) => 2 * u[j * d + c] - 1));
    const weights = Array.from({ length: m }, (_, j) => 0.1 + u[m * d + j]);
    const fraction = u[m * d + m] < 0.5 ? 1 : u[m * d + m + 1];
    noise.push({ raw, weights, fraction });
  }
  return {
    nodes,
    x,
    vi,
    ui,
    gi,
    k: isotropic ? 1 : 1 + Math.floor(misc[0] * d),
    eta: isotropic ? (misc[1] < 0.5 ? 0.5 : 0.3) : ETAS[Math.floor(misc[1] * ETAS.length)],
    sigma: isotropic ? 0 : sigmaMin + (sigmaMax - sigmaMin) * misc[2],
    noise,
    stepFraction: options.atBound === true || misc[3] < 0.5 ? 1 : misc[3],
  };
}
