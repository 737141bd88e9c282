/**
 * Both sides of a user method's one-step claim at one candidate (user-method.ts):
 *   lhs = E Φ(step(state)),   rhs = Φ(state) − decrease(state) + noise(params, σ, n),
 * at γ = m·gamma (the other parameters as the rule gave them). The expectation is exact: the compressor of the
 * unbiased class is the two-point law v ± b·sqrt(ω)‖v‖·w_i/‖w_i‖ (probability ½ each, src/adversary/
 * ball-compressor.ts), a stochastic gradient is ∇f_i + ξ_i with ξ_i from node i's finite law, and every joint
 * outcome of the step's draws is enumerated (choice-tree.ts). The contractive class's adversarial member gives one
 * point per call: C(v) = v + b·sqrt(1 − α)‖v‖·w_i/‖w_i‖, any point of the ball ‖C(v) − v‖² ≤ (1 − α)‖v‖².
 * The ratio's scale is Σ_ω p_ω|Φ⁺_ω| + |Φ| + |decrease| + |noise|: the magnitude the sides are rounded relative to.
 */
import { ballOutput } from '../adversary/ball-compressor.ts';
import type { InequalitySides } from '../adversary/types.ts';
import { describeValue } from '../check/evaluate-input.ts';
import { enumerateOutcomes, TooManyOutcomesError, type Outcome } from './choice-tree.ts';
import {
  classParameter,
  hyperValues,
  instanceOf,
  meanGradient,
  nodeGradient,
  noiseLaws,
  relativeObjective,
  type MethodCandidate,
  type QuadraticInstance,
} from './method-candidate.ts';
import {
  finiteNumber,
  paramsOf,
  userCall,
  UserCallError,
  vectorOf,
  type CallMonitor,
  type CallName,
} from './user-call.ts';
import type {
  CompressorClass,
  MethodConstants,
  MethodParams,
  MethodProblem,
  MethodState,
  StepContext,
} from './user-method.ts';
import type { ValidMethod } from './validate-method.ts';

/** Joint outcomes one step may have before the expectation stops being an affordable exact sum. */
export const MAX_OUTCOMES = 512;

export interface MethodEvaluation {
  readonly sides: InequalitySides;
  /** parameters(c) with gamma multiplied; null on a degenerate instance (some L_i = 0), where nothing is called. */
  readonly params: MethodParams | null;
  readonly phi: number;
  readonly phiNext: number;
  readonly decrease: number;
  readonly noise: number;
  readonly outcomes: number;
}

const DEGENERATE: MethodEvaluation = {
  sides: { lhs: NaN, rhs: NaN, scale: NaN },
  params: null,
  phi: NaN,
  phiNext: NaN,
  decrease: NaN,
  noise: NaN,
  outcomes: 0,
};

/** The constants a rule sees for a candidate. */
export function constantsOf(
  method: ValidMethod,
  cls: CompressorClass,
  c: MethodCandidate,
  q: QuadraticInstance,
): MethodConstants {
  const value = classParameter(c, cls);
  return Object.freeze({
    L: q.L,
    Li: Object.freeze([...q.Li]),
    lTilde: q.lTilde,
    lAM: q.lAM,
    mu: q.mu,
    n: q.n,
    d: q.d,
    ...(cls === 'contractive' ? { alpha: value } : { omega: value }),
    ...hyperValues(c, method.hyperparameters),
  });
}

/** A frozen state object of fresh copies: the user may read it, and any write is caught. */
function stateObject(
  method: ValidMethod,
  master: readonly Float64Array[],
  perNode: readonly (readonly Float64Array[])[],
): MethodState {
  const s: Record<string, Float64Array | readonly Float64Array[]> = {};
  method.master.forEach((name, k) => {
    s[name] = Float64Array.from(master[k]);
  });
  method.perNode.forEach((name, k) => {
    s[name] = Object.freeze(perNode[k].map((v) => Float64Array.from(v)));
  });
  return Object.freeze(s);
}

function sameVector(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let j = 0; j < a.length; j++) if (!Object.is(a[j], b[j])) return false;
  return true;
}

