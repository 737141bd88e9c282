import { describe, expect, it } from 'vitest';
import myEf21 from '../../examples/my-ef21.ts';
import myEf21AmSlip from '../../examples/my-ef21-am-slip.ts';
import myEf21Sgdm from '../../examples/my-ef21-sgdm.ts';
import { ef21AmStepSize, ef21SgdmStepSize, ef21StepSize } from '../algorithms/step-sizes.ts';
import { ModuleShapeError } from '../check/user-module.ts';
import { checkMethod } from './check-method.ts';
import { ef21, step, type Context, type Params, type State } from './fixtures/base.ts';
import type { MethodVerdict } from './method-verdict.ts';

const fixture = (name: string): string => `src/method-check/fixtures/${name}.ts`;

/** The input a failing verdict reports, in the shape the test expects (a verdict without a failure fails the test). */
const failedInstance = <T>(v: MethodVerdict): T => {
  if (v.failure === null) throw new Error(`${v.method}: expected a failure, got ${v.status}`);
  return v.failure.instance as T;
};

describe('checkMethod on the examples (worker thread)', () => {
  it("the examples' rules are the library's registered step sizes", () => {
    const constants = { L: 1.7, Li: [0.3, 2.5, 4], n: 3, d: 2 };
    const lTilde = Math.sqrt((0.09 + 6.25 + 16) / 3);
    const lAM = (0.3 + 2.5 + 4) / 3;
    for (const alpha of [0.01, 0.3, 1]) {
      const c = { ...constants, lTilde, lAM, mu: -1, alpha, eta: 0.2 };
      expect(myEf21.parameters(c).gamma).toBeCloseTo(ef21StepSize(constants, alpha), 14);
      expect(myEf21AmSlip.parameters(c).gamma).toBeCloseTo(ef21AmStepSize(constants, alpha), 14);
      expect(myEf21Sgdm.parameters(c).gamma).toBeCloseTo(ef21SgdmStepSize(constants, alpha, 0.2), 14);
    }
  });

  it('EF21 with the L̃ rule holds at m = 1, as Theorem 1 claims, and the rule is tight: m* ≤ 1.011', async () => {
    const v = await checkMethod('examples/my-ef21.ts', { seed: 1 });
    expect(v.status).toBe('pass');
    expect(v.failure).toBeNull();
    expect(v.worstRatio).toBeLessThanOrEqual(1 + 1e-9);
    // The worst case sits on the boundary: Theorem 1's inequality is attained (m* just above 1).
    expect(v.worstRatio).toBeGreaterThan(1 - 1e-3);
    expect(v.criticalMultiplier).not.toBeNull();
    expect(v.criticalMultiplier as number).toBeLessThan(1.02);
    expect(v.atCritical?.ratio as number).toBeGreaterThan(1);
    expect(v.replay).toBe('npm run efcheck -- method examples/my-ef21.ts --seed 1');
  });

  it('EF21 with L_AM in the step and the unweighted Φ fails, shrunk to at most two nodes and two coordinates', async () => {
    const v = await checkMethod('examples/my-ef21-am-slip.ts', { seed: 1 });
    expect(v.status).toBe('fail');
    expect(v.failure?.kind).toBe('violation');
    const w = v.worst;
    expect(w).not.toBeNull();
    expect(w?.n).toBeLessThanOrEqual(2);
    expect(w?.d).toBeLessThanOrEqual(2);
    expect(w?.lhs as number).toBeGreaterThan(w?.rhs as number);
    expect(w?.ratio as number).toBeGreaterThan(1 + 1e-6);
    // L_AM < L̃ needs heterogeneous nodes: one node cannot violate.
    expect(w?.n).toBe(2);
  });

  it('EF21-SGDM with γ = min{α/(10L̃), η/(3L)} holds with its noise term, for every η searched, as Theorem 2 (derived form) claims', async () => {
    const v = await checkMethod('examples/my-ef21-sgdm.ts', { seed: 2, effort: 'quick' });
    expect(v.status).toBe('pass');
    expect(v.worstRatio).toBeLessThanOrEqual(1 + 1e-9);
    expect(v.searched).toContain('eta ∈ [0.01, 1]');
    expect(v.searched).toContain('σ searched');
  });
});

