/**
 * The zero-chain argument for shared rand-K, executable [D] (docs/unbiased-compression.md, "Lower bound").
 *
 * A span method starts from x⁰ = 0 and h_i⁰ = 0 and forms every vector it keeps as a linear combination of the
 * vectors it has and the messages it received. On chain-instance.ts's f, if every kept vector reaches at most the
 * first s coordinates, every gradient (∇f_i(x) − h_i included) reaches at most s + 1, and a rand-K message of it
 * reaches coordinate s + 1 only if s + 1 is in its subset. So with N_0 = 0 and
 *   N_{t+1} = N_t + 1[coordinate N_t + 1 is in one of the round's subsets]          (the resisting counter),
 * which reads the compressor's subsets and nothing of the method, every kept vector reaches at most N_t coordinates
 * and f(y^t) − f* ≥ LB(N_t) for every run. With shared randomness all nodes use the same subsets, so n nodes are one
 * node here as everywhere (docs/unbiased-compression.md); with m independent uniform K-subsets per round
 * N_t = min{Binomial(t, q), d}, q = 1 − (1 − K/d)^m, exactly, and E[f(y^t) − f*] ≥ E LB(N_t) for EVERY span method.
 * If LB is convex on {0, …, d} (checked), Jensen gives E LB(N_t) ≥ LB(qt) (LB interpolated linearly), so
 *   T_ε ≥ (s_ε − 1)/q,   s_ε = min{s : LB(s) ≤ ε·LB(0)},   1/q = (1 + ω)²/(2ω + 1) ≥ (1 + ω)/2 for m = 2,
 * with ω = d/K − 1: the (1 + ω)·√κ·ln(1/ε) shape of He, Huang, Yuan's bound for the non-independent class [R],
 * since s_ε grows like √κ·ln(1/ε)/4 on the chain [Nesterov 2018, Thm 2.1.13].
 */
import type { Compressor } from '../../../src/compressors/types.ts';
import type { TableSpec } from '../../types.ts';
import { chainInstance } from './chain-instance.ts';

/** A compressor that records, for every call, the coordinate subset its key selects (compress of the all-ones). */
export function recordingCompressor(C: Compressor): { compressor: Compressor; subsets: number[][] } {
  const subsets: number[][] = [];
  const ones = new Float64Array(C.dim).fill(1);
  // A wrapper must not forward a sparse fast path (src/compressors/types.ts): it would bypass the recording.
  const { compressSparse: _, ...rest } = C;
  const compressor: Compressor = {
    ...rest,
    compress(x, k) {
      // rand-K's subset is a function of the key alone: the all-ones vector shows it whatever x is.
      const probe = C.compress(ones, k);
      const kept: number[] = [];
      for (let j = 0; j < probe.length; j++) if (probe[j] !== 0) kept.push(j);
      subsets.push(kept);
      return C.compress(x, k);
    },
  };
  return { compressor, subsets };
}

/**
 * N_0…N_T from the recorded subsets: `perRound` calls per round, of which the first `counted` (node 0's messages)
 * drive the counter (all of a round's calls share the subset under shared randomness).
 */
export function resistingCounter(
  subsets: readonly (readonly number[])[],
  perRound: number,
  counted: number,
  d: number,
): number[] {
  const out = [0];
  for (let t = 0; (t + 1) * perRound <= subsets.length; t++) {
    const N = out[t];
    let hit = false;
    for (let c = 0; c < counted; c++) if (subsets[t * perRound + c].includes(N)) hit = true;
    out.push(Math.min(d, N + (hit ? 1 : 0)));
  }
  return out;
}

/** q = 1 − (1 − K/d)^m: the chance that a round of m independent uniform K-subsets hits a given coordinate. */
export function hitProbability(d: number, K: number, messages: number): number {
  return 1 - (1 - K / d) ** messages;
}