/** A UserCallError if the call wrote into the state it was given. */
function requireUnchanged(
  call: CallName,
  method: ValidMethod,
  s: MethodState,
  master: readonly Float64Array[],
  perNode: readonly (readonly Float64Array[])[],
): void {
  method.master.forEach((name, k) => {
    if (!sameVector(s[name] as Float64Array, master[k]))
      throw new UserCallError(
        call,
        'mutation',
        `${call} wrote into its input state's ${name} (a step must return fresh arrays and leave its input untouched)`,
      );
  });
  method.perNode.forEach((name, k) => {
    const vs = s[name] as readonly Float64Array[];
    perNode[k].forEach((v, i) => {
      if (!sameVector(vs[i], v))
        throw new UserCallError(
          call,
          'mutation',
          `${call} wrote into its input state's ${name}[${i}] (a step must return fresh arrays and leave its input untouched)`,
        );
    });
  });
}

/** The next state a step returned, checked against the declared shape and copied. */
function readState(
  method: ValidMethod,
  v: unknown,
  n: number,
  d: number,
): { master: Float64Array[]; perNode: Float64Array[][] } {
  if (v === null || typeof v !== 'object')
    throw new UserCallError('step', 'shape', `step must return a state object, got ${describeValue(v)}`);
  const o = v as Record<string, unknown>;
  const declared = new Set([...method.master, ...method.perNode]);
  const extra = Object.keys(o).find((k) => !declared.has(k));
  if (extra !== undefined)
    throw new UserCallError(
      'step',
      'shape',
      `step returned '${extra}', which the state does not declare (state: master [${method.master.join(', ')}], perNode [${method.perNode.join(', ')}])`,
    );
  const master = method.master.map((name) => {
    if (!(name in o))
      throw new UserCallError('step', 'shape', `step returned no '${name}' (a master vector of the declared state)`);
    return vectorOf('step', name, o[name], d);
  });
  const perNode = method.perNode.map((name) => {
    const vs = o[name];
    if (!Array.isArray(vs))
      throw new UserCallError(
        'step',
        'shape',
        `step returned ${name} = ${describeValue(vs)}, expected an array of ${n} vectors (one per node)`,
      );
    if (vs.length !== n)
      throw new UserCallError(
        'step',
        'shape',
        `step returned ${vs.length} vectors for ${name}, expected one per node (n = ${n})`,
      );
    return vs.map((x: unknown, i: number) => vectorOf('step', `${name}[${i}]`, x, d));
  });
  return { master, perNode };
}

function nodeIndex(what: string, i: unknown, n: number): number {
  if (typeof i !== 'number' || !Number.isInteger(i) || i < 0 || i >= n)
    throw new UserCallError(
      'step',
      'shape',
      `step called ${what} with node index ${String(i)}, expected an integer in [0, ${n})`,
    );
  return i;
}

/**
 * Both sides at multiplier m, calling the user's functions under `monitor`. A user defect is a UserCallError.
 * @example
 * methodSides(method, 'contractive', candidate, 1, NO_MONITOR).sides; // { lhs, rhs, scale }
 */
