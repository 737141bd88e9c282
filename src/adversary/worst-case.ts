/**
 * The adversary's search: restarts from seeded candidates (and from warm starts a caller already found), each
 * climbed (climb.ts) towards the largest ratio 1 + (lhs − rhs)/scale, then — when the best candidate violates the
 * inequality — shrunk to the fewest nodes and coordinates that still violate, each smaller candidate re-climbed
 * before it is judged. Seeded and pure: the same key, options and warm starts give the same result bit for bit.
 */
import { foldIn, type Key } from '../rng/key.ts';
import { climb } from './climb.ts';
import { ratioOf, type InequalitySides, type SearchSpace } from './types.ts';

export interface SearchOptions {
  /** Independent starting candidates (warm starts are extra). */
  readonly restarts: number;
  /** Evaluations of the inequality per climb. */
  readonly evaluations: number;
  /** A ratio above 1 + violationTolerance is a violation (rounding stays below it). Default 1e-9. */
  readonly violationTolerance?: number;
  /** Stop at the first violating climb (bisection only needs existence). Default false. */
  readonly stopAtViolation?: boolean;
  /** Shrink a violating worst case to smaller n and d. Default true. */
  readonly shrink?: boolean;
}

export interface WorstCase<C> {
  readonly candidate: C;
  readonly ratio: number;
  readonly sides: InequalitySides;
  readonly multiplier: number;
  readonly violated: boolean;
  /** Evaluations spent by the whole search, shrinking included. */
  readonly evaluations: number;
  /** Shrinking steps taken (each removed a node or a coordinate). */
  readonly shrinks: number;
}

export const DEFAULT_VIOLATION_TOLERANCE = 1e-9;

/** Climbs one candidate at a multiplier. */
export function climbCandidate<C>(
  space: SearchSpace<C>,
  start: C,
  multiplier: number,
  k: Key,
  evaluations: number,
): { candidate: C; ratio: number; evaluations: number } {
  const f = (z: Float64Array): number => ratioOf(space.sides(space.decode(z, start), multiplier));
  const r = climb(f, space.encode(start), k, evaluations);
  return { candidate: space.decode(r.z, start), ratio: r.value, evaluations: r.evaluations };
}

/**
 * The worst candidate found at γ = multiplier·γ_theory.
 * @example
 * worstCase(space, 1, key(7), { restarts: 8, evaluations: 2000 }).ratio; // ≤ 1 + 1e-9 when the claim holds
 */
export function worstCase<C>(
  space: SearchSpace<C>,
  multiplier: number,
  k: Key,
  o: SearchOptions,
  warm: readonly C[] = [],
): WorstCase<C> {
  const tol = o.violationTolerance ?? DEFAULT_VIOLATION_TOLERANCE;
  const starts: C[] = [...warm];
  for (let r = 0; r < o.restarts; r++) starts.push(space.sample(foldIn(foldIn(k, 0), r)));
  let best: { candidate: C; ratio: number } | undefined;
  let spent = 0;
  for (let r = 0; r < starts.length; r++) {
    const c = climbCandidate(space, starts[r], multiplier, foldIn(foldIn(k, 1), r), o.evaluations);
    spent += c.evaluations;
    if (best === undefined || c.ratio > best.ratio || Number.isNaN(best.ratio)) best = c;
    if (o.stopAtViolation === true && best.ratio > 1 + tol) break;
  }
  if (best === undefined) throw new RangeError('worstCase: need at least one restart or warm start');
  let shrinks = 0;
  if (o.shrink !== false && space.shrink !== undefined && best.ratio > 1 + tol) {
    // Greedy: take the first smaller candidate that still violates after a re-climb, until none does.
    let progress = true;
    while (progress) {
      progress = false;
      const smaller = space.shrink(best.candidate);
      for (let s = 0; s < smaller.length; s++) {
        const c = climbCandidate(
          space,
          smaller[s],
          multiplier,
          foldIn(foldIn(k, 2 + shrinks), s),
          Math.ceil(o.evaluations / 2),
        );
        spent += c.evaluations;
        if (c.ratio > 1 + tol) {
          best = c;
          shrinks++;
          progress = true;
          break;
        }
      }
    }
  }
  const sides = space.sides(best.candidate, multiplier);
  return {
    candidate: best.candidate,
    ratio: ratioOf(sides),
    sides,
    multiplier,
    violated: ratioOf(sides) > 1 + tol,
    evaluations: spent,
    shrinks,
  };
}
