/**
 * Budgets per effort level. Default is sized to finish in well under 30 s for a typical compressor on one core;
 * quick is for specs that loop over many seeds; thorough for a release check.
 */
import type { Budget, Effort } from './types.ts';

const BUDGETS: Readonly<Record<Effort, Budget>> = {
  quick: {
    runs: 60,
    samples: 64,
    maxSamples: 2048,
    climbStarts: 2,
    climbSteps: 80,
    worstCaseDims: [1, 2, 3, 4, 5, 8, 16, 100, 1000],
    maxDim: 1000,
  },
  default: {
    runs: 400,
    samples: 128,
    maxSamples: 8192,
    climbStarts: 6,
    climbSteps: 400,
    worstCaseDims: [1, 2, 3, 4, 5, 7, 8, 16, 64, 100, 257, 600, 1000],
    maxDim: 1000,
  },
  thorough: {
    runs: 1000,
    samples: 256,
    maxSamples: 32768,
    climbStarts: 8,
    climbSteps: 1000,
    worstCaseDims: [1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 16, 25, 64, 100, 257, 600, 1000, 2048],
    maxDim: 2048,
  },
};

/** The budget of an effort level. */
export function budgetFor(effort: Effort): Budget {
  const b = BUDGETS[effort];
  if (b === undefined) throw new RangeError(`effort: need quick, default or thorough, got ${String(effort)}`);
  return b;
}

export function isEffort(s: string): s is Effort {
  return s === 'quick' || s === 'default' || s === 'thorough';
}
