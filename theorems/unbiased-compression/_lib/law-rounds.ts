/**
 * Exact rounds to E[f(y) − f*] ≤ ε(f(x⁰) − f*) from the per-coordinate laws (coordinate-law.ts, [D]), for ADIANA at
 * the published parameters (docs/theory.md §A1.3 [P code]), ADIANA with the gradient step η tuned on the grid
 * η_j = 2^{−j/4}/L (the rest following η by the published rule, adiana-moments.ts's withStep), and DIANA at the
 * derived step (docs/theory.md §A2.3 [D]). Every number is a deterministic function of the instance: nothing sampled.
 */
import { adianaParameters, type AdianaParameters } from '../../../src/algorithms/adiana-parameters.ts';
import { dianaParameters } from '../../../src/algorithms/diana-parameters.ts';
import { withStep } from './adiana-moments.ts';
import { errorAtStart } from './adiana-rounds.ts';
import {
  adianaCoordinates,
  coordinateLaw,
  dianaCoordinates,
  lawRoundsToEpsilon,
  type CoordinateMethod,
  type Randomness,
} from './coordinate-law.ts';
import type { ConditionedInstance } from './conditioned-instance.ts';

/** The round cap of every count here (a count that reaches it is reported as not reached). */
export const ROUND_CAP = 4_000_000;

/** rand-k's ω = d/k − 1, the target ε and the randomness mode. */
export interface LawSetting {
  readonly omega: number;
  readonly epsilon: number;
  readonly randomness?: Randomness;
}

/** Exact rounds of `method` on the instance (null: not reached by cap, or diverged). */
export function methodRounds(
  inst: ConditionedInstance,
  method: CoordinateMethod,
  epsilon: number,
  cap = ROUND_CAP,
): number | null {
  const law = coordinateLaw(method, inst.lambda, errorAtStart(inst), inst.gradStar);
  return lawRoundsToEpsilon(law, epsilon, cap);
}

function compression(inst: ConditionedInstance, s: LawSetting) {
  return { omega: s.omega, n: inst.problem.n, randomness: s.randomness ?? ('independent' as const) };
}

/** ADIANA's published parameters on the instance (L = max_i L_i = 1, μ = 1/κ). */
export function publishedParameters(inst: ConditionedInstance, omega: number): AdianaParameters {
  return adianaParameters({ L: inst.L, mu: inst.mu, omega, n: inst.problem.n });
}

export function adianaRounds(
  inst: ConditionedInstance,
  s: LawSetting,
  params: AdianaParameters,
  cap = ROUND_CAP,
): number | null {
  return methodRounds(inst, adianaCoordinates(compression(inst, s), params), s.epsilon, cap);
}

/** DIANA at the derived rule α = 1/(1 + ω), γ = 1/(L + 6ωL_max/n) (src/algorithms/diana-parameters.ts). */
export function dianaRounds(inst: ConditionedInstance, s: LawSetting, cap = ROUND_CAP): number | null {
  const p = dianaParameters({ L: inst.L, Lmax: inst.L, mu: inst.mu, omega: s.omega, n: inst.problem.n });
  return methodRounds(inst, dianaCoordinates(compression(inst, s), p), s.epsilon, cap);
}

/** The tuned count, its step and the grid points it cost. */
export interface TunedCount {
  readonly rounds: number;
  readonly eta: number;
  readonly params: AdianaParameters;
  readonly evaluations: number;
}

/**
 * min_j T_ε(η_j) over η_j = 2^{−j/perOctave}/L, j ≥ 0 (η ≤ 1/L), the other parameters by the published rule. On
 * these instances T_ε(η) falls like η^{−1/2} up to the stability edge and is infinite beyond it (measured), so the
 * search walks from the grid index `hint` (meant to be stable; if not, it first steps down in half-octaves until a
 * run converges) towards larger η in half-octave strides, then single steps, while the rounds fall. Evaluations
 * after the first converged one stop at the best count so far (a slower step is no improvement, so the cap changes
 * no decision, and a step just past the edge costs no more than the best).
 */
export function tunedAdianaRounds(inst: ConditionedInstance, s: LawSetting, hint: number, perOctave = 4): TunedCount {
  const base = publishedParameters(inst, s.omega);
  const at = (j: number) => withStep(base, 2 ** (-j / perOctave) / inst.L, inst.mu);
  const cache = new Map<number, number>();
  let best = Infinity;
  const T = (j: number): number => {
    if (j < 0) return Infinity;
    const hit = cache.get(j);
    if (hit !== undefined) return hit;
    const r = adianaRounds(inst, s, at(j), Number.isFinite(best) ? best : ROUND_CAP) ?? Infinity;
    cache.set(j, r);
    best = Math.min(best, r);
    return r;
  };
  const half = Math.max(1, Math.round(perOctave / 2));
  let j = Math.max(0, Math.round(hint));
  while (!Number.isFinite(T(j))) {
    j += half;
    if (j > 50 * perOctave) throw new RangeError('tunedAdianaRounds: no step on the grid converges');
  }
  for (const stride of [half, 1]) while (T(j - stride) < T(j)) j -= stride;
  while (T(j + 1) < T(j)) j += 1;
  return { rounds: T(j), eta: at(j).eta, params: at(j), evaluations: cache.size };
}

/**
 * A grid index on the stable side of the edge: the edge lies near η ≈ n/(1 + ω) (measured: between 0.5 and 1 times
 * it), so start a little below, at η = n/(2(1 + ω)L) (capped at 1/L).
 */
export function stableHint(omega: number, n: number, perOctave = 4): number {
  return Math.max(0, Math.ceil(perOctave * Math.log2((2 * (1 + omega)) / n)));
}

/** The grid index of a step η (for hints: the next point of a sweep starts near the last one's best). */
export function gridIndex(eta: number, L: number, perOctave = 4): number {
  return Math.round(perOctave * Math.log2(1 / (eta * L)));
}
