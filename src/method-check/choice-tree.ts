/**
 * Exact expectations over a computation's random draws, by enumerating every outcome: the computation asks
 * choose(p) for each draw (p a finite law: probabilities summing to 1) and the enumerator runs it once per path of
 * the tree of draws, depth first. A path's probability is the product of its choices' probabilities, so
 * Σ_paths p_path·value(path) is the exact expectation — no Monte Carlo. A user's step may draw any number of times
 * (two compressions per node, one sample per node, …); the tree discovers the draws as they happen.
 */

/** One outcome: the value the computation returned on it, with its probability. */
export interface Outcome<T> {
  readonly p: number;
  readonly path: readonly number[];
  readonly value: T;
}

/** The tree of draws has more leaves than `maxOutcomes`: no longer an exact sum the checker can afford. */
export class TooManyOutcomesError extends Error {
  override readonly name = 'TooManyOutcomesError';
}

/**
 * Every outcome of `run`, each path in depth-first order (choice 0 first).
 * @example
 * enumerateOutcomes((choose) => choose([0.5, 0.5]) + choose([0.25, 0.75])).map((o) => [o.value, o.p]);
 * // returns [[0, 0.125], [1, 0.375], [1, 0.125], [2, 0.375]]
 */
export function enumerateOutcomes<T>(
  run: (choose: (p: readonly number[]) => number) => T,
  maxOutcomes = 512,
): Outcome<T>[] {
  const out: Outcome<T>[] = [];
  const pending: number[][] = [[]];
  while (pending.length > 0) {
    const prefix = pending.pop() as number[];
    const path: number[] = [];
    const branches: number[] = [];
    let p = 1;
    const value = run((law) => {
      const depth = path.length;
      // A choice beyond the prefix takes branch 0; its siblings are queued once the run ends.
      const c = depth < prefix.length ? prefix[depth] : 0;
      if (!(c < law.length))
        throw new RangeError(
          `enumerateOutcomes: draw ${depth} has ${law.length} outcomes on this path, fewer than on another (a step must draw the same way for the same earlier outcomes)`,
        );
      path.push(c);
      branches.push(law.length);
      p *= law[c];
      return c;
    });
    out.push({ p, path, value });
    if (out.length + pending.length > maxOutcomes)
      throw new TooManyOutcomesError(
        `more than ${maxOutcomes} joint outcomes of the compressor and noise draws in one step`,
      );
    // Deepest siblings pushed last and each depth's in decreasing order: the stack pops paths lexicographically.
    for (let depth = prefix.length; depth < path.length; depth++) {
      for (let c = branches[depth] - 1; c >= 1; c--) pending.push([...path.slice(0, depth), c]);
    }
  }
  return out;
}
