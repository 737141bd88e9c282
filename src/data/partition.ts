/**
 * Splitting a dataset across n nodes (docs/theory.md §3.9):
 * - 'contiguous': rows in file order, ⌊m/n⌋ per node and the remainder to the last node (EF21 authors' code);
 * - 'shuffled': the same after a seeded uniform permutation (homogeneous nodes);
 * - 'by-label': the same after a stable sort by label (heterogeneous nodes: each sees few classes).
 */
import type { Key } from '../rng/key.ts';
import { permutation } from '../rng/sample.ts';
import { selectRows, type Dataset } from './dataset.ts';

export type PartitionMode = 'contiguous' | 'shuffled' | 'by-label';

/** Row counts of the contiguous split: ⌊m/n⌋ each, the last node also takes the m mod n left over. */
export function partitionSizes(m: number, n: number): number[] {
  if (!(Number.isInteger(n) && n >= 1)) throw new RangeError(`partition: need an integer n ≥ 1, got n=${n}`);
  if (!(Number.isInteger(m) && m >= n))
    throw new RangeError(`partition: need at least one row per node, got m=${m} rows for n=${n} nodes`);
  const base = Math.floor(m / n);
  const sizes = new Array<number>(n).fill(base);
  sizes[n - 1] += m - base * n;
  return sizes;
}

/**
 * @example
 * partition(data, 3, { mode: 'contiguous' }).map((d) => d.m); // data.m = 10
 * // returns [3, 3, 4]
 */
export function partition(
  data: Dataset,
  n: number,
  options: { readonly mode?: PartitionMode; readonly key?: Key } = {},
): Dataset[] {
  const mode = options.mode ?? 'contiguous';
  const sizes = partitionSizes(data.m, n);
  let order: Int32Array;
  if (mode === 'contiguous') {
    order = Int32Array.from({ length: data.m }, (_, r) => r);
  } else if (mode === 'shuffled') {
    if (options.key === undefined) throw new RangeError("partition: mode 'shuffled' needs a key");
    order = permutation(options.key, data.m);
  } else if (mode === 'by-label') {
    // Array.prototype.sort is stable (ES2019), so equal labels keep file order.
    order = Int32Array.from(
      Array.from({ length: data.m }, (_, r) => r).sort((a, b) => data.labels[a] - data.labels[b]),
    );
  } else {
    throw new RangeError(`partition: unknown mode '${String(mode)}' (expected contiguous, shuffled or by-label)`);
  }
  const parts: Dataset[] = [];
  let start = 0;
  for (const size of sizes) {
    parts.push(selectRows(data, order.subarray(start, start + size)));
    start += size;
  }
  return parts;
}
