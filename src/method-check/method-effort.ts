/**
 * Search sizes per effort level, the adversary's own (restarts × evaluations per climb; the critical multiplier
 * bisects 8 times in log m). Default is sized for a typical method to finish in well under 30 s on one core.
 */
import type { SearchOptions } from '../adversary/worst-case.ts';

export const METHOD_EFFORTS = ['quick', 'default', 'deep'] as const;
export type MethodEffort = (typeof METHOD_EFFORTS)[number];

const SIZES: Readonly<Record<MethodEffort, SearchOptions>> = {
  quick: { restarts: 4, evaluations: 600 },
  default: { restarts: 10, evaluations: 1500 },
  deep: { restarts: 40, evaluations: 4000 },
};

export function isMethodEffort(s: string): s is MethodEffort {
  return (METHOD_EFFORTS as readonly string[]).includes(s);
}

/** The search sizes of an effort level. */
export function methodSearchSizes(effort: MethodEffort): SearchOptions {
  return SIZES[effort];
}
