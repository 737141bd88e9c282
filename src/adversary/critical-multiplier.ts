/**
 * The critical multiplier m*: the smallest step multiplier m ∈ [1, 16] (γ = m·γ_theory) at which the adversary
 * finds a violation, by bisection in log m. It measures a check's power: a check whose m* is 1.3 sees a step-size
 * constant 1.3× too large; one with m* = null (nothing found up to 16×) says the theory's step is conservative by
 * at least 16× on the searched class — or that the search is too weak, which the tight claims rule out where the
 * worst case is known.
 *
 * m* is an upper bound on the true critical multiplier of the searched class: the adversary found a violation at
 * m*, and none at the bracket's lower end (which a stronger search might still find).
 */
import { foldIn, type Key } from '../rng/key.ts';
import type { SearchSpace } from './types.ts';
import { worstCase, type SearchOptions, type WorstCase } from './worst-case.ts';

export const MULTIPLIER_RANGE = { lo: 1, hi: 16 } as const;

export interface CriticalMultiplier<C> {
  /** Smallest multiplier with a violation found; null when none up to the range's end. */
  readonly multiplier: number | null;
  /** Largest multiplier searched without finding one. */
  readonly below: number;
  /** The violation at `multiplier`, shrunk to the fewest nodes and coordinates. */
  readonly counterexample: WorstCase<C> | null;
  readonly evaluations: number;
}

export interface BisectionOptions extends SearchOptions {
  /** Bisection steps in log m after the end points (default 8: m* to within a factor 16^(1/256) ≈ 1.011). */
  readonly steps?: number;
  readonly lo?: number;
  readonly hi?: number;
}

/**
 * @example
 * criticalMultiplier(space, key(3), { restarts: 6, evaluations: 1500 }).multiplier; // e.g. 1.27, or null
 */
export function criticalMultiplier<C>(
  space: SearchSpace<C>,
  k: Key,
  o: BisectionOptions,
  warm: readonly C[] = [],
): CriticalMultiplier<C> {
  const lo0 = o.lo ?? MULTIPLIER_RANGE.lo;
  const hi0 = o.hi ?? MULTIPLIER_RANGE.hi;
  const find = { ...o, stopAtViolation: true, shrink: false };
  let spent = 0;
  const atHi = worstCase(space, hi0, foldIn(k, 0), find, warm);
  spent += atHi.evaluations;
  if (!atHi.violated) return { multiplier: null, below: hi0, counterexample: null, evaluations: spent };
  let lo = lo0;
  let hi = hi0;
  let witness = atHi.candidate;
  const steps = o.steps ?? 8;
  for (let s = 0; s < steps; s++) {
    const mid = Math.sqrt(lo * hi);
    // The witness at the larger multiplier is the natural warm start: violations move continuously with m.
    const w = worstCase(space, mid, foldIn(k, 1 + s), find, [witness, ...warm]);
    spent += w.evaluations;
    if (w.violated) {
      hi = mid;
      witness = w.candidate;
    } else lo = mid;
  }
  const shrunk = worstCase(space, hi, foldIn(k, 100), { ...o, restarts: 0, stopAtViolation: false }, [witness]);
  spent += shrunk.evaluations;
  return { multiplier: hi, below: lo, counterexample: shrunk.violated ? shrunk : null, evaluations: spent };
}