describe('checkMethod on broken modules', () => {
  it('a throw on a searched input is a FAIL naming the function and the input', async () => {
    const v = await checkMethod(fixture('throws-on-three-nodes'), { seed: 1, effort: 'quick' });
    expect(v.status).toBe('fail');
    expect(v.failure).toMatchObject({
      kind: 'throw',
      call: 'step',
      message: 'step threw Error: not implemented for three nodes',
    });
    expect(failedInstance<{ n: number }>(v).n).toBe(3);
  });

  it('a NaN on a searched input is a FAIL naming the function', async () => {
    const v = await checkMethod(fixture('nan-lyapunov'), { seed: 1, effort: 'quick' });
    expect(v.failure).toMatchObject({ kind: 'non-finite', call: 'lyapunov', message: 'lyapunov returned NaN' });
    expect(failedInstance<{ state: { x: number[] } }>(v).state.x[0]).toBeLessThan(-1);
  });

  it('a call that hangs on a searched input is ended after the time limit and reported with its input', async () => {
    const started = Date.now();
    const v = await checkMethod(fixture('hangs-sometimes'), { seed: 1, effort: 'quick', timeoutMs: 300 });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(v.status).toBe('fail');
    expect(v.failure?.kind).toBe('timeout');
    expect(v.failure?.call).toBe('step');
    expect(v.failure?.message).toMatch(/^step did not return within 300 ms \(n = \d, d = \d, γ = 1·gamma\)$/);
    expect(Math.abs(failedInstance<{ state: { x: number[] } }>(v).state.x[0])).toBeGreaterThan(1);
  });

  it.each([
    ['hangs-always', /hangs-always: lyapunov on a benign probe instance \(n = 2, d = 2\) did not finish within 300 ms/],
    [
      'throws-always',
      /throws-always: fails on a benign probe instance \(n = 2, d = 2\): parameters threw TypeError: c.lipschitz is undefined/,
    ],
    ['wrong-shape', /step returned g = undefined, expected an array of 2 vectors/],
    ['mutates-input', /step wrote into its input state's g\[0\]/],
    ['missing-step', /has no step function/],
    ['no-such-file', /no such file/],
  ])('%s cannot be checked at all: a one-line ModuleShapeError', async (name, message) => {
    const p = checkMethod(fixture(name), { seed: 1, effort: 'quick', timeoutMs: 300 });
    await expect(p).rejects.toBeInstanceOf(ModuleShapeError);
    await expect(p).rejects.toThrow(message);
  });

  it('--class must be one the module declares', async () => {
    await expect(checkMethod('examples/my-ef21.ts', { seed: 1, class: 'unbiased' })).rejects.toThrow(
      /declares class contractive only/,
    );
  });
});

describe('checkMethod on in-memory modules (the unbiased class)', () => {
  const theta = (a: number): number => a / (1 + Math.sqrt(1 - a));
  const xi = (a: number): number => Math.sqrt(((1 - a) * (1 + Math.sqrt(1 - a)) ** 2) / (a * a));
  /** EF21's rule at α = 1/(1 + ω): the contraction C/(1 + ω) of an unbiased C has that α. */
  const rule = (c: { L: number; lTilde: number; omega: number }): Params & { omega: number } => {
    const a = 1 / (1 + c.omega);
    return { gamma: 1 / (c.L + c.lTilde * xi(a)), theta: theta(a), omega: c.omega };
  };

  it('EF21 with the scaled unbiased compressor C/(1 + ω) holds in exact expectation over the two-point law', async () => {
    const scaled = {
      ...ef21,
      name: 'ef21-scaled-unbiased',
      class: 'unbiased',
      parameters: rule,
      step: (s: State, ctx: Context & { params: { omega: number } }) =>
        step(s, {
          ...ctx,
          compress: (i: number, v: Float64Array) => ctx.compress(i, v).map((t) => t / (1 + ctx.params.omega)),
        }),
    };
    const v = await checkMethod(scaled as never, { seed: 3, effort: 'quick' });
    expect(v.status).toBe('pass');
    expect(v.worstRatio).toBeLessThanOrEqual(1 + 1e-9);
    expect(v.worst?.outcomes).toBe(2 ** (v.worst?.n as number));
  });

  it('the same without the 1/(1 + ω) scaling fails: the variance ω‖u‖² exceeds (1 − α)‖u‖²', async () => {
    const v = await checkMethod({ ...ef21, name: 'ef21-raw-unbiased', class: 'unbiased', parameters: rule } as never, {
      seed: 3,
      effort: 'quick',
    });
    expect(v.status).toBe('fail');
    expect(v.failure?.kind).toBe('violation');
  });

  it('the same seed replays the same search bit for bit', async () => {
    const a = await checkMethod(ef21 as never, { seed: 5, effort: 'quick' });
    const b = await checkMethod(ef21 as never, { seed: 5, effort: 'quick' });
    expect(a.worstRatio).toBe(b.worstRatio);
    expect(a.criticalMultiplier).toBe(b.criticalMultiplier);
    expect(a.evaluations).toBe(b.evaluations);
  });
});
