import { describe, expect, it } from 'vitest';
import { badge, claimSource, compactJson, escapeCell, formatNumber, formula, markdownTable } from './markdown.ts';

describe('markdown helpers', () => {
  it('formats numbers to 4 significant digits, exponents outside [1e-3, 1e6), and non-finite values in words', () => {
    expect([formatNumber(0.000012346), formatNumber(1234.5678), formatNumber(2e7 + 0.5), formatNumber(42), formatNumber(-0.5)]).toEqual([
      '1.235e-5',
      '1235',
      '2e7',
      '42',
      '-0.5',
    ]);
    expect([formatNumber(Infinity), formatNumber(-Infinity), formatNumber(Number.NaN), formatNumber(null)]).toEqual(['∞', '−∞', 'NaN', '—']);
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
    expect(claimSource({ paper, theorem: 'Thm 1', provenance: 'D' })).toBe('Richtárik et al. (2021), derived form of Thm 1');
    expect(claimSource({ paper, theorem: 'Thm 1', provenance: 'R' })).toBe('Richtárik et al. (2021), reconstructed form of Thm 1');
  });

  it('keeps counterexample vectors on one line', () => {
    expect(compactJson({ p: [1, 2, 3], k: 2 })).toBe('{\n "p": [1, 2, 3],\n "k": 2\n}');
  });
});
