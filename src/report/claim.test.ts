import { describe, expect, it } from 'vitest';
import { powerStatement, powerText, type PowerRow } from './claim.ts';
import type { SlopeFit } from '../stats/log-log-fit.ts';
import { deterministicVerdict, rateVerdict, upperInExpectationVerdict } from './verdict.ts';

const ctx = { id: 'x', check: 'c', claim: 'a ≤ b', seed: 1, budget: 'quick' as const, provenance: 'D' as const };
const row = (m: number | null): PowerRow => ({
  check: 'EF21',
  searched: 'quadratics',
  worstRatio: 1 - 1e-9,
  criticalMultiplier: m,
  below: m === null ? 16 : 1,
  counterexampleSize: null,
  evaluations: 10,
});
const exact = deterministicVerdict(ctx, { lhs: 1, rhs: 2, scale: 3 });
const teeth = deterministicVerdict(
  { ...ctx, check: 'teeth: γ = 8·γ_max', expectation: 'may-fail' },
  { lhs: 3, rhs: 2, scale: 5 },
);
const slopeFit = (slopeSe: number): SlopeFit => ({
  n: 42,
  slope: -1,
  intercept: 0,
  slopeSe,
  slopeLo: -1 - 2 * slopeSe,
  slopeHi: -1 + 2 * slopeSe,
  confidence: 0.95,
  tCritical: 2.02,
  dof: 40,
  residualSd: 0.1,
  meanLogX: 0,
  sxx: 1,
  r2: 0.99,
});

describe('the power a claim states (powerStatement)', () => {
  it('an exact check alone states none: its tolerance is context, not power', () => {
    const s = powerStatement({ verdicts: [exact] });
    expect(s.detects).toEqual([]);
    expect(powerText(s)).toMatch(/^none stated \(1 exact check to a rounding tolerance of 1e-12 of the summands\)$/);
  });

  it('names the teeth that fired and m*, largest over the searches; a search that found nothing up to 16× is context', () => {
    const s = powerStatement({ verdicts: [exact, teeth], power: [row(1.0109), row(1.28)] });
    expect(s.detects).toEqual([
      'adversary: a step-size constant more than m* = 1.28 times too large is caught (largest m* of 2 searches)',
      'teeth fire: γ = 8·γ_max',
    ]);
    expect(powerStatement({ verdicts: [exact], power: [row(null)] }).detects).toEqual([]);
    // A teeth companion that found no violation fired nothing.
    expect(
      powerStatement({
        verdicts: [
          deterministicVerdict({ ...ctx, check: 'teeth: x', expectation: 'may-fail' }, { lhs: 1, rhs: 2, scale: 3 }),
        ],
      }).detects,
    ).toEqual([]);
  });

  it('a Monte Carlo check has power when it can see a violation smaller than its bound', () => {
    const mc = (se: number) => upperInExpectationVerdict(ctx, { stats: { mean: 1, se, n: 200 }, bound: 10 });
    expect(powerStatement({ verdicts: [mc(0.1)] }).detects).toEqual([
      'Monte Carlo at z = 6 (1 check, ≥ 200 samples each): the smallest detectable violation t·se is at most 6% of its bound',
    ]);
    // t·se = 12 > the bound 10: no plausible violation could be seen.
    expect(powerStatement({ verdicts: [mc(2)] }).detects).toEqual([]);
  });

  it('a rate check has power when its z = 6 half-width is under the ±0.5 of a wrong exponent', () => {
    expect(powerStatement({ verdicts: [rateVerdict(ctx, slopeFit(0.02), -1)] }).detects[0]).toMatch(
      /^fitted exponent to ±0\.1\d* at z = 6 \(widest of 1\), so exponents ±0\.5 away are rejected$/,
    );
    expect(powerStatement({ verdicts: [rateVerdict(ctx, slopeFit(0.1), -1)] }).detects).toEqual([]);
  });
});
