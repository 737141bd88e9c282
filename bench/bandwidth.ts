/**
 * The measurement half of "faster rounds": how close a round comes to the machine's memory bandwidth.
 *
 * Triad: a[j] = b[j] + s·c[j] over three Float64Arrays far larger than the last-level cache, best of several passes
 * (the fastest pass is the least disturbed one). Bytes per pass are counted as 3·8·N (read b, read c, write a), NOT
 * 4·8·N: the write-allocate read of a that the hardware may also do is not counted, so the figure is STREAM's
 * convention. The round's byte model below counts the same way (each written vector once, no write-allocate), so
 * the ratio of the two compares like with like.
 *
 * Round bytes (roundBytes): the least a round must move if every vector it reads or writes is touched exactly once
 * per round, 8·d bytes each (Float64), for step() as efcheck defines it (a pure function: the old state is left
 * intact and x⁺, g⁺, g_i⁺, v_i⁺ are fresh, so every output vector is written in full once):
 *   shared, once per round:  read x, g (state), a, u (the bench problem's data, ∇f_i = a ⊙ x⁺ − s_i u);
 *                            write x⁺, g⁺                                                          → 6 vectors
 *   per node, EF21:          read g_i; write g_i⁺                                                   → 2 vectors
 *   per node, EF21-SGDM:     read g_i, v_i; write g_i⁺, v_i⁺                                         → 4 vectors
 * Not counted: temporaries a fused round need not materialise (∇f_i(x⁺), target − g_i, the x⁺ re-read), the sparse
 * messages (k indices + k values per node, k = ⌈d/100⌉: ≤ 0.75 % of a node's bytes) and the scalars s_i.
 * So bytes = 8·d·(6 + 2n) for EF21 and 8·d·(6 + 4n) for EF21-SGDM. Where that working set fits in cache (small d·n)
 * the ratio to the DRAM triad can exceed 1; it is a memory-bound yardstick only once the state outgrows the cache.
 */
import type { BenchMethod } from './harness.ts';

export interface RoundBytes {
  /** Vectors of length d read or written once per round regardless of n. */
  readonly sharedVectors: number;
  /** Vectors of length d read or written once per round per node. */
  readonly perNodeVectors: number;
  /** 8·d·(sharedVectors + n·perNodeVectors). */
  readonly bytes: number;
}

export const SHARED_VECTORS = ['read x', 'read g', 'read a', 'read u', 'write x⁺', 'write g⁺'] as const;
export const PER_NODE_VECTORS: Record<BenchMethod, readonly string[]> = {
  ef21: ['read g_i', 'write g_i⁺'],
  'ef21-sgdm': ['read g_i', 'read v_i', 'write g_i⁺', 'write v_i⁺'],
};

/** The minimum bytes one round moves (module comment): 8·d·(6 + 2n) for EF21, 8·d·(6 + 4n) for EF21-SGDM. */
export function roundBytes(method: BenchMethod, n: number, d: number): RoundBytes {
  const sharedVectors = SHARED_VECTORS.length;
  const perNodeVectors = PER_NODE_VECTORS[method].length;
  return { sharedVectors, perNodeVectors, bytes: 8 * d * (sharedVectors + n * perNodeVectors) };
}

export interface TriadResult {
  /** Array length N (each of a, b, c). */
  readonly length: number;
  readonly passes: number;
  /** 3·8·N (no write-allocate). */
  readonly bytesPerPass: number;
  /** Best pass, bytes per CPU second (user + system), the clock the round rates use. */
  readonly bytesPerSecond: number;
  /** Best pass, bytes per wall-clock second. */
  readonly bytesPerWallSecond: number;
  /** Bytes per CPU second of every pass. */
  readonly samples: readonly number[];
}

/**
 * a[j] = b[j] + s·c[j], `passes` timed passes after one untimed pass (which takes the page faults), best reported.
 * Default N = 2²⁴ (3 × 128 MiB, well past a 32 MiB L3).
 */
export function measureTriad(length = 1 << 24, passes = 10): TriadResult {
  const a = new Float64Array(length);
  const b = new Float64Array(length);
  const c = new Float64Array(length);
  for (let j = 0; j < length; j++) {
    b[j] = j * 0.5;
    c[j] = 1 - j * 0.25;
  }
  const triad = (s: number): void => {
    for (let j = 0; j < length; j++) a[j] = b[j] + s * c[j];
  };
  triad(3);
  const bytesPerPass = 3 * 8 * length;
  const samples: number[] = [];
  let bestCpu = Number.POSITIVE_INFINITY;
  let bestWall = Number.POSITIVE_INFINITY;
  for (let p = 0; p < passes; p++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    triad(3 + p);
    const cu = process.cpuUsage(c0);
    const wall = (performance.now() - t0) / 1000;
    // cpuUsage ticks in µs; a zero reading (tiny N) would be infinite bandwidth, so fall back to the wall clock.
    const cpu = cu.user + cu.system > 0 ? (cu.user + cu.system) / 1e6 : wall;
    samples.push(bytesPerPass / cpu);
    bestCpu = Math.min(bestCpu, cpu);
    bestWall = Math.min(bestWall, wall);
  }
  // Keep a alive (and the loop honest): a read of the last pass's result.
  if (Number.isNaN(a[length - 1])) throw new Error('triad: NaN');
  return {
    length,
    passes,
    bytesPerPass,
    bytesPerSecond: bytesPerPass / bestCpu,
    bytesPerWallSecond: bytesPerPass / bestWall,
    samples,
  };
}

export interface Bandwidth {
  /** roundBytes(method, n, d).bytes. */
  readonly bytesPerRound: number;
  /** bytesPerRound × efcheck rounds per CPU second. */
  readonly efcheckBytesPerSecond: number;
  /** efcheckBytesPerSecond ÷ triad bytes per CPU second. */
  readonly efcheckOfTriad: number;
  readonly numpyBytesPerSecond: number | null;
  readonly numpyOfTriad: number | null;
}

export function bandwidth(
  method: BenchMethod,
  n: number,
  d: number,
  efcheckRoundsPerSecond: number,
  numpyRoundsPerSecond: number | null,
  triadBytesPerSecond: number,
): Bandwidth {
  const bytesPerRound = roundBytes(method, n, d).bytes;
  const ef = bytesPerRound * efcheckRoundsPerSecond;
  const np = numpyRoundsPerSecond === null ? null : bytesPerRound * numpyRoundsPerSecond;
  return {
    bytesPerRound,
    efcheckBytesPerSecond: ef,
    efcheckOfTriad: ef / triadBytesPerSecond,
    numpyBytesPerSecond: np,
    numpyOfTriad: np === null ? null : np / triadBytesPerSecond,
  };
}
