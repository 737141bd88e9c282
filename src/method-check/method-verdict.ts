/**
 * What `efcheck method` and checkMethod answer: pass (the adversary found no violation of the one-step claim at
 * the method's own γ, with m* the smallest step multiplier at which it finds one) or fail (a violation, shrunk to
 * the fewest nodes and coordinates, or a defect of the user's code: a throw, a hang, a wrong shape, a non-finite
 * value, a written input), always with the seed and the command that replays it.
 */
import type { Json } from '../adversary/types.ts';
import type { MethodEffort } from './method-effort.ts';
import type { CallDefect, CallName } from './user-call.ts';
import type { CompressorClass } from './user-method.ts';

/** One candidate with both sides of the claim and the pieces they are made of. */
export interface MethodWitness {
  readonly n: number;
  readonly d: number;
  /** γ = multiplier·gamma. */
  readonly multiplier: number;
  /** 1 + (lhs − rhs)/scale: above 1 is a violation. */
  readonly ratio: number;
  /** E Φ(step(state)). */
  readonly lhs: number;
  /** Φ(state) − decrease + noise. */
  readonly rhs: number;
  readonly scale: number;
  readonly phi: number;
  readonly decrease: number;
  readonly noise: number;
  /** Joint outcomes of the step's draws the expectation summed over. */
  readonly outcomes: number;
  /** parameters(c) at this instance, gamma multiplied. */
  readonly params: Json;
  readonly instance: Json;
}

export interface MethodFailure {
  readonly kind: 'violation' | CallDefect;
  /** The user function at fault (null for a violation). */
  readonly call: CallName | null;
  /** One line. */
  readonly message: string;
  /** The input the defect appeared at (the candidate being evaluated), or null if none was yet. */
  readonly instance: Json | null;
  readonly multiplier: number | null;
}

export interface MethodVerdict {
  readonly status: 'pass' | 'fail';
  readonly method: string;
  readonly source: string;
  readonly class: CompressorClass;
  readonly claim: string;
  readonly searched: string;
  readonly seed: number;
  readonly effort: MethodEffort;
  /** The largest ratio found at m = 1 (NaN when a defect stopped the search first). */
  readonly worstRatio: number;
  /** The worst case at m = 1 (shrunk when it violates). */
  readonly worst: MethodWitness | null;
  readonly failure: MethodFailure | null;
  /** m*: the smallest multiplier in [1, 16] with a violation found (pass only; null when none up to 16). */
  readonly criticalMultiplier: number | null;
  /** The largest multiplier searched without a violation (pass only). */
  readonly below: number | null;
  /** The violation at m*, shrunk. */
  readonly atCritical: MethodWitness | null;
  readonly evaluations: number;
  readonly seconds: number;
  readonly replay: string;
}
