import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { key } from '../rng/key.ts';
import { fromDenseRows } from './dataset.ts';
import { partition, partitionSizes } from './partition.ts';

/** m rows whose single feature is the row number + 1, so rows can be traced after a split. */
function traceable(m: number, labels?: number[]) {
  return fromDenseRows(
    Array.from({ length: m }, (_, r) => [r + 1]),
    labels ?? Array.from({ length: m }, (_, r) => (r % 3 === 0 ? 1 : -1)),
  );
}

describe('partition', () => {
  test('contiguous: ⌊m/n⌋ rows per node in file order, the remainder on the last node', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }).chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: n, max: 60 }))),
        ([n, m]) => {
          const parts = partition(traceable(m), n, { mode: 'contiguous' });
          const sizes = parts.map((p) => p.m);
          expect(sizes).toEqual(partitionSizes(m, n));
          for (let i = 0; i < n - 1; i++) expect(sizes[i]).toBe(Math.floor(m / n));
          expect(sizes[n - 1]).toBe(m - (n - 1) * Math.floor(m / n));
          expect(parts.flatMap((p) => Array.from(p.values))).toEqual(Array.from({ length: m }, (_, r) => r + 1));
        },
      ),
    );
    expect(partitionSizes(10, 3)).toEqual([3, 3, 4]);
    expect(partitionSizes(10, 4)).toEqual([2, 2, 2, 4]);
  });

  test('shuffled: the same sizes, every row exactly once, reproducible from the key', () => {
    const data = traceable(23);
    const a = partition(data, 4, { mode: 'shuffled', key: key(5) });
    const b = partition(data, 4, { mode: 'shuffled', key: key(5) });
    const c = partition(data, 4, { mode: 'shuffled', key: key(6) });
    const rows = (ps: typeof a) => ps.flatMap((p) => Array.from(p.values));
    expect(a.map((p) => p.m)).toEqual([5, 5, 5, 8]);
    expect(rows(a).sort((x, y) => x - y)).toEqual(Array.from({ length: 23 }, (_, r) => r + 1));
    expect(rows(a)).toEqual(rows(b));
    expect(rows(a)).not.toEqual(rows(c));
    // Labels travel with their rows.
    for (const p of a) for (let k = 0; k < p.m; k++) expect(p.labels[k]).toBe((p.values[k] - 1) % 3 === 0 ? 1 : -1);
    expect(() => partition(data, 4, { mode: 'shuffled' })).toThrow(/needs a key/);
  });

  test('by-label: nodes see sorted labels, stable within a label', () => {
    const labels = [2, 0, 1, 0, 2, 1, 0];
    const data = fromDenseRows(
      Array.from({ length: 7 }, (_, r) => [r + 1]),
      labels,
      { task: 'multiclass', classes: 3, classLabels: [0, 1, 2] },
    );
    const parts = partition(data, 3, { mode: 'by-label' });
    expect(parts.map((p) => Array.from(p.labels))).toEqual([
      [0, 0],
      [0, 1],
      [1, 2, 2],
    ]);
    expect(parts.map((p) => Array.from(p.values))).toEqual([
      [2, 4],
      [7, 3],
      [6, 1, 5],
    ]);
  });

  test('refuses fewer rows than nodes and unknown modes', () => {
    expect(() => partition(traceable(3), 4)).toThrow(
      'partition: need at least one row per node, got m=3 rows for n=4 nodes',
    );
    expect(() => partition(traceable(3), 0)).toThrow(RangeError);
    expect(() => partition(traceable(3), 2, { mode: 'random' as 'shuffled' })).toThrow(/unknown mode/);
  });
});
