import { describe, expect, it } from 'vitest';
import { check, SETTING } from './batch-vs-epsilon.ts';

describe('EF21-SGD needs a batch growing like 1/ε²; EF21-SGDM reaches ε with batch 1 (Fatkhullin et al. 2023, Thm 1, reconstructed)', () => {
  it('the ε grid is geometric with ratio 1/√2, from 0.3', () => {
    expect(SETTING.epsilons[0]).toBe(0.3);
    for (let j = 1; j < SETTING.epsilons.length; j++) expect(SETTING.epsilons[j] / SETTING.epsilons[j - 1]).toBeCloseTo(Math.SQRT1_2, 14);
  });

  it('check() at the quick budget: the error exponent −1 (τ_ε ∝ ε^{-2}) holds at z = 6, the teeth reject −2 (τ_ε ∝ ε^{-1}), EF21-SGDM reaches every ε with batch 1', async () => {
    const result = await check(2, 'quick');
    expect(result.verdicts.map((v) => [v.expectation, v.status, v.violated])).toEqual([
      ['holds', 'pass', false],
      ['may-fail', 'pass', true],
    ]);
    const [table, byBatch, floor] = result.tables ?? [];
    expect(table.rows.every((r) => r[3] !== 'none on the grid')).toBe(true);
    expect(byBatch.rows.length).toBe(SETTING.batches.length);
    // The floor: cutting γ by 4 (γ/16 → γ/64) leaves the error at τ = 1 within a factor 2, where an error ∝ γ
    // (Gaussian noise) would drop 4×.
    const floorErrors = floor.rows.map((r) => Number(String(r[1]).split(' ')[0]));
    const n = floorErrors.length;
    expect(floorErrors[n - 2] / floorErrors[n - 1]).toBeLessThan(2);
    expect(floorErrors[0] / floorErrors[n - 1]).toBeGreaterThan(4); // the γ-proportional part is there at large γ
  });

  it('check() is deterministic in its seed', async () => {
    const a = await check(5, 'quick');
    const b = await check(5, 'quick');
    const c = await check(6, 'quick');
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(a)).not.toBe(JSON.stringify(c));
  });
});
