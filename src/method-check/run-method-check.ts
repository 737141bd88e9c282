/**
 * The method check itself, in the calling thread: the adversary's worst case at m = 1 (γ from the method's own
 * rule; a violation is shrunk to the fewest nodes and coordinates and fails the check), then, when it holds, the
 * critical multiplier m* ∈ [1, 16] (src/adversary/critical-multiplier.ts). A defect of the user's code found on the
 * way stops the search as a failure with the input it appeared at. check-method.ts runs this inside a worker
 * thread with a watchdog; run it directly only on code you trust to return.
 */
import { criticalMultiplier } from '../adversary/critical-multiplier.ts';
import { ratioOf, type Json } from '../adversary/types.ts';
import { worstCase } from '../adversary/worst-case.ts';
import { foldIn, key } from '../rng/key.ts';
import { methodSearchSizes, type MethodEffort } from './method-effort.ts';
import type { MethodCandidate } from './method-candidate.ts';
import { methodSides } from './method-sides.ts';
import { CallFailure, candidateJson, methodSpace, type SearchMonitor } from './method-space.ts';
import type { MethodFailure, MethodVerdict, MethodWitness } from './method-verdict.ts';
import { UserCallError } from './user-call.ts';
import type { CompressorClass } from './user-method.ts';
import type { MethodShape, ValidMethod } from './validate-method.ts';

export interface RunMethodOptions {
  readonly seed: number;
  readonly effort: MethodEffort;
  readonly cls: CompressorClass;
  readonly monitor: SearchMonitor;
}

/** The claim in words, for reports. */
export function claimText(method: MethodShape): string {
  return `E Φ(step(state)) ≤ Φ(state) − decrease(state)${method.stochastic ? ' + noise(params, σ, n)' : ''} from any state, at γ = m·gamma(parameters)`;
}

/** The command that replays a check. */
export function replayCommand(
  method: MethodShape,
  o: { seed: number; effort: MethodEffort; cls: CompressorClass },
): string {
  const parts = [`npm run efcheck -- method ${method.source}`];
  if (method.classes.length > 1) parts.push(`--class ${o.cls}`);
  parts.push(`--seed ${o.seed}`);
  if (o.effort !== 'default') parts.push(`--effort ${o.effort}`);
  return parts.join(' ');
}

/** Both sides and their pieces at a candidate. */
export function witnessOf(
  method: ValidMethod,
  cls: CompressorClass,
  c: MethodCandidate,
  multiplier: number,
  monitor: SearchMonitor,
): MethodWitness {
  const e = methodSides(method, cls, c, multiplier, monitor);
  return {
    n: c.n,
    d: c.d,
    multiplier,
    ratio: ratioOf(e.sides),
    lhs: e.sides.lhs,
    rhs: e.sides.rhs,
    scale: e.sides.scale,
    phi: e.phi,
    decrease: e.decrease,
    noise: e.noise,
    outcomes: e.outcomes,
    params: (e.params ?? null) as Json,
    instance: candidateJson(method, cls, c),
  };
}

/** A CallFailure as a failure. */
export function failureOf(method: ValidMethod, cls: CompressorClass, f: CallFailure): MethodFailure {
  return {
    kind: f.error.defect,
    call: f.error.call,
    message: f.error.message,
    instance: candidateJson(method, cls, f.candidate),
    multiplier: f.multiplier,
  };
}

/**
 * @example
 * runMethodCheck(validateMethod(myEf21, 'my-ef21'), { seed: 1, effort: 'quick', cls: 'contractive', monitor }).status;
 * // returns 'pass'
 */
export function runMethodCheck(method: ValidMethod, o: RunMethodOptions): MethodVerdict {
  const started = Date.now();
  // Every evaluation of the sides is counted, so a defect that stops the search still says how far it got.
  let evaluations = 0;
  const monitor: SearchMonitor = {
    enter: (call) => o.monitor.enter(call),
    leave: () => o.monitor.leave(),
    evaluating: (c, m) => {
      evaluations++;
      o.monitor.evaluating(c, m);
    },
  };
  const space = methodSpace({ method, cls: o.cls, monitor });
  const sizes = methodSearchSizes(o.effort);
  const base = {
    method: method.name,
    source: method.source,
    class: o.cls,
    claim: claimText(method),
    searched: space.description,
    seed: o.seed,
    effort: o.effort,
    replay: replayCommand(method, o),
  };
  try {
    const worst = worstCase(space, 1, foldIn(key(o.seed), 0), sizes);
    const witness = witnessOf(method, o.cls, worst.candidate, 1, monitor);
    if (worst.violated) {
      const failure: MethodFailure = {
        kind: 'violation',
        call: null,
        message: `E Φ(step(state)) exceeds Φ(state) − decrease${method.stochastic ? ' + noise' : ''} by ${(worst.sides.lhs - worst.sides.rhs).toPrecision(6)} (ratio ${worst.ratio.toPrecision(10)}) at γ = gamma, n = ${witness.n}, d = ${witness.d}`,
        instance: witness.instance,
        multiplier: 1,
      };
      return {
        ...base,
        status: 'fail',
        worstRatio: worst.ratio,
        worst: witness,
        failure,
        criticalMultiplier: null,
        below: null,
        atCritical: null,
        evaluations,
        seconds: (Date.now() - started) / 1000,
      };
    }
    const critical = criticalMultiplier(space, foldIn(key(o.seed), 1), sizes, [worst.candidate]);
    const atCritical =
      critical.counterexample === null || critical.multiplier === null
        ? null
        : witnessOf(method, o.cls, critical.counterexample.candidate, critical.multiplier, monitor);
    return {
      ...base,
      status: 'pass',
      worstRatio: worst.ratio,
      worst: witness,
      failure: null,
      criticalMultiplier: critical.multiplier,
      below: critical.below,
      atCritical,
      evaluations,
      seconds: (Date.now() - started) / 1000,
    };
  } catch (e) {
    // A UserCallError outside the search's own evaluations (a witness re-evaluated) has no candidate to show.
    const failure: MethodFailure | null =
      e instanceof CallFailure
        ? failureOf(method, o.cls, e)
        : e instanceof UserCallError
          ? { kind: e.defect, call: e.call, message: e.message, instance: null, multiplier: null }
          : null;
    if (failure === null) throw e;
    return {
      ...base,
      status: 'fail',
      worstRatio: NaN,
      worst: null,
      failure,
      criticalMultiplier: null,
      below: null,
      atCritical: null,
      evaluations,
      seconds: (Date.now() - started) / 1000,
    };
  }
}
