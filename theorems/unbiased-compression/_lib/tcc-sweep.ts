/**
 * The runs of adiana-total-communication: total communication cost = rounds to ε × bits per round per node, for
 * ADIANA with independent rand-K (both messages billed) against AGD (one dense gradient), over K, n and κ
 * (docs/theory.md §6.1–§6.2; docs/unbiased-compression.md). Rounds: ADIANA's exact tuned count (law-rounds.ts) and
 * AGD's deterministic one (agd.ts on f); bits: what the simulators bill for one round (bitsPerNode), never retyped.
 * Shared randomness: the n-node run IS the one-node run on f (adiana-independent-vs-shared checks it pathwise), so
 * its rounds are the n = 1 counts on the same f (commonMean instances).
 */
import { adiana } from '../../../src/algorithms/adiana.ts';
import { agd, agdParameters } from '../../../src/algorithms/agd.ts';
import { randK } from '../../../src/compressors/rand-k.ts';
import { exactOracle } from '../../../src/oracles/exact.ts';
import { key } from '../../../src/rng/key.ts';
import { agdRounds } from './adiana-rounds.ts';
import { averagedProblem, type ConditionedInstance } from './conditioned-instance.ts';
import { geo } from './exponent-law.ts';
import { publishedParameters, stableHint, tunedAdianaRounds } from './law-rounds.ts';

export interface TccSetting {
  readonly d: number;
  readonly epsilon: number;
  readonly perOctave: number;
  readonly Ks: readonly number[];
  /**
   * The smallest K run at n = 1 (shared randomness): its rounds grow faster than (1 + ω) there, so its saving falls
   * with ω and its best K is d; the costly small-K end can be left out.
   */
  readonly sharedMinK: number;
}

/** One (κ, n): AGD's rounds and, per K, ADIANA's tuned rounds, per instance. */
export interface TccPoint {
  readonly kappa: number;
  readonly n: number;
  readonly agd: number[];
  /** rounds[a][r]: K = Ks[a], instance r (empty where not run: n = 1 below sharedMinK). */
  readonly rounds: number[][];
}

/** Bits per round per node as the simulators bill them: one round of adiana.ts (rand-K) and of agd.ts. */
export function billedBits(inst: ConditionedInstance, K: number): { adiana: number; agd: number } {
  const d = inst.problem.dim;
  const oracle = exactOracle(inst.problem);
  const compressor = randK(d, K, { scaled: true });
  const a = adiana({ ...publishedParameters(inst, d / K - 1), compressor, x0: inst.x0 });
  const g = agd({ ...agdParameters({ L: inst.L, mu: inst.mu }), x0: inst.x0 });
  // One round from the start: both ADIANA messages of every node, and AGD's dense gradient, as billed.
  const sa = a.step(a.init(oracle, key(0)), oracle, key(1)).bitsPerNode;
  const sg = g.step(g.init(oracle, key(0)), oracle, key(1)).bitsPerNode;
  return { adiana: sa, agd: sg };
}

export function tccSweep(
  instanceFor: (r: number, n: number, kappa: number) => ConditionedInstance,
  instances: number,
  kappas: readonly number[],
  nodes: readonly number[],
  s: TccSetting,
): TccPoint[] {
  return kappas.flatMap((kappa) =>
    nodes.map((n) => {
      const agdBy: number[] = [];
      const rounds: number[][] = s.Ks.map(() => []);
      for (let r = 0; r < instances; r++) {
        const inst = instanceFor(r, n, kappa);
        agdBy.push(agdRounds({ ...inst, problem: averagedProblem(inst) }, s.epsilon));
        s.Ks.forEach((K, a) => {
          if (n === 1 && K < s.sharedMinK) return;
          const omega = s.d / K - 1;
          const hint = stableHint(omega, n, s.perOctave);
          rounds[a].push(tunedAdianaRounds(inst, { omega, epsilon: s.epsilon }, hint, s.perOctave).rounds);
        });
      }
      return { kappa, n, agd: agdBy, rounds };
    }),
  );
}

/** The measured saving TCC_AGD/TCC_ADIANA at K = Ks[a], geometric mean over instances (NaN where not run). */
export function savings(p: TccPoint, a: number, bitsAdiana: number, bitsAgd: number): number {
  if (p.rounds[a].length === 0) return Number.NaN;
  return geo(p.agd.map((t, r) => (t * bitsAgd) / (p.rounds[a][r] * bitsAdiana)));
}

/** argmax over K of the measured saving: its index and value. */
export function bestK(p: TccPoint, bits: readonly { adiana: number; agd: number }[]): { a: number; saving: number } {
  let best = { a: 0, saving: -Infinity };
  bits.forEach((b, a) => {
    const v = savings(p, a, b.adiana, b.agd);
    if (v > best.saving) best = { a, saving: v };
  });
  return best;
}
