/**
 * Keys: immutable, derived, never advanced (JAX-style). All randomness in efcheck flows from a Key, and each key
 * is consumed once. Derivation is a real counter-based hash, Threefry-2x32 with 20 rounds [Salmon et al. 2011,
 * "Parallel random numbers: as easy as 1, 2, 3"], the function JAX uses for the same purpose.
 */
import seedrandom from 'seedrandom';

export interface Key {
  readonly hi: number;
  readonly lo: number;
  readonly __brand: 'efcheck.Key';
}

const ROTATIONS = [13, 15, 26, 6, 17, 29, 16, 24] as const;
const PARITY = 0x1bd11bda;
// Domain tags keep split(k)[0] and foldIn(k, 0) apart.
const TAG_SEED = 0x5eed;
const TAG_SPLIT = 0x5b117;
const TAG_FOLD = 0xf01d;

function rotl(x: number, r: number): number {
  return ((x << r) | (x >>> (32 - r))) >>> 0;
}

/** Threefry-2x32-20: encrypts the counter (c0, c1) under the key (k0, k1). */
export function threefry2x32(k0: number, k1: number, c0: number, c1: number): [number, number] {
  const ks = [k0 >>> 0, k1 >>> 0, (PARITY ^ k0 ^ k1) >>> 0];
  let x0 = (c0 + ks[0]) >>> 0;
  let x1 = (c1 + ks[1]) >>> 0;
  for (let block = 0; block < 5; block++) {
    for (let r = 0; r < 4; r++) {
      x0 = (x0 + x1) >>> 0;
      x1 = rotl(x1, ROTATIONS[(block % 2) * 4 + r]) ^ x0;
    }
    x0 = (x0 + ks[(block + 1) % 3]) >>> 0;
    x1 = (x1 + ks[(block + 2) % 3] + block + 1) >>> 0;
  }
  return [x0, x1];
}

function make(hi: number, lo: number): Key {
  return Object.freeze({ hi: hi >>> 0, lo: lo >>> 0 }) as Key;
}

/**
 * The root key of a run. Any safe integer seed is accepted.
 * @example
 * const k = key(42);
 */
export function key(seed: number): Key {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`key: seed must be a safe integer, got ${seed}`);
  const lo = seed >>> 0;
  const hi = Math.floor(seed / 2 ** 32) >>> 0;
  const [a, b] = threefry2x32(hi, lo, TAG_SEED, 0);
  return make(a, b);
}

/** A new key for datum `data` (worker i, iteration t, …). Different data give independent keys. */
export function foldIn(k: Key, data: number): Key {
  if (!Number.isInteger(data) || data < 0 || data > 0xffffffff) {
    throw new RangeError(`foldIn: data must be an integer in [0, 2^32), got ${data}`);
  }
  const [a, b] = threefry2x32(k.hi, k.lo, TAG_FOLD, data);
  return make(a, b);
}

/** n independent keys derived from k (k itself must then not be used again). */
export function split(k: Key, n = 2): Key[] {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`split: need n ≥ 1, got ${n}`);
  const out: Key[] = [];
  for (let i = 0; i < n; i++) {
    const [a, b] = threefry2x32(k.hi, k.lo, TAG_SPLIT, i);
    out.push(make(a, b));
  }
  return out;
}

/** A stable text form, e.g. for printing a replay command. */
export function keyToString(k: Key): string {
  return k.hi.toString(16).padStart(8, '0') + k.lo.toString(16).padStart(8, '0');
}

/** A seedrandom generator: never the slow default ARC4 (docs/design.md §0). */
export type Generator = seedrandom.PRNG;

/**
 * A private xor128 generator for one key. Callers draw a whole vector from it and drop it; generators are never
 * stored in state or shared, so purity holds at the boundary (pure-rand's `purify` idea).
 */
export function generator(k: Key): Generator {
  return seedrandom.xor128(keyToString(k));
}
