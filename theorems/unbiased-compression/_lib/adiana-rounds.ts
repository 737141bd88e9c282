/**
 * The rounds adiana-independent-vs-shared compares, all exact (adiana-moments.ts: a deterministic number per
 * instance, nothing sampled): ADIANA's rounds to E[f(y) − f*] ≤ ε(f(x⁰) − f*) with the gradient step η tuned on the
 * grid 2^{−j/4}/L and the rest by the published rule (docs/theory.md §A1.3 [P code]), swept over n; the same at the
 * published η; and AGD's rounds on f, the uncompressed baseline of the bits column (docs/theory.md §6.1–§6.3).
 */
import { adianaParameters, type AdianaParameters } from '../../../src/algorithms/adiana-parameters.ts';
import { agd, agdParameters } from '../../../src/algorithms/agd.ts';
import { exactOracle } from '../../../src/oracles/exact.ts';
import { objective } from '../../../src/problems/types.ts';
import { foldIn, key, split } from '../../../src/rng/key.ts';
import type { Trial } from '../../types.ts';
import {
  adianaMomentMaps,
  adianaMomentStep,
  exactRoundsToEpsilon,
  expectedGap,
  initialMoments,
  tunedRoundsToEpsilon,
  withStep,
} from './adiana-moments.ts';
import type { ConditionedInstance } from './conditioned-instance.ts';

/** rand-k's k, its ω and the target ε of the rounds. */
export interface RoundsSetting {
  readonly k: number;
  readonly omega: number;
  readonly epsilon: number;
}

/** x⁰ − x*. */
export function errorAtStart(inst: ConditionedInstance): Float64Array {
  return Float64Array.from(inst.x0, (v, j) => v - inst.xStar[j]);
}

/** Tuned exact rounds for one n (the grid index hint speeds the local search up; it does not change the answer). */
export function tunedFor(
  inst: ConditionedInstance,
  s: RoundsSetting,
  randomness: 'independent' | 'shared',
  hint: number,
): { rounds: number; params: AdianaParameters; evaluations: number } {
  const n = inst.problem.n;
  const base = adianaParameters({ L: inst.L, mu: inst.mu, omega: s.omega, n });
  const setting = { lambda: inst.lambda, n, k: s.k, randomness };
  const r = tunedRoundsToEpsilon(setting, base, inst, errorAtStart(inst), inst.gradStar, s.epsilon, 40_000, hint);
  return { rounds: r.rounds, params: withStep(base, r.eta, inst.mu), evaluations: r.evaluations };
}

/** AGD's rounds to f(x^t) − f* ≤ ε(f(x⁰) − f*) at Nesterov's parameters (deterministic: exact gradients). */
export function agdRounds(inst: ConditionedInstance, epsilon: number): number {
  const p = inst.problem;
  const alg = agd({ ...agdParameters({ L: inst.L, mu: inst.mu }), x0: inst.x0 });
  const oracle = exactOracle(p);
  const [kInit, kSteps] = split(key(0));
  let s = alg.init(oracle, kInit);
  const gap0 = objective(p, s.x) - p.fInf;
  for (let t = 0; t < 100_000; t++) {
    if (objective(p, s.x) - p.fInf <= epsilon * gap0) return t;
    s = alg.step(s, oracle, foldIn(kSteps, t));
  }
  throw new RangeError('agdRounds: AGD did not reach ε within 100 000 rounds');
}

/** Exact rounds at the published η (no tuning), capped at 200 000 (reported as the cap if not reached). */
export function roundsAtPublished(inst: ConditionedInstance, s: RoundsSetting): number {
  const n = inst.problem.n;
  const p = adianaParameters({ L: inst.L, mu: inst.mu, omega: s.omega, n });
  const setting = { lambda: inst.lambda, n, k: s.k, randomness: 'independent' as const };
  const maps = adianaMomentMaps(setting, p);
  let m = initialMoments(errorAtStart(inst), inst.gradStar);
  const gap0 = expectedGap(inst.lambda, m);
  for (let t = 0; t < 200_000; t++) {
    if (expectedGap(inst.lambda, m) <= s.epsilon * gap0) return t;
    m = adianaMomentStep(setting, p, maps, m);
  }
  return 200_000;
}

/** Per instance r and node count nodes[a]: the tuned rounds and parameters; AGD's rounds; the published-η rounds. */
export interface TunedSweep {
  readonly rounds: readonly (readonly number[])[];
  readonly params: readonly (readonly AdianaParameters[])[];
  readonly agd: readonly number[];
  /** Empty when not run (the quick budget). */
  readonly published: readonly (readonly number[])[];
}

/** The tuned sweep over nodes for `instances` instances, independent compressors. */
export function tunedSweep(
  instanceFor: (r: number, n: number) => ConditionedInstance,
  instances: number,
  nodes: readonly number[],
  s: RoundsSetting,
  withPublished: boolean,
): TunedSweep {
  const rounds: number[][] = [];
  const params: AdianaParameters[][] = [];
  const agdBy: number[] = [];
  const published: number[][] = [];
  for (let r = 0; r < instances; r++) {
    const row: number[] = [];
    const ps: AdianaParameters[] = [];
    // Grid index of η ≈ 1/(L(1 + ω)), where the one-node edge lies; each n starts just above the last n's best.
    let hint = 4 * Math.log2(1 + s.omega);
    for (const n of nodes) {
      const inst = instanceFor(r, n);
      const t = tunedFor(inst, s, 'independent', hint);
      row.push(t.rounds);
      ps.push(t.params);
      hint = 4 * Math.log2(1 / (t.params.eta * inst.L)) - 2;
    }
    rounds.push(row);
    params.push(ps);
    agdBy.push(agdRounds(instanceFor(r, 1), s.epsilon));
    if (withPublished) published.push(nodes.map((n) => roundsAtPublished(instanceFor(r, n), s)));
  }
  return { rounds, params, agd: agdBy, published };
}

/** The tuned parameters of instance 0 at n nodes. */
export function tunedParamsAt(sweep: TunedSweep, nodes: readonly number[], n: number): AdianaParameters {
  const a = nodes.indexOf(n);
  if (a < 0) throw new RangeError(`tunedParamsAt: the sweep did not reach n = ${n}`);
  return sweep.params[0][a];
}

/**
 * The teeth of the falling-rounds check, both sides: the shared-randomness law on `inst` at the step tuned for its
 * n independent nodes, run for T*(1) = `one` rounds, must not beat T*(1) − 1. Infinity (not reached within T*(1)
 * rounds, or diverged) is reported as T*(1) + 1: the claim fails either way.
 */
export function sharedTeethTrial(
  inst: ConditionedInstance,
  params: AdianaParameters,
  one: number,
  s: RoundsSetting,
): Trial {
  const n = inst.problem.n;
  const law = { lambda: inst.lambda, n, k: s.k, randomness: 'shared' as const };
  const rounds = exactRoundsToEpsilon(law, params, errorAtStart(inst), inst.gradStar, s.epsilon, one) ?? Infinity;
  return {
    lhs: Math.min(rounds, one + 1),
    rhs: one - 1,
    scale: 2 * one,
    instance: { n, reached: Number.isFinite(rounds), one },
  };
}
