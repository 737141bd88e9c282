/**
 * EFCHECK_BUDGET selects the budget where no flag does (so that a deeper budget can be chosen without editing a command):
 * `EFCHECK_BUDGET=deep npm run report` for the reports, `EFCHECK_BUDGET=default npm test` to run the whole-registry
 * spec at the report's budget instead of quick. An unknown value is an error, never a silent fallback.
 */
import { BUDGETS, type Budget } from './claim.ts';

export const BUDGET_VARIABLE = 'EFCHECK_BUDGET';

/**
 * @example
 * envBudget('quick', { EFCHECK_BUDGET: 'deep' });
 * // returns 'deep'
 */
export function envBudget(fallback: Budget, env: Readonly<Record<string, string | undefined>> = process.env): Budget {
  const v = env[BUDGET_VARIABLE];
  if (v === undefined || v === '') return fallback;
  if (!(BUDGETS as readonly string[]).includes(v))
    throw new RangeError(`${BUDGET_VARIABLE} must be one of ${BUDGETS.join(', ')}, got '${v}'`);
  return v as Budget;
}
