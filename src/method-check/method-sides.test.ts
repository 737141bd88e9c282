import { describe, expect, it } from 'vitest';
import sgdm from '../../examples/my-ef21-sgdm.ts';
import { ef21, step, type Context, type State } from './fixtures/base.ts';
import { noiseLaws, OMEGA_MAX, type MethodCandidate } from './method-candidate.ts';
import { methodSides } from './method-sides.ts';
import { emptyCandidate, type SearchMonitor } from './method-space.ts';
import { UserCallError } from './user-call.ts';
import { validateMethod, type ValidMethod } from './validate-method.ts';

const QUIET: SearchMonitor = { enter: () => undefined, leave: () => undefined, evaluating: () => undefined };

/** f = x² − x/2 on one node in one dimension (A = 2, b = 1/2), x = 1, g = 0.3, the compressor at its full radius. */
function oneNode(method: ValidMethod): MethodCandidate {
  const c = emptyCandidate(method, { n: 1, d: 1, supports: [] });
  return {
    ...c,
    a: [Float64Array.of(2)],
    b: [Float64Array.of(0.5)],
    master: [Float64Array.of(1)],
    perNode: [[Float64Array.of(0.3)]],
    w: [Float64Array.of(1)],
    beta: Float64Array.of(Math.PI / 2),
  };
}

