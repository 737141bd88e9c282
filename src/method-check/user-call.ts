/**
 * Every call into a user's method goes through here: it is announced to a monitor (the worker's watchdog times
 * it, check-method.ts), a throw becomes a UserCallError naming the function, and what comes back is checked —
 * finite numbers, a state of the declared shape, an input state left untouched. The checks turn a method's
 * defects into findings with the function's name, instead of NaN ratios the climber would silently step around.
 */
import { describeError, describeValue } from '../check/evaluate-input.ts';
import type { MethodParams } from './user-method.ts';

export type CallName = 'load' | 'parameters' | 'step' | 'lyapunov' | 'decrease' | 'noise';

/** Call names by code, as the watchdog's shared memory carries them (0 = no call running). */
export const CALL_CODES: readonly CallName[] = ['load', 'parameters', 'step', 'lyapunov', 'decrease', 'noise'];

export type CallDefect = 'throw' | 'shape' | 'non-finite' | 'mutation' | 'timeout';

export class UserCallError extends Error {
  override readonly name = 'UserCallError';
  constructor(
    readonly call: CallName,
    readonly defect: CallDefect,
    message: string,
  ) {
    super(message);
  }
}

/** Told when a user call starts and ends; the worker's implementation lets the main thread time each call. */
export interface CallMonitor {
  enter(call: CallName): void;
  leave(): void;
}

export const NO_MONITOR: CallMonitor = { enter: () => undefined, leave: () => undefined };

/** Runs one user call under the monitor; a throw becomes a UserCallError naming the call. */
export function userCall<T>(monitor: CallMonitor, call: CallName, f: () => T): T {
  monitor.enter(call);
  try {
    return f();
  } catch (e) {
    if (e instanceof UserCallError) throw e;
    throw new UserCallError(call, 'throw', `${call} threw ${describeError(e)}`);
  } finally {
    monitor.leave();
  }
}

/** A finite number, or a UserCallError. */
export function finiteNumber(call: CallName, v: unknown): number {
  if (typeof v !== 'number')
    throw new UserCallError(call, 'shape', `${call} must return a number, got ${describeValue(v)}`);
  if (!Number.isFinite(v)) throw new UserCallError(call, 'non-finite', `${call} returned ${v}`);
  return v;
}

/** A fresh Float64Array copy of an array-like of d finite numbers, or a UserCallError naming `what`. */
export function vectorOf(call: CallName, what: string, v: unknown, d: number): Float64Array {
  const len = v !== null && typeof v === 'object' ? (v as { length?: unknown }).length : undefined;
  if (typeof len !== 'number')
    throw new UserCallError(
      call,
      'shape',
      `${call} returned ${what} = ${describeValue(v)}, expected a vector of length ${d}`,
    );
  if (len !== d) throw new UserCallError(call, 'shape', `${call} returned ${what} of length ${len}, expected d = ${d}`);
  const out = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    const x = (v as ArrayLike<unknown>)[j];
    if (typeof x !== 'number')
      throw new UserCallError(call, 'shape', `${call} returned ${what}[${j}] = ${describeValue(x)}, expected a number`);
    if (!Number.isFinite(x)) throw new UserCallError(call, 'non-finite', `${call} returned ${what}[${j}] = ${x}`);
    out[j] = x;
  }
  return out;
}

/** parameters(c)'s result checked: gamma finite and > 0, every other entry a finite number or array of them. */
export function paramsOf(v: unknown): MethodParams {
  if (v === null || typeof v !== 'object')
    throw new UserCallError(
      'parameters',
      'shape',
      `parameters must return an object { gamma, … }, got ${describeValue(v)}`,
    );
  const out: Record<string, number | readonly number[]> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    if (typeof x === 'number') {
      if (!Number.isFinite(x)) throw new UserCallError('parameters', 'non-finite', `parameters returned ${k} = ${x}`);
      out[k] = x;
    } else if (Array.isArray(x) && x.every((e) => typeof e === 'number')) {
      const bad = x.findIndex((e: number) => !Number.isFinite(e));
      if (bad >= 0) throw new UserCallError('parameters', 'non-finite', `parameters returned ${k}[${bad}] = ${x[bad]}`);
      out[k] = Object.freeze([...(x as number[])]);
    } else
      throw new UserCallError(
        'parameters',
        'shape',
        `parameters returned ${k} = ${describeValue(x)}, expected a number or an array of numbers`,
      );
  }
  const gamma = out.gamma;
  if (typeof gamma !== 'number')
    throw new UserCallError(
      'parameters',
      'shape',
      `parameters must return gamma, a number (got ${describeValue(gamma)})`,
    );
  if (!(gamma > 0))
    throw new UserCallError('parameters', 'shape', `parameters returned gamma = ${gamma}; a step size must be > 0`);
  return Object.freeze(out) as MethodParams;
}