export function methodSides(
  method: ValidMethod,
  cls: CompressorClass,
  c: MethodCandidate,
  multiplier: number,
  monitor: CallMonitor,
): MethodEvaluation {
  const q = instanceOf(c);
  if (!(q.L > 0) || !q.Li.every((l) => l > 0)) return DEGENERATE;
  const { n, d } = q;
  const m = method.module;
  const constants = constantsOf(method, cls, c, q);
  const rule = paramsOf(userCall(monitor, 'parameters', () => m.parameters(constants)));
  const params: MethodParams = Object.freeze({ ...rule, gamma: multiplier * rule.gamma });
  const sigma = method.stochastic ? Math.abs(c.sigma) : 0;
  const xRef = c.master.length > 0 ? c.master[0] : new Float64Array(d);
  const f = relativeObjective(q, xRef);
  const inputVector = (call: CallName, what: string, x: unknown): Float64Array => vectorOf(call, what, x, d);
  const problemFor = (call: CallName): MethodProblem =>
    Object.freeze({
      L: q.L,
      Li: constants.Li,
      lTilde: q.lTilde,
      lAM: q.lAM,
      mu: q.mu,
      n,
      d,
      ...(cls === 'contractive' ? { alpha: constants.alpha as number } : { omega: constants.omega as number }),
      f: (x: Float64Array) => f(inputVector(call, 'f(x): x', x)),
      gradI: (i: number, x: Float64Array) =>
        nodeGradient(q, nodeIndex('problem.gradI', i, n), inputVector(call, 'gradI(i, x): x', x)),
      grad: (x: Float64Array) => meanGradient(q, inputVector(call, 'grad(x): x', x)),
    });
  const lyapunov = (master: readonly Float64Array[], perNode: readonly (readonly Float64Array[])[]): number => {
    const s = stateObject(method, master, perNode);
    const v = finiteNumber(
      'lyapunov',
      userCall(monitor, 'lyapunov', () => m.lyapunov(s, problemFor('lyapunov'), params)),
    );
    requireUnchanged('lyapunov', method, s, master, perNode);
    return v;
  };
  const phi = lyapunov(c.master, c.perNode);
  const s0 = stateObject(method, c.master, c.perNode);
  const decrease = finiteNumber(
    'decrease',
    userCall(monitor, 'decrease', () => m.decrease(s0, problemFor('decrease'), params)),
  );
  requireUnchanged('decrease', method, s0, c.master, c.perNode);
  const noise =
    method.stochastic && m.noise !== undefined
      ? finiteNumber(
          'noise',
          userCall(monitor, 'noise', () => (m.noise as NonNullable<typeof m.noise>)(params, sigma, n)),
        )
      : 0;
  const alphaOrOmega = cls === 'contractive' ? (constants.alpha as number) : (constants.omega as number);
  const radius = cls === 'contractive' ? Math.sqrt(1 - alphaOrOmega) : Math.sqrt(alphaOrOmega);
  const laws = method.stochastic ? noiseLaws(c) : [];
  let outcomes: Outcome<{ master: Float64Array[]; perNode: Float64Array[][] }>[];
  try {
    outcomes = enumerateOutcomes((choose) => {
      const ctx: StepContext = Object.freeze({
        n,
        d,
        params,
        sigma,
        gradI: (i: number, x: Float64Array) =>
          nodeGradient(q, nodeIndex('ctx.gradI', i, n), inputVector('step', 'ctx.gradI(i, x): x', x)),
        compress: (i: number, v: Float64Array) => {
          const node = nodeIndex('ctx.compress', i, n);
          const u = inputVector('step', `ctx.compress(${node}, v): v`, v);
          const sign = cls === 'contractive' || choose([0.5, 0.5]) === 0 ? 1 : -1;
          return ballOutput(u, c.w[node], c.beta[node], radius, sign);
        },
        sample: (i: number, x: Float64Array) => {
          if (!method.stochastic)
            throw new UserCallError(
              'step',
              'shape',
              'step called ctx.sample, but the method does not declare stochastic: true',
            );
          const node = nodeIndex('ctx.sample', i, n);
          const g = nodeGradient(q, node, inputVector('step', `ctx.sample(${node}, x): x`, x));
          const law = laws[node];
          const xi = law.points[choose(law.p)];
          for (let j = 0; j < d; j++) g[j] += xi[j];
          return g;
        },
      });
      const s = stateObject(method, c.master, c.perNode);
      // The returned state is read inside the timed call: its getters are the user's code too.
      const next = userCall(monitor, 'step', () => readState(method, m.step(s, ctx), n, d));
      requireUnchanged('step', method, s, c.master, c.perNode);
      return next;
    }, MAX_OUTCOMES);
  } catch (e) {
    if (e instanceof TooManyOutcomesError)
      throw new UserCallError('step', 'shape', `step: ${e.message} (at most ${MAX_OUTCOMES} are enumerated exactly)`);
    throw e;
  }
  let phiNext = 0;
  let phiNextScale = 0;
  for (const o of outcomes) {
    const v = lyapunov(o.value.master, o.value.perNode);
    phiNext += o.p * v;
    phiNextScale += o.p * Math.abs(v);
  }
  const rhs = phi - decrease + noise;
  const scale = phiNextScale + Math.abs(phi) + Math.abs(decrease) + Math.abs(noise);
  return { sides: { lhs: phiNext, rhs, scale }, params, phi, phiNext, decrease, noise, outcomes: outcomes.length };
}
