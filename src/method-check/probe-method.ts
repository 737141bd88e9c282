/**
 * Before any search, each of the module's functions runs once on a fixed, benign instance (n = 2, d = 2, positive
 * definite, moderate numbers). A module that throws there, returns the wrong shape, a non-finite value, or writes
 * into its input cannot be searched at all: that is a ModuleShapeError (exit 2) naming the function, not a
 * finding about the method.
 */
import { ModuleShapeError } from '../check/user-module.ts';
import type { MethodCandidate } from './method-candidate.ts';
import { methodSides } from './method-sides.ts';
import { emptyCandidate, type SearchMonitor } from './method-space.ts';
import { UserCallError } from './user-call.ts';
import type { CompressorClass } from './user-method.ts';
import type { ValidMethod } from './validate-method.ts';

/** The probe candidate for a method's shape: every coordinate a fixed small number, α ≈ ½ or ω = 5, σ = 1. */
export function probeCandidate(method: ValidMethod): MethodCandidate {
  const n = 2;
  const d = 2;
  const like = emptyCandidate(method, { n, d, supports: method.stochastic ? [2, 2] : [] });
  const vector = (s: number): Float64Array => Float64Array.of(0.5 + 0.25 * s, -1 + 0.125 * s);
  return {
    ...like,
    // A_1 = [[2, 0.5], [0.5, 1]], A_2 = [[1, 0], [0, 3]]: positive definite, L_1 ≠ L_2.
    a: [Float64Array.of(2, 0.5, 1), Float64Array.of(1, 0, 3)],
    b: [Float64Array.of(0.25, -0.5), Float64Array.of(1, 0.5)],
    master: method.master.map((_, k) => vector(k)),
    perNode: method.perNode.map((_, k) => [vector(k + 1), vector(k + 3)]),
    w: [Float64Array.of(1, 0), Float64Array.of(0, 1)],
    beta: Float64Array.of(0, 0),
    classAngle: 0,
    hyper: new Float64Array(method.hyperparameters.length),
    noise: like.noise.map(() => Float64Array.of(1, 0, -1, 1, 0, 0, 0)),
    sigma: 1,
  };
}

/**
 * Runs the module once on the probe instance; a user defect becomes a ModuleShapeError.
 * @example
 * probeMethod(validateMethod(myEf21, 'my-ef21'), 'contractive', monitor); // returns nothing, or throws
 */
export function probeMethod(method: ValidMethod, cls: CompressorClass, monitor: SearchMonitor): void {
  const c = probeCandidate(method);
  monitor.evaluating(c, 1);
  try {
    methodSides(method, cls, c, 1, monitor);
  } catch (e) {
    if (e instanceof UserCallError)
      throw new ModuleShapeError(`${method.name}: fails on a benign probe instance (n = 2, d = 2): ${e.message}`);
    throw e;
  }
}
