/**
 * Samplers: (key, shape) → fresh array. Each builds one private generator from the key and draws the whole
 * result from it (building a generator costs ~1 µs, so never one per number).
 */
import { generator, type Key } from './key.ts';

/** n uniforms in [0, 1) with 53 random bits each. */
export function uniform(k: Key, n: number): Float64Array {
  const g = generator(k);
  const out = new Float64Array(n);
  for (let j = 0; j < n; j++) out[j] = g.double();
  return out;
}

/** n standard normals (Box–Muller on 53-bit uniforms; 1 − u avoids log 0). */
export function normal(k: Key, n: number): Float64Array {
  const g = generator(k);
  const out = new Float64Array(n);
  for (let j = 0; j < n; j += 2) {
    const r = Math.sqrt(-2 * Math.log(1 - g.double()));
    const phi = 2 * Math.PI * g.double();
    out[j] = r * Math.cos(phi);
    if (j + 1 < n) out[j + 1] = r * Math.sin(phi);
  }
  return out;
}

/** A uniform integer in [0, m) from a generator (rejection-free for m ≤ 2^32 via 53-bit doubles). */
function below(g: { double(): number }, m: number): number {
  return Math.floor(g.double() * m);
}

/**
 * A uniform k-subset of {0, …, d−1}, sorted ascending (Floyd's algorithm: k draws, no O(d) work for small k).
 * @example
 * chooseK(key(1), 10, 3).length;
 * // returns 3
 */
export function chooseK(k: Key, d: number, size: number): Int32Array {
  if (!(Number.isInteger(size) && size >= 0 && size <= d))
    throw new RangeError(`chooseK: need 0 ≤ k ≤ d, got k=${size}, d=${d}`);
  const g = generator(k);
  if (2 * size > d) {
    // Dense case: partial Fisher–Yates over an index array is cheaper than a set.
    const idx = new Int32Array(d);
    for (let j = 0; j < d; j++) idx[j] = j;
    for (let j = 0; j < size; j++) {
      const r = j + below(g, d - j);
      const tmp = idx[j];
      idx[j] = idx[r];
      idx[r] = tmp;
    }
    return idx.slice(0, size).sort();
  }
  const chosen = new Set<number>();
  for (let j = d - size; j < d; j++) {
    const r = below(g, j + 1);
    chosen.add(chosen.has(r) ? j : r);
  }
  return Int32Array.from(chosen).sort();
}

/** A uniform permutation of {0, …, d−1} (Fisher–Yates). */
export function permutation(k: Key, d: number): Int32Array {
  const g = generator(k);
  const idx = new Int32Array(d);
  for (let j = 0; j < d; j++) idx[j] = j;
  for (let j = d - 1; j > 0; j--) {
    const r = below(g, j + 1);
    const tmp = idx[j];
    idx[j] = idx[r];
    idx[r] = tmp;
  }
  return idx;
}

/** A uniform integer in [0, m). */
export function integerBelow(k: Key, m: number): number {
  if (!(Number.isInteger(m) && m >= 1)) throw new RangeError(`integerBelow: need an integer m ≥ 1, got ${m}`);
  return below(generator(k), m);
}

/** n uniform integers in [0, m) (with replacement). */
export function integersBelow(k: Key, n: number, m: number): Int32Array {
  if (!(Number.isInteger(m) && m >= 1)) throw new RangeError(`integersBelow: need an integer m ≥ 1, got ${m}`);
  const g = generator(k);
  const out = new Int32Array(n);
  for (let j = 0; j < n; j++) out[j] = below(g, m);
  return out;
}
