/**
 * PermK [Szlendak, Tyurin, Richtárik 2021; docs/theory.md §1.3]: n nodes share one random permutation and each sends
 * a disjoint block of coordinates, so the compressors are correlated and only the aggregate has the nice law.
 *
 * d ≥ n. Write d = qn + r, 0 ≤ r < n. A uniform permutation π of the coordinates is cut into n consecutive blocks,
 * r of size q + 1 and n − r of size q, and a uniform permutation σ of the nodes assigns block b to node σ(b).
 * Node i sends C_i(x) = n·Σ_{j∈B_i} x_j e_j. Unbiasedness needs P(j ∈ B_i) = 1/n for every node i and coordinate
 * j (then the scale n is the inverse inclusion probability): by symmetry of π, P(j ∈ B_i) = E|B_i|/d =
 * (q + r/n)/d = 1/n, which is why σ is random when r ≠ 0 (a fixed assignment would give the nodes with small
 * blocks P = q/d < 1/n). For r = 0 this is docs/theory.md's definition (σ is then immaterial).
 * Aggregate identity [D]: the blocks partition the coordinates, so coordinate j of (1/n)Σ_i C_i(a_i) is
 * [a_{I(j)}]_j with I(j) the owner of j, and P(I(j) = i) = 1/n. Hence E = ā and, exactly,
 *   E‖(1/n)Σ_i C_i(a_i) − ā‖² = (1/n)Σ_i‖a_i‖² − ‖ā‖²:   the AB-inequality with A = B = 1, with equality.
 * Each C_i alone: E C_i(x) = x, E‖C_i(x) − x‖² = (n − 1)‖x‖² (ω = n − 1, equality).
 *
 * d < n, n = qd (docs/theory.md §1.3's second case; other d < n are refused). A uniform σ deals the multiset in which every
 * coordinate appears q times: node σ(p) gets coordinate ⌊p/q⌋ and sends d·x_j e_j. P(node i gets j) = 1/d, so
 * ω = d − 1. Coordinate j of the aggregate is (1/q)Σ_{i∈S_j} a_ij with S_j a uniform q-subset of the nodes (a
 * sample without replacement), so E = ā and the variance is (n − q)/(q(n − 1)) times the population variance:
 *   E‖(1/n)Σ_i C_i(a_i) − ā‖² = ((d − 1)/(n − 1))·((1/n)Σ_i‖a_i‖² − ‖ā‖²):   A = B = (d − 1)/(n − 1) [D].
 *
 * Wire format: the block is known to the receiver from the shared seed, so a node sends only its block's values,
 * 64 bits each; bits() bills the larger block, ⌈d/n⌉ values (exact when n divides d), and no indices.
 */
import type { ReadonlyVector, Vector } from '../linalg/vector.ts';
import { split, type Key } from '../rng/key.ts';
import { permutation } from '../rng/sample.ts';
import { VALUE_BITS } from './bits.ts';
import type { Contract, MessageBits } from './types.ts';

/** n compressors that must be applied together with shared randomness (not a single-node Compressor). */
export interface CorrelatedCompressor {
  readonly name: string;
  readonly dim: number;
  readonly nodes: number;
  /** Each node's compressor on its own: unbiased with ω = n − 1 (d ≥ n) or d − 1 (d < n). */
  readonly perNode: Contract;
  /** AB-inequality E‖(1/n)ΣC_i(a_i) − ā‖² ≤ A·(1/n)Σ‖a_i‖² − B·‖ā‖² (PermK: with equality). */
  readonly ab: { readonly A: number; readonly B: number };
  /** Bits of one node's message `out`. */
  bits(out: ReadonlyVector): MessageBits;
  /** C_1(a_1), …, C_n(a_n) from one shared draw; pure. */
  compressAll(xs: readonly ReadonlyVector[], key: Key): Vector[];
}

function checkShape(d: number, n: number): void {
  if (!(Number.isInteger(d) && d >= 1 && Number.isInteger(n) && n >= 1)) {
    throw new RangeError(`perm-k: need integers d ≥ 1 and n ≥ 1, got d=${d}, n=${n}`);
  }
  if (d < n && n % d !== 0) throw new RangeError(`perm-k: for d < n need n to be a multiple of d, got d=${d}, n=${n}`);
}

