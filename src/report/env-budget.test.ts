import { describe, expect, it } from 'vitest';
import { envBudget } from './env-budget.ts';

describe('envBudget', () => {
  it('reads EFCHECK_BUDGET, falls back when it is unset or empty, and refuses unknown values', () => {
    expect(envBudget('quick', { EFCHECK_BUDGET: 'deep' })).toBe('deep');
    expect(envBudget('default', {})).toBe('default');
    expect(envBudget('quick', { EFCHECK_BUDGET: '' })).toBe('quick');
    expect(() => envBudget('quick', { EFCHECK_BUDGET: 'huge' })).toThrow(
      /EFCHECK_BUDGET must be one of quick, default, deep, got 'huge'/,
    );
  });
});
