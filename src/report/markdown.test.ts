import { describe, expect, it } from 'vitest';
import {
  badge,
  claimSource,
  compactJson,
  escapeCell,
  formatNumber,
  formula,
  indexTable,
  markdownTable,
  slackCell,
  verdictTable,
} from './markdown.ts';
import { contractCheckVerdict, deterministicVerdict, type Verdict } from './verdict.ts';

describe('markdown helpers', () => {
  it('formats numbers to 4 significant digits, exponents outside [1e-3, 1e6), and non-finite values in words', () => {
    expect([
      formatNumber(0.000012346),
      formatNumber(1234.5678),
      formatNumber(2e7 + 0.5),
      formatNumber(42),
      formatNumber(-0.5),
    ]).toEqual(['1.235e-5', '1235', '2e7', '42', '-0.5']);
    expect([formatNumber(Infinity), formatNumber(-Infinity), formatNumber(Number.NaN), formatNumber(null)]).toEqual([
      '∞',
      '−∞',
      'NaN',
      '—',
    ]);
  });

  it('escapes table-breaking characters in plain text and in formulas', () => {
    expect(escapeCell('a | b_c *d* <x>\nnext')).toBe('a \\| b\\_c \\*d\\* &lt;x&gt;<br>next');
    expect(formula('min_{|S|=k} `x`')).toBe("`min_{\\|S\\|=k} 'x'`");
    const t = markdownTable(['a', 'b'], [[escapeCell('x|y'), '1']]);
    expect(t.split('\n').map((l) => l.split(/(?<!\\)\|/).length)).toEqual([4, 4, 4]);
  });

  it('phrases badges for claims and for teeth companions', () => {
    expect(badge({ status: 'pass', expectation: 'holds' })).toBe('✅ pass');
    expect(badge({ status: 'fail', expectation: 'holds' })).toBe('❌ **FAIL**');
    expect(badge({ status: 'pass', expectation: 'may-fail' })).toBe('✅ violation found (teeth)');
    expect(badge({ status: 'inconclusive', expectation: 'holds' })).toBe('⚠️ inconclusive');
  });

  it('never presents a derived form as the paper’s own', () => {
    const paper = { authors: 'Richtárik et al.', year: 2021 };
    expect(claimSource({ paper, theorem: 'Thm 1', provenance: 'P' })).toBe('Richtárik et al. (2021), Thm 1');
    expect(claimSource({ paper, theorem: 'Thm 1', provenance: 'D' })).toBe(
      'Richtárik et al. (2021), derived form of Thm 1',
    );
    expect(claimSource({ paper, theorem: 'Thm 1', provenance: 'R' })).toBe(
      'Richtárik et al. (2021), reconstructed form of Thm 1',
    );
  });

  it('keeps counterexample vectors on one line', () => {
    expect(compactJson({ p: [1, 2, 3], k: 2 })).toBe('{\n "p": [1, 2, 3],\n "k": 2\n}');
  });
});

describe('verdict tables', () => {
  const ctx = { id: 'x', check: 'c', claim: 'a ≤ b', seed: 1, budget: 'quick' as const, provenance: 'D' as const };

  it('shows the tolerance beside a negative slack, in the claim table and in the index', () => {
    const v = deterministicVerdict(ctx, { lhs: 1e-3 + 3e-17, rhs: 1e-3, scale: 2 }, { rtol: 5e-10 });
    expect(v.status).toBe('pass');
    expect(slackCell(v)).toBe(`${formatNumber(v.slack)} (tol 1e-9)`);
    expect(verdictTable([v])).toContain(`| ${formatNumber(v.slack)} (tol 1e-9) |`);
    const meta = {
      id: 'x',
      title: 'X',
      group: 'ef21-family' as const,
      paper: { authors: 'A', year: 2021 },
      theorem: 'Thm 1',
      provenance: 'D' as const,
      kind: 'deterministic' as const,
      statement: 's',
      file: 'f',
    };
    expect(indexTable([{ meta, result: { verdicts: [v] } }], (g) => `${g}.md`)).toContain('(tol 1e-9)');
    // A positive slack needs no tolerance to read as a pass.
    expect(slackCell(deterministicVerdict(ctx, { lhs: 0, rhs: 1, scale: 1 }))).toBe('1');
  });

  it('fills z and se on contract-check rows: z = 6 and se for a sampled worst ratio, "exact" and 0 for a computed one', () => {
    const sampled = contractCheckVerdict(ctx, {
      violated: false,
      ratio: 0.5,
      bound: 0.75,
      halfWidth: 0.06,
      samples: 4000,
    });
    const exact = contractCheckVerdict(ctx, {
      violated: false,
      ratio: 0.75,
      bound: 0.75,
      halfWidth: 0,
      samples: 2400,
      exact: true,
    });
    const row = (v: Verdict): string[] => verdictTable([v]).split('\n')[2].split(' | ');
    expect(row(sampled).slice(-2)).toEqual(['z = 6', '0.01 |']);
    expect(row(exact).slice(-2)).toEqual(['exact', '0 |']);
  });

  it('marks a pass the recorded tolerance does not explain, and names the rule that decided it', () => {
    const v = contractCheckVerdict(ctx, {
      violated: false,
      ratio: 0.75 + 3e-16,
      bound: 0.75,
      halfWidth: 0,
      samples: 2400,
    });
    expect(v.status).toBe('pass');
    const t = verdictTable([v]);
    expect(t).toContain('(tol 0) †');
    expect(t).toContain("† passed under the rule's own allowance (decided by the compressor contract checker");
    // With the checker's allowance passed through, the row explains itself.
    const w = contractCheckVerdict(ctx, {
      violated: false,
      ratio: 0.75 + 3e-16,
      bound: 0.75,
      halfWidth: 0,
      samples: 2400,
      exact: true,
      tolerance: 1e-13,
    });
    expect(verdictTable([w])).not.toContain('†');
  });
});
