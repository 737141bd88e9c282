import { describe, expect, test } from 'vitest';
import { readLibsvm } from './libsvm.ts';
import { classCounts, scaleFeatures, timesVector, transposeTimesVector } from './dataset.ts';

describe('readLibsvm', () => {
  test('reads sparse rows with 1-based indices, comments and blank lines', () => {
    const d = readLibsvm('# header\n+1 1:0.5 3:2\n\n-1 2:1e-1 4:-3 # trailing\n+1 3:0\n');
    expect(d.m).toBe(3);
    expect(d.dim).toBe(4);
    expect(Array.from(d.rowPtr)).toEqual([0, 2, 4, 4]);
    expect(Array.from(d.colIdx)).toEqual([0, 2, 1, 3]);
    expect(Array.from(d.values)).toEqual([0.5, 2, 0.1, -3]);
    expect(Array.from(d.labels)).toEqual([1, -1, 1]);
    expect(d.task).toBe('binary');
    expect(d.classLabels).toEqual([-1, 1]);
  });

  test('maps any two labels to ±1, larger to +1 ({1,2} as in mushrooms, {0,1})', () => {
    expect(Array.from(readLibsvm('2 1:1\n1 1:1\n2 2:1\n').labels)).toEqual([1, -1, 1]);
    expect(Array.from(readLibsvm('0 1:1\n1 1:1\n').labels)).toEqual([-1, 1]);
  });

  test('maps more than two labels to class ids in sorted order, and can be forced either way', () => {
    const d = readLibsvm('7 1:1\n3 1:1\n5 1:1\n3 2:1\n');
    expect(d.task).toBe('multiclass');
    expect(d.classes).toBe(3);
    expect(d.classLabels).toEqual([3, 5, 7]);
    expect(Array.from(d.labels)).toEqual([2, 0, 1, 0]);
    expect(classCounts(d)).toEqual([2, 1, 1]);
    expect(readLibsvm('0 1:1\n1 1:1\n', { labels: 'multiclass' }).classes).toBe(2);
    expect(() => readLibsvm('0 1:1\n1 1:1\n2 1:1\n', { labels: 'binary' })).toThrow(/3 distinct labels/);
  });

  test('a given dim pads the feature space and rejects larger indices', () => {
    expect(readLibsvm('1 2:1\n', { dim: 10 }).dim).toBe(10);
    expect(() => readLibsvm('1 2:1\n-1 11:1\n', { dim: 10 })).toThrow('libsvm: line 2: index 11 exceeds dim=10');
  });

  test('malformed lines give one-line errors with the line number', () => {
    const cases: [string, string][] = [
      ['1 1:1\n1 1:1\nabc 1:2\n', "libsvm: line 3: expected a numeric label, got 'abc'"],
      ['1 1:1\n-1 abc\n', "libsvm: line 2: expected index:value, got 'abc'"],
      ['1 1:x\n', "libsvm: line 1: expected index:value, got '1:x'"],
      ['1 :1\n', "libsvm: line 1: expected index:value, got ':1'"],
      ['1 0:1\n', "libsvm: line 1: indices are 1-based, got '0:1'"],
      ['1 1:1\n\n1 3:1 2:1\n', 'libsvm: line 3: indices must increase, got 2 after 3'],
      ['1 1:1e999\n', "libsvm: line 1: value out of range in '1:1e999'"],
      ['\n# only a comment\n', 'libsvm: no samples'],
    ];
    for (const [text, message] of cases) expect(() => readLibsvm(text)).toThrow(message);
  });

  test('A x and Aᵀ w agree with the dense products', () => {
    const d = readLibsvm('1 1:1 3:2\n-1 2:-1\n1 1:3 2:4 3:5\n');
    const dense = [
      [1, 0, 2],
      [0, -1, 0],
      [3, 4, 5],
    ];
    const x = [0.5, -2, 1];
    const w = [1, 2, -1];
    expect(Array.from(timesVector(d, x))).toEqual(dense.map((row) => row.reduce((s, a, j) => s + a * x[j], 0)));
    expect(Array.from(transposeTimesVector(d, w))).toEqual(
      [0, 1, 2].map((j) => dense.reduce((s, row, r) => s + row[j] * w[r], 0)),
    );
  });

  test('max-abs scaling maps each feature into [−1, 1] with the extreme at ±1 and keeps zeros', () => {
    const d = scaleFeatures(readLibsvm('1 1:4 2:-2\n-1 1:2 2:1\n'));
    expect(Array.from(d.values)).toEqual([1, -1, 0.5, 0.5]);
  });
});
