import { describe, expect, it } from 'vitest';
import { badge, claimBadge, indexPowerTable, powerTable } from './markdown.ts';
import type { PowerRow } from './claim.ts';
import { asObserved, deterministicVerdict, summarizeVerdicts } from './verdict.ts';

const ctx = { id: 'x', check: 'c', claim: 'a ≤ b', seed: 1, budget: 'quick' as const, provenance: 'D' as const };
const row = (m: number | null): PowerRow => ({
  check: 'EF21, adversarial C',
  searched: 'quadratics',
  worstRatio: 1 - 3e-10,
  criticalMultiplier: m,
  below: m === null ? 16 : 1.2,
  counterexampleSize: m === null ? null : { n: 2, d: 2 },
  evaluations: 1000,
});

describe('power rows and observed verdicts in the report', () => {
  it('prints the worst ratio as its excess over 1 (1 − 3e-10 never reads as "1") and m* as a bracket', () => {
    const t = powerTable([row(1.27)]);
    expect(t).toContain('-3.00e-10');
    expect(t).toContain('(1.2, 1.27]');
    expect(t).toContain('n = 2, d = 2');
  });

  it('says the step is conservative by ≥ 16× where nothing violates up to 16×', () => {
    const t = powerTable([row(null)]);
    expect(t).toContain('none up to 16×');
    expect(t).toContain('conservative by at least 16×');
  });

  it('lists the index power rows and the inequality claims that have no adversary', () => {
    const meta = {
      id: 'a',
      title: 'A',
      group: 'ef21-family' as const,
      paper: { authors: 'X', year: 2021 },
      theorem: 'Thm 1',
      provenance: 'D' as const,
      kind: 'deterministic' as const,
      statement: 's',
      file: 'f',
    };
    const t = indexPowerTable(
      [
        { meta, result: { verdicts: [], power: [row(2)] } },
        { meta: { ...meta, id: 'b' }, result: { verdicts: [] } },
      ],
      (g) => `${g}.md`,
    );
    expect(t).toContain('[a](ef21-family.md#a)');
    expect(t).toMatch(/without an adversary — .*: b\./);
  });

  it('an observed verdict is neither a pass nor a failure, and a claim with only observations says so', () => {
    const failing = deterministicVerdict(ctx, { lhs: 2, rhs: 1, scale: 1 });
    const o = asObserved(failing, 'no power');
    expect(o.status).toBe('observed');
    expect(o.counterexample).toBeUndefined();
    expect(badge(o)).toContain('observed');
    const s = summarizeVerdicts([o, deterministicVerdict(ctx, { lhs: 0, rhs: 1, scale: 1 })]);
    expect([s.pass, s.fail, s.observed, s.ok]).toEqual([1, 0, 1, true]);
    expect(claimBadge([o])).toBe('👁 observed (1 observed)');
    expect(claimBadge([o, deterministicVerdict(ctx, { lhs: 0, rhs: 1, scale: 1 })])).toBe(
      '✅ pass (1/1 hold, 1 observed)',
    );
  });
});
