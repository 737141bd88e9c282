import { describe, expect, it } from 'vitest';
import { logLogFit, zLevelInterval } from '../stats/log-log-fit.ts';
import { fromJson, toJson } from './json.ts';
import {
  deterministicVerdict,
  identityVerdict,
  lowerInExpectationVerdict,
  rateVerdict,
  summarizeVerdicts,
  upperInExpectationVerdict,
  verdictOverTrials,
  type VerdictContext,
} from './verdict.ts';

const ctx: VerdictContext = { id: 'some-claim', check: 'c', claim: 'a ≤ b', seed: 3, budget: 'quick', provenance: 'D' };

describe('verdict rules', () => {
  it('deterministic: passes within rtol·scale + floor and fails just beyond it', () => {
    expect(deterministicVerdict(ctx, { lhs: 1 + 1e-13, rhs: 1, scale: 2 }).status).toBe('pass');
    const v = deterministicVerdict(ctx, { lhs: 1 + 1e-11, rhs: 1, scale: 2 });
    expect([v.status, v.violated]).toEqual(['fail', true]);
    expect(v.slack).toBe(1 - (1 + 1e-11));
    expect(v.tolerance).toBe(1e-12 * 2 + 1e-300);
    expect(v.replay).toBe('npm run report -- --only some-claim --seed 3 --budget quick');
  });

  it('a may-fail companion passes exactly when the claim is violated', () => {
    expect(deterministicVerdict({ ...ctx, expectation: 'may-fail' }, { lhs: 2, rhs: 1, scale: 3 }).status).toBe('pass');
    expect(deterministicVerdict({ ...ctx, expectation: 'may-fail' }, { lhs: 1, rhs: 2, scale: 3 }).status).toBe('fail');
  });

  it('non-finite sides are inconclusive, never pass', () => {
    expect(deterministicVerdict(ctx, { lhs: Number.NaN, rhs: 1, scale: 1 }).status).toBe('inconclusive');
    expect(identityVerdict(ctx, { lhs: Infinity, rhs: Infinity, scale: Infinity }).status).toBe('inconclusive');
  });

  it('identity: fails on a relative gap of 1e-10 at scale 1', () => {
    expect(identityVerdict(ctx, { lhs: 1, rhs: 1 + 1e-13, scale: 2 }).status).toBe('pass');
    expect(identityVerdict(ctx, { lhs: 1, rhs: 1 + 1e-10, scale: 2 }).status).toBe('fail');
  });

  it('upper bound in expectation: refuted only when mean − 6·se exceeds the bound', () => {
    const stats = { mean: 1.5, se: 0.1, n: 1000 };
    expect(upperInExpectationVerdict(ctx, { stats, bound: 0.95 }).status).toBe('pass'); // 1.5 − 0.6 = 0.9 ≤ 0.95
    const v = upperInExpectationVerdict(ctx, { stats, bound: 0.85 });
    expect([v.status, v.samples, v.z, v.se, v.tolerance]).toEqual(['fail', 1000, 6, 0.1, 0.6000000000000001]);
  });

  it('lower bound in expectation: refuted only when mean + 6·se falls below the bound', () => {
    const stats = { mean: 1, se: 0.1, n: 50 };
    expect(lowerInExpectationVerdict(ctx, { stats, bound: 1.55 }).status).toBe('pass');
    expect(lowerInExpectationVerdict(ctx, { stats, bound: 1.65 }).status).toBe('fail');
    expect(lowerInExpectationVerdict(ctx, { stats, bound: 1.65, z: 7 }).status).toBe('pass');
  });

  it('rate: decides with the z = 6-level interval, and carries the 95% one', () => {
    // 24 points of 3/x with a ±5% wobble: 22 dof, a z = 6-level half-width of about 0.03.
    const xs = Array.from({ length: 24 }, (_, i) => 2 ** (i / 2));
    const fit = logLogFit(
      xs,
      xs.map((x, i) => (3 / x) * (1 + 0.05 * Math.sin(3 * i))),
    );
    const wide = zLevelInterval(fit);
    const inside = rateVerdict(ctx, fit, wide.hi - 0.01 * (wide.hi - fit.slope));
    const outside = rateVerdict(ctx, fit, wide.hi + 0.01 * (wide.hi - fit.slope));
    expect([inside.status, outside.status]).toEqual(['pass', 'fail']);
    // Outside the 95% interval but inside the z = 6 one: not a refutation.
    expect(rateVerdict(ctx, fit, fit.slopeHi + 0.01).status).toBe('pass');
    expect([inside.details.slopeLo, inside.details.slopeLo95, inside.details.dof]).toEqual([wide.lo, fit.slopeLo, 22]);
    expect(inside.z).toBe(6);
    expect(inside.confidence).toBe(wide.confidence);
    expect(inside.tolerance).toBeCloseTo(wide.tCritical * fit.slopeSe, 12);
  });

  it('rate: a fit too short for a z = 6-level interval is inconclusive, never a pass (t₃ ≈ 1038)', () => {
    const fit = logLogFit([1, 2, 4, 8, 16], [3, 1.6, 0.7, 0.4, 0.2]);
    const v = rateVerdict(ctx, fit, 1); // slope ≈ −0.98 against +1: only an interval of ±18 would hold both
    expect(v.status).toBe('inconclusive');
    expect(rateVerdict({ ...ctx, expectation: 'may-fail' }, fit, 1).status).toBe('inconclusive');
  });

  it('rate: an exact power law (se = 0) is judged up to rounding, and a stated margin widens the interval by itself', () => {
    const exact = logLogFit([1, 2, 4, 8], [8, 4, 2, 1]);
    expect(exact.slopeSe).toBeLessThan(1e-15); // rounding of the logs only
    expect(rateVerdict(ctx, exact, -1 + 1e-14).status).toBe('pass');
    expect(rateVerdict(ctx, exact, -1.001).status).toBe('fail');
    const m = rateVerdict(ctx, exact, -1.001, { margin: 0.01 });
    expect([m.status, m.details.margin]).toEqual(['pass', 0.01]);
    expect(rateVerdict(ctx, exact, -1.02, { margin: 0.01 }).status).toBe('fail');
  });

  it('expectation verdicts with few degrees of freedom use the Student-t multiplier of z and record it', () => {
    const stats = { mean: 1, se: 0.1, n: 4 };
    // mean − 6·se = 0.4 > 0 would refute E[X] ≤ 0 at z; t₃ ≈ 1038 does not.
    expect(upperInExpectationVerdict(ctx, { stats, bound: 0 }).status).toBe('fail');
    const t = upperInExpectationVerdict(ctx, { stats, bound: 0, dof: 3 });
    expect([t.status, t.z, t.details.dof]).toEqual(['pass', 6, 3]);
    expect(t.tolerance).toBeCloseTo(t.details.tCritical * 0.1, 10);
    expect(t.details.tCritical).toBeGreaterThan(1000);
    expect(lowerInExpectationVerdict(ctx, { stats: { mean: -1, se: 0.1, n: 4 }, bound: 0, dof: 3 }).status).toBe(
      'pass',
    );
  });

  it('over many trials: reports the worst one, counts violations and keeps its counterexample', () => {
    const v = verdictOverTrials(ctx, 'deterministic', [
      { lhs: 1, rhs: 2, scale: 3, instance: { t: 0 } },
      { lhs: 5, rhs: 4, scale: 9, instance: { t: 1 } },
      { lhs: 1, rhs: 1.5, scale: 2.5, instance: { t: 2 } },
    ]);
    expect([v.status, v.lhs, v.rhs, v.samples, v.details.violations]).toEqual(['fail', 5, 4, 3, 1]);
    expect(v.counterexample).toEqual({ t: 1 });
    const ok = verdictOverTrials(ctx, 'deterministic', [{ lhs: 1, rhs: 2, scale: 3, instance: { t: 0 } }]);
    expect(ok.counterexample).toBeUndefined();
  });

  it('summarises: ok iff nothing failed', () => {
    const pass = deterministicVerdict(ctx, { lhs: 0, rhs: 1, scale: 1 });
    const fail = deterministicVerdict(ctx, { lhs: 2, rhs: 1, scale: 1 });
    expect(summarizeVerdicts([pass, pass]).ok).toBe(true);
    expect(summarizeVerdicts([pass, fail])).toEqual({
      total: 2,
      pass: 1,
      fail: 1,
      inconclusive: 0,
      observed: 0,
      ok: false,
    });
  });

  it('survives a JSON round trip, non-finite numbers included', () => {
    const v = deterministicVerdict(ctx, { lhs: Infinity, rhs: 1, scale: Infinity });
    const back = fromJson<typeof v>(toJson(v));
    expect(back).toEqual(v);
    expect(back.lhs).toBe(Infinity);
  });
});