describe('methodSides', () => {
  it("EF21 with the contractive class: both sides equal a hand computation of Theorem 1's inequality", () => {
    const method = validateMethod(ef21, 'ef21');
    const e = methodSides(method, 'contractive', oneNode(method), 1, QUIET);
    // classAngle 0 gives α = 0.01 + 0.99/2; L = L_1 = L̃ = 2.
    const alpha = 0.505;
    const s = Math.sqrt(1 - alpha);
    const theta = 1 - s;
    const xi = Math.sqrt((1 - alpha) / (1 - s) / theta);
    const gamma = 1 / (2 + 2 * xi);
    const f = (y: number): number => y * y - y / 2;
    // C(u) − u = sqrt(1 − α)|u|·w/|w| at the full radius, so the next distortion is (1 − α)u².
    const expected = (g: number): { lhs: number; rhs: number } => {
      const xNext = 1 - g * 0.3;
      const u = 2 * xNext - 0.5 - 0.3;
      const coefficient = g / (2 * theta);
      return {
        lhs: f(xNext) - f(1) + coefficient * (1 - alpha) * u * u,
        rhs: coefficient * 1.2 ** 2 - (g / 2) * 1.5 ** 2,
      };
    };
    expect(e.params?.gamma).toBeCloseTo(gamma, 14);
    expect(e.phi).toBeCloseTo((gamma / (2 * theta)) * 1.44, 12);
    expect(e.sides.lhs).toBeCloseTo(expected(gamma).lhs, 12);
    expect(e.sides.rhs).toBeCloseTo(expected(gamma).rhs, 12);
    expect(e.outcomes).toBe(1);
    expect(e.sides.lhs).toBeLessThanOrEqual(e.sides.rhs);
    // γ = 4·gamma in the step and in Φ's coefficient alike; the other parameters (θ) stay.
    const big = methodSides(method, 'contractive', oneNode(method), 4, QUIET);
    expect(big.params?.gamma).toBeCloseTo(4 * gamma, 14);
    expect(big.params?.theta).toBeCloseTo(theta, 14);
    expect(big.sides.lhs).toBeCloseTo(expected(4 * gamma).lhs, 12);
    expect(big.sides.rhs).toBeCloseTo(expected(4 * gamma).rhs, 12);
  });

  it('the unbiased class takes the exact mean of the two-point law: E‖C(u) − u‖² = ω u² at the full radius', () => {
    const method = validateMethod(
      {
        ...ef21,
        class: 'unbiased',
        parameters: (c: { L: number; omega: number }) => ({ gamma: 0.1 / c.L, theta: 1 / (1 + c.omega) }),
      },
      'unbiased',
    );
    const e = methodSides(method, 'unbiased', oneNode(method), 1, QUIET);
    const omega = OMEGA_MAX / 2;
    const gamma = 0.05;
    const xNext = 1 - gamma * 0.3;
    const u = 2 * xNext - 0.8;
    const coefficient = gamma / (2 / (1 + omega));
    expect(e.outcomes).toBe(2);
    expect(e.sides.lhs).toBeCloseTo(xNext * xNext - xNext / 2 - 0.5 + coefficient * omega * u * u, 12);
  });

  it('a stochastic step is summed over every joint noise outcome', () => {
    const method = validateMethod(sgdm, 'sgdm');
    const like = emptyCandidate(method, { n: 2, d: 1, supports: [2, 3] });
    const c: MethodCandidate = {
      ...like,
      a: [Float64Array.of(1), Float64Array.of(-0.5)],
      noise: [Float64Array.of(1, -1, 0, 0, 0), Float64Array.of(1, 2, 4, 0, 1, -1, 0)],
      sigma: 2,
    };
    expect(methodSides(method, 'contractive', c, 1, QUIET).outcomes).toBe(6);
    for (const law of noiseLaws(c)) {
      let mean = 0;
      let second = 0;
      law.points.forEach((z, j) => {
        mean += law.p[j] * z[0];
        second += law.p[j] * z[0] ** 2;
      });
      expect(mean).toBeCloseTo(0, 14);
      // σ_i = σ·(1 + sin 0)/2 = 1: E‖ξ_i‖² = σ_i² ≤ σ² = 4.
      expect(second).toBeCloseTo(1, 12);
    }
  });

  const broken: [string, object, RegExp, string][] = [
    [
      'a step returning NaN',
      { step: (s: State, ctx: Context) => ({ ...step(s, ctx), x: Float64Array.of(NaN, 0) }) },
      /step returned x\[0\] = NaN/,
      'non-finite',
    ],
    [
      'a step returning an undeclared vector',
      { step: (s: State, ctx: Context) => ({ ...step(s, ctx), t: 1 }) },
      /step returned 't', which the state does not declare/,
      'shape',
    ],
    [
      'a step compressing at node 5 of 2',
      {
        step: (s: State, ctx: Context) => {
          ctx.compress(5, s.x);
          return step(s, ctx);
        },
      },
      /compress with node index 5, expected an integer in \[0, 2\)/,
      'shape',
    ],
    [
      'a step sampling while not stochastic',
      {
        step: (s: State, ctx: Context & { sample(i: number, x: Float64Array): Float64Array }) => {
          ctx.sample(0, s.x);
          return step(s, ctx);
        },
      },
      /does not declare stochastic: true/,
      'shape',
    ],
    [
      'a Lyapunov function writing into x',
      {
        lyapunov: (s: State) => {
          s.x[0] = 7;
          return 0;
        },
      },
      /lyapunov wrote into its input state's x/,
      'mutation',
    ],
    [
      'a rule with a negative step',
      { parameters: () => ({ gamma: -1, theta: 1 }) },
      /gamma = -1; a step size must be > 0/,
      'shape',
    ],
    ['a decrease returning a string', { decrease: () => 'none' }, /decrease must return a number, got string/, 'shape'],
  ];
  it.each(broken)('%s is a UserCallError naming the function', (_, change, message, defect) => {
    const method = validateMethod({ ...ef21, ...change }, 'broken');
    const c = {
      ...emptyCandidate(method, { n: 2, d: 2, supports: [] }),
      a: [Float64Array.of(1, 0, 1), Float64Array.of(2, 0, 1)],
    };
    let caught: unknown;
    try {
      methodSides(method, 'contractive', c, 1, QUIET);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(UserCallError);
    expect((caught as UserCallError).message).toMatch(message);
    expect((caught as UserCallError).defect).toBe(defect);
  });
});