/**
 * The coordinates each node sends, as a deterministic function of the two shared permutations (π of the d
 * coordinates, σ of the n nodes); compressAll draws π and σ, tests enumerate them.
 * @example
 * permKBlocks(5, 2, Int32Array.of(4, 3, 2, 1, 0), Int32Array.of(1, 0)).map((b) => Array.from(b));
 * // returns [[1, 0], [4, 3, 2]]   (block 0 = π(0..2) goes to node σ(0) = 1)
 */
export function permKBlocks(d: number, n: number, pi: ArrayLike<number>, sigma: ArrayLike<number>): Int32Array[] {
  checkShape(d, n);
  const blocks: Int32Array[] = new Array<Int32Array>(n);
  if (d >= n) {
    const q = Math.floor(d / n);
    const r = d - q * n;
    let start = 0;
    for (let b = 0; b < n; b++) {
      const size = b < r ? q + 1 : q;
      blocks[sigma[b]] = Int32Array.from({ length: size }, (_, t) => pi[start + t]);
      start += size;
    }
  } else {
    const q = n / d;
    for (let p = 0; p < n; p++) blocks[sigma[p]] = Int32Array.of(Math.floor(p / q));
  }
  return blocks;
}

/** Scale each node applies: the inverse of its per-coordinate inclusion probability. */
function inclusionScale(d: number, n: number): number {
  return Math.min(d, n);
}

/**
 * @example
 * permK(4, 2).compressAll([Float64Array.of(1, 2, 3, 4), Float64Array.of(1, 2, 3, 4)], key(0));
 * // returns [Float64Array [0, 4, 6, 0], Float64Array [2, 0, 0, 8]]   (disjoint blocks, scaled by n = 2)
 */
export function permK(d: number, n: number): CorrelatedCompressor {
  checkShape(d, n);
  const scale = inclusionScale(d, n);
  const ab = d >= n ? 1 : (d - 1) / (n - 1);
  const name = `perm-k(d=${d},n=${n})`;
  return {
    name,
    dim: d,
    nodes: n,
    perNode: { kind: 'unbiased', omega: scale - 1 },
    ab: { A: ab, B: ab },
    bits: () => ({ values: Math.ceil(d / n) * VALUE_BITS, indices: 0 }),
    compressAll: (xs: readonly ReadonlyVector[], key: Key): Vector[] => {
      if (xs.length !== n) throw new RangeError(`${name}: need ${n} inputs, got ${xs.length}`);
      for (const x of xs)
        if (x.length !== d) throw new RangeError(`${name}: input has length ${x.length}, expected ${d}`);
      const [kPi, kSigma] = split(key);
      const blocks = permKBlocks(d, n, permutation(kPi, d), permutation(kSigma, n));
      return xs.map((x, i) => {
        const out = new Float64Array(d);
        for (const j of blocks[i]) out[j] = scale * x[j];
        return out;
      });
    },
  };
}

/** Exact mean and variance of the aggregate (1/n)Σ_i C_i(a_i). */
export interface AggregateMoments {
  /** E (1/n)Σ_i C_i(a_i). */
  readonly mean: Vector;
  /** E‖(1/n)Σ_i C_i(a_i) − E(…)‖². */
  readonly variance: number;
}

/**
 * Exact aggregate moments from the marginal law of each coordinate's owners (header): for d ≥ n coordinate j is
 * a_{Ij} with I uniform over the n nodes (enumerated); for d < n it is the mean of a uniform q-subset of the n
 * values a_{1j}, …, a_{nj}, whose variance is the population variance times (n − q)/(q(n − 1)).
 * @example
 * permKMoments(2, 2, [Float64Array.of(1, 0), Float64Array.of(0, 1)]).variance;
 * // returns 0.5
 */
export function permKMoments(d: number, n: number, as: readonly ReadonlyVector[]): AggregateMoments {
  checkShape(d, n);
  if (as.length !== n) throw new RangeError(`permKMoments: need ${n} inputs, got ${as.length}`);
  const mean = new Float64Array(d);
  let variance = 0;
  const factor = d >= n ? 1 : (n - n / d) / ((n / d) * (n - 1));
  for (let j = 0; j < d; j++) {
    let m = 0;
    for (let i = 0; i < n; i++) m += as[i][j] / n;
    let v = 0;
    for (let i = 0; i < n; i++) v += (as[i][j] - m) ** 2 / n;
    mean[j] = m;
    variance += factor * v;
  }
  return { mean, variance };
}
