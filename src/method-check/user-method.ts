/**
 * The shape of a researcher's own error-feedback method, as `efcheck method <module>` checks it. The module
 * imports nothing from efcheck; its default export is an object of this shape (examples/my-ef21.ts is complete):
 *
 *   export default {
 *     name: 'my-ef21',
 *     class: 'contractive',                       // or 'unbiased' (or both: ['contractive', 'unbiased'])
 *     state: { master: ['x'], perNode: ['g'] },   // the vectors a state carries
 *     parameters: (c) => ({ gamma: 1 / (c.L + c.lTilde * xi(c.alpha)), theta: theta(c.alpha) }),
 *     step(s, ctx) { … return { x, g }; },        // pure: fresh arrays, never write to s
 *     lyapunov(s, problem, p) { return problem.f(s.x) + … },
 *     decrease(s, problem, p) { return (p.gamma / 2) * ‖problem.grad(s.x)‖² },
 *   };
 *
 * The claim checked is the one-step descent of the method's Lyapunov function from ANY state of the declared shape:
 *   E Φ(step(state)) ≤ Φ(state) − decrease(state) + noise(params, σ, n),
 * at γ = m·gamma with the other parameters unchanged (m = 1 is the researcher's rule; m* is the smallest m ∈ [1, 16]
 * at which the adversary finds a violation). The expectation is exact: it is a finite sum over the compressor's and
 * the noise's outcomes (see method-sides.ts).
 *
 * f is known only up to an additive constant: f_inf is never given (it cancels from Φ⁺ − Φ whenever Φ is
 * a·f + terms with the same coefficient a on both sides, as every descent Lyapunov function is). problem.f(y) is
 * f(y) − f(x_ref), x_ref the state's first master vector, computed exactly for the quadratics searched.
 */

/** The compressor class a method's analysis assumes. */
export type CompressorClass = 'contractive' | 'unbiased';

/** The problem's constants and the compressor's parameter. */
export interface ProblemConstants {
  /** Smoothness of f = (1/n)Σf_i: ‖Ā‖₂ for the quadratics searched (Ā = (1/n)ΣA_i). */
  readonly L: number;
  /** Smoothness of each f_i: ‖A_i‖₂. */
  readonly Li: readonly number[];
  /** L̃ = sqrt((1/n)ΣL_i²) [Richtárik, Sokolov, Fatkhullin 2021, Assumption 1]. */
  readonly lTilde: number;
  /** L_AM = (1/n)ΣL_i [Richtárik, Gasanov, Burlachenko 2024]. */
  readonly lAM: number;
  /** λ_min(Ā): negative on the nonconvex instances the descent claim ranges over. */
  readonly mu: number;
  readonly n: number;
  readonly d: number;
  /** Contractive class: ‖C(v) − v‖² ≤ (1 − alpha)‖v‖². */
  readonly alpha?: number;
  /** Unbiased class: E C(v) = v, E‖C(v) − v‖² ≤ omega‖v‖². */
  readonly omega?: number;
}

/**
 * What a hyperparameter rule may use: the constants, and every declared hyperparameter (e.g. eta) under its own
 * name, chosen by the adversary inside the declared range.
 */
export interface MethodConstants extends ProblemConstants {
  readonly [hyperparameter: string]: number | readonly number[] | undefined;
}

/** What parameters(c) returns: gamma and any other numbers (or arrays of numbers) the method and Φ need. */
export interface MethodParams {
  readonly gamma: number;
  readonly [name: string]: number | readonly number[];
}

/** A state: each master name maps to one vector of length d, each per-node name to n such vectors. */
export type MethodState = Readonly<Record<string, Float64Array | readonly Float64Array[]>>;

/** What step(state, ctx) may use besides the state. */
export interface StepContext {
  readonly n: number;
  readonly d: number;
  /** parameters(c) with gamma multiplied by the multiplier m under test. */
  readonly params: MethodParams;
  /** The declared noise bound σ (0 unless the method is stochastic). */
  readonly sigma: number;
  /** ∇f_i(x), exact, fresh. */
  gradI(i: number, x: Float64Array): Float64Array;
  /**
   * Node i's compressor, the checker's adversarial member of the declared class (fresh output). Contractive: one
   * point with ‖C(v) − v‖² ≤ (1 − alpha)‖v‖². Unbiased: each call is an independent two-point draw
   * v ± b·sqrt(omega)‖v‖·w_i/‖w_i‖, both outcomes enumerated.
   */
  compress(i: number, v: Float64Array): Float64Array;
  /**
   * A stochastic gradient ∇f_i(x) + ξ_i (stochastic methods only): each call an independent draw from node i's
   * finite noise law (E ξ_i = 0, E‖ξ_i‖² ≤ σ²), every outcome enumerated.
   */
  sample(i: number, x: Float64Array): Float64Array;
}

/** What lyapunov and decrease see of the problem: the constants and f, ∇f_i, ∇f (hyperparameters: via params). */
export interface MethodProblem extends ProblemConstants {
  /** f(x) − f(x_ref): f up to a constant (f_inf cancels and is never given). */
  f(x: Float64Array): number;
  gradI(i: number, x: Float64Array): Float64Array;
  grad(x: Float64Array): Float64Array;
}

/** The default export of a user's method module. */
export interface UserMethod {
  readonly name?: string;
  readonly class: CompressorClass | readonly CompressorClass[];
  readonly state: { readonly master: readonly string[]; readonly perNode: readonly string[] };
  /** Free hyperparameters the claim must hold for, each searched in its [lo, hi] and passed to parameters(c). */
  readonly hyperparameters?: Readonly<Record<string, readonly [number, number]>>;
  /** True when step calls ctx.sample; the claim then carries noise(params, sigma, n). */
  readonly stochastic?: boolean;
  parameters(c: MethodConstants): MethodParams;
  step(state: MethodState, ctx: StepContext): MethodState;
  lyapunov(state: MethodState, problem: MethodProblem, params: MethodParams): number;
  decrease(state: MethodState, problem: MethodProblem, params: MethodParams): number;
  noise?(params: MethodParams, sigma: number, n: number): number;
}
