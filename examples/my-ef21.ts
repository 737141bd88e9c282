/**
 * EF21 written as a researcher would write it for `efcheck method`, importing nothing from efcheck. Check it with
 *
 *   npm run efcheck -- method examples/my-ef21.ts
 *
 * EF21 [Richtárik, Sokolov, Fatkhullin 2021, Alg. 1]: x⁺ = x − γ·(1/n)Σg_i, g_i⁺ = g_i + C(∇f_i(x⁺) − g_i), with C
 * contractive: ‖C(v) − v‖² ≤ (1 − α)‖v‖². Their Theorem 1: for γ ≤ 1/(L + L̃ξ(α)), ξ(α) = sqrt(β/θ),
 * θ = 1 − sqrt(1 − α), β = (1 − α)/(1 − sqrt(1 − α)), from any state
 *   Φ(x⁺, g⁺) ≤ Φ(x, g) − (γ/2)‖∇f(x)‖²,   Φ = f − f_inf + (γ/(2θ))(1/n)Σ‖g_i − ∇f_i(x)‖².
 */
type Vec = Float64Array;

export interface State {
  readonly x: Vec;
  readonly g: readonly Vec[];
}
export interface Params {
  readonly gamma: number;
  readonly theta: number;
}
export interface Context {
  readonly n: number;
  readonly d: number;
  readonly params: Params;
  gradI(i: number, x: Vec): Vec;
  compress(i: number, v: Vec): Vec;
}
export interface Problem {
  readonly n: number;
  f(x: Vec): number;
  gradI(i: number, x: Vec): Vec;
  grad(x: Vec): Vec;
}

// θ = 1 − sqrt(1 − α) and β = (1 − α)/(1 − sqrt(1 − α)), written without the cancellation in 1 − sqrt(1 − α).
export const theta = (alpha: number): number => alpha / (1 + Math.sqrt(1 - alpha));
const beta = (alpha: number): number => ((1 - alpha) * (1 + Math.sqrt(1 - alpha))) / alpha;
export const xi = (alpha: number): number => Math.sqrt(beta(alpha) / theta(alpha));

function normSq(v: Vec): number {
  let s = 0;
  for (let j = 0; j < v.length; j++) s += v[j] * v[j];
  return s;
}

/** One EF21 round: the master steps with the mean of the g_i, then every node compresses its gradient's change. */
export function step(s: State, ctx: Context): State {
  const { n, d } = ctx;
  const x = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    let mean = 0;
    for (let i = 0; i < n; i++) mean += s.g[i][j] / n;
    x[j] = s.x[j] - ctx.params.gamma * mean;
  }
  const g = s.g.map((gi, i) => {
    const grad = ctx.gradI(i, x);
    const u = new Float64Array(d);
    for (let j = 0; j < d; j++) u[j] = grad[j] - gi[j];
    const c = ctx.compress(i, u);
    const out = new Float64Array(d);
    for (let j = 0; j < d; j++) out[j] = gi[j] + c[j];
    return out;
  });
  return { x, g };
}

export default {
  name: 'my-ef21',
  class: 'contractive',
  state: { master: ['x'], perNode: ['g'] },
  parameters: (c: { L: number; lTilde: number; alpha: number }): Params => ({
    gamma: 1 / (c.L + c.lTilde * xi(c.alpha)),
    theta: theta(c.alpha),
  }),
  step,
  lyapunov(s: State, problem: Problem, p: Params): number {
    let distortion = 0;
    for (let i = 0; i < problem.n; i++) {
      const grad = problem.gradI(i, s.x);
      for (let j = 0; j < grad.length; j++) distortion += (s.g[i][j] - grad[j]) ** 2 / problem.n;
    }
    return problem.f(s.x) + (p.gamma / (2 * p.theta)) * distortion;
  },
  decrease: (s: State, problem: Problem, p: Params): number => (p.gamma / 2) * normSq(problem.grad(s.x)),
};