/** E LB(N_t) with N_t = min{Binomial(t, q), d} (floor[s] = LB(s), floor[d] = 0). */
export function expectedFloor(floor: Float64Array, q: number, t: number): number {
  const d = floor.length - 1;
  if (q >= 1) return floor[Math.min(t, d)];
  // log pmf by the ratio pmf(s + 1)/pmf(s) = ((t − s)/(s + 1))·q/(1 − q), in logs (no underflow at large t).
  const step = Math.log(q) - Math.log1p(-q);
  let logPmf = t * Math.log1p(-q);
  let out = 0;
  for (let s = 0; s <= Math.min(t, d - 1); s++) {
    out += Math.exp(logPmf) * floor[s];
    logPmf += Math.log(t - s) - Math.log(s + 1) + step;
  }
  return out;
}

/** The first t with E LB(N_t) ≤ ε·LB(0) (E LB(N_t) falls in t: LB falls and N_t grows stochastically). */
export function roundsFloor(floor: Float64Array, q: number, epsilon: number): number {
  const target = epsilon * floor[0];
  let hi = 1;
  while (expectedFloor(floor, q, hi) > target) hi *= 2;
  let lo = 0;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (expectedFloor(floor, q, mid) > target) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** s_ε = min{s : LB(s) ≤ ε·LB(0)}. */
export function chainDepth(floor: Float64Array, epsilon: number): number {
  const s = floor.findIndex((v) => v <= epsilon * floor[0]);
  return s < 0 ? floor.length - 1 : s;
}

/** E min{Binomial(T, q), d}, q = hitProbability(d, K, m): the counter's mean after T rounds. */
export function expectedFrontier(d: number, K: number, messages: number, T: number): number {
  const q = hitProbability(d, K, messages);
  // E min{B, d} = Σ_{s<d} P(B > s): the pmf by the same log ratios as expectedFloor.
  const step = Math.log(q) - Math.log1p(-q);
  let logPmf = T * Math.log1p(-q);
  let below = 0;
  let out = 0;
  for (let s = 0; s < Math.min(T + 1, d); s++) {
    below += Math.exp(logPmf);
    out += 1 - below;
    logPmf += Math.log(T - s) - Math.log(s + 1) + step;
  }
  return out;
}

/** The table's grid: d = 1024 (s_ε ≤ 345 < d), ε = 1e−6, two messages per round (ADIANA's). */
const TABLE = { d: 1024, epsilon: 1e-6, kappas: [1e2, 1e3, 1e4], Ks: [1024, 256, 64, 16] } as const;

/** Rounds every span method with two shared rand-K messages per round needs on the chain, against (1 + ω)√κ. */
export function lowerBoundTable(): TableSpec {
  const { d, epsilon } = TABLE;
  const rows = TABLE.kappas.flatMap((kappa) => {
    const { floor } = chainInstance(d, kappa, 1);
    const depth = chainDepth(floor, epsilon);
    return TABLE.Ks.map((K) => {
      const omega = d / K - 1;
      const q = hitProbability(d, K, 2);
      const T = roundsFloor(floor, q, epsilon);
      const shape = ((1 + omega) * Math.sqrt(kappa) * Math.log(1 / epsilon)) / 8;
      return [kappa, K, omega, q, depth, T, shape, T / shape];
    });
  });
  return {
    title: `Rounds to E[f(y) − f*] ≤ ${epsilon}·(f(x⁰) − f*) that every span method with two shared rand-K messages per round needs on Nesterov's chain (d = ${d})`,
    columns: [
      'κ',
      'K',
      'ω',
      'q = 1 − (1 − K/d)²',
      's_ε (LB(s) ≤ ε·LB(0))',
      'T_LB (exact)',
      '(1 + ω)√κ·ln(1/ε)/8',
      'ratio',
    ],
    rows,
    caption:
      'T_LB = min{t : E LB(min{Binomial(t, q), d}) ≤ ε·LB(0)}, exact (a binomial sum over the exact floors). It grows like 1/q = (1 + ω)²/(2ω + 1) ≥ (1 + ω)/2 in ω and like s_ε ≈ √κ·ln(1/ε)/4 in κ. At K = d (ω = 0) it is the uncompressed chain bound (q = 1, N_t = t).',
  };
}
