/**
 * A shard i/N of a report run: the claims at positions i − 1, i − 1 + N, i − 1 + 2N, … of the selection (registry
 * order, after --only). Round-robin rather than contiguous blocks, because the registry keeps related claims
 * together and the slow ones (the MNIST experiments) at its end. Shards are 1-based, like Slurm's
 * `--array=1-N` task ids (docs/scale.md).
 */

export interface Shard {
  /** 1 ≤ index ≤ count. */
  readonly index: number;
  readonly count: number;
}

/**
 * Reads `i/N`; throws RangeError with a one-line reason.
 * @example
 * parseShard('2/3'); // returns { index: 2, count: 3 }
 */
export function parseShard(text: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (m === null) throw new RangeError(`a shard is i/N with 1 ≤ i ≤ N, e.g. 1/4, got '${text}'`);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (!Number.isSafeInteger(count) || count < 1)
    throw new RangeError(`the shard count N must be at least 1, got '${text}'`);
  if (!Number.isSafeInteger(index) || index < 1 || index > count)
    throw new RangeError(`the shard index i must be between 1 and N = ${count}, got '${text}'`);
  return { index, count };
}

/**
 * The share of shard i/N, in selection order. Depends only on the selection and the shard, so every process
 * computes the same split.
 * @example
 * shareOf(['a', 'b', 'c', 'd', 'e'], { index: 2, count: 2 }); // returns ['b', 'd']
 */
export function shareOf<T>(selection: readonly T[], shard: Shard): T[] {
  return selection.filter((_, k) => k % shard.count === shard.index - 1);
}

export function shardLabel(shard: Shard): string {
  return `${shard.index}/${shard.count}`;
}
