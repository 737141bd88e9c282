/**
 * EF21-SGDM written for `efcheck method`, importing nothing from efcheck: a stochastic method with momentum, whose
 * claim carries a noise term. Check it with
 *
 *   npm run efcheck -- method examples/my-ef21-sgdm.ts
 *
 * EF21-SGDM [Fatkhullin, Tyurin, Richtárik 2023, Alg. 1]:
 *   x⁺ = x − γg,  v_i⁺ = (1 − η)v_i + ηĝ_i(x⁺),  g_i⁺ = g_i + C(v_i⁺ − g_i),  g = (1/n)Σg_i,
 * with ĝ_i unbiased, E‖ĝ_i − ∇f_i‖² ≤ σ², and C contractive with parameter α. The one-step inequality (derived form
 * of their Theorem 2, as theorems/ef21-sgdm/thm2-ef21-sgdm-lyapunov.ts states it): for γ ≤ min{α/(10L̃), η/(3L)}
 * and any η ∈ (0, 1], from any state
 *   E Λ⁺ ≤ Λ − (γ/2)‖∇f(x)‖² + γ(2η²σ²/α + 8η³σ²/α² + ησ²/n),
 *   Λ = f − f_inf + (2γ/α)G + (8γη/α²)P + (γ/η)M,
 * G = (1/n)Σ‖g_i − v_i‖², P = (1/n)Σ‖v_i − ∇f_i(x)‖², M = ‖v − ∇f(x)‖², v = (1/n)Σv_i.
 * η is a free hyperparameter: the claim must hold for every η in the declared range, so the checker searches it.
 */
type Vec = Float64Array;

interface State {
  readonly x: Vec;
  readonly g: readonly Vec[];
  readonly v: readonly Vec[];
}
interface Params {
  readonly gamma: number;
  readonly eta: number;
  readonly alpha: number;
}
interface Context {
  readonly n: number;
  readonly d: number;
  readonly params: Params;
  compress(i: number, v: Vec): Vec;
  sample(i: number, x: Vec): Vec;
}
interface Problem {
  readonly n: number;
  readonly d: number;
  f(x: Vec): number;
  gradI(i: number, x: Vec): Vec;
  grad(x: Vec): Vec;
}

function mean(vs: readonly Vec[]): Vec {
  const out = new Float64Array(vs[0].length);
  for (const v of vs) for (let j = 0; j < v.length; j++) out[j] += v[j] / vs.length;
  return out;
}

function distSq(a: Vec, b: Vec): number {
  let s = 0;
  for (let j = 0; j < a.length; j++) s += (a[j] - b[j]) ** 2;
  return s;
}

export default {
  name: 'my-ef21-sgdm',
  class: 'contractive',
  stochastic: true,
  hyperparameters: { eta: [0.01, 1] },
  state: { master: ['x'], perNode: ['g', 'v'] },
  parameters: (c: { L: number; lTilde: number; alpha: number; eta: number }): Params => ({
    gamma: Math.min(c.alpha / (10 * c.lTilde), c.eta / (3 * c.L)),
    eta: c.eta,
    alpha: c.alpha,
  }),
  step(s: State, ctx: Context): State {
    const { d } = ctx;
    const { gamma, eta } = ctx.params;
    const gBar = mean(s.g);
    const x = new Float64Array(d);
    for (let j = 0; j < d; j++) x[j] = s.x[j] - gamma * gBar[j];
    const v = s.v.map((vi, i) => {
      const sample = ctx.sample(i, x);
      const out = new Float64Array(d);
      for (let j = 0; j < d; j++) out[j] = (1 - eta) * vi[j] + eta * sample[j];
      return out;
    });
    const g = s.g.map((gi, i) => {
      const u = new Float64Array(d);
      for (let j = 0; j < d; j++) u[j] = v[i][j] - gi[j];
      const c = ctx.compress(i, u);
      const out = new Float64Array(d);
      for (let j = 0; j < d; j++) out[j] = gi[j] + c[j];
      return out;
    });
    return { x, g, v };
  },
  lyapunov(s: State, problem: Problem, p: Params): number {
    const { n } = problem;
    let G = 0;
    let P = 0;
    for (let i = 0; i < n; i++) {
      G += distSq(s.g[i], s.v[i]) / n;
      P += distSq(s.v[i], problem.gradI(i, s.x)) / n;
    }
    const M = distSq(mean(s.v), problem.grad(s.x));
    const { gamma, eta, alpha } = p;
    return problem.f(s.x) + ((2 * gamma) / alpha) * G + ((8 * gamma * eta) / alpha ** 2) * P + (gamma / eta) * M;
  },
  decrease(s: State, problem: Problem, p: Params): number {
    const grad = problem.grad(s.x);
    let sq = 0;
    for (let j = 0; j < grad.length; j++) sq += grad[j] * grad[j];
    return (p.gamma / 2) * sq;
  },
  noise: (p: Params, sigma: number, n: number): number =>
    p.gamma *
    ((2 * p.eta ** 2 * sigma ** 2) / p.alpha + (8 * p.eta ** 3 * sigma ** 2) / p.alpha ** 2 + (p.eta * sigma ** 2) / n),
};
