/**
 * The memory the compressor checker's worker shares with its watchdog: after the call clock
 * (watchdog/call-clock.ts), the dimension and input vector of the running call, and the run's tally so far. The
 * worker writes the input before every compress call (one copy of d doubles, cheap next to the call itself); when
 * a call runs past its limit the main thread terminates the worker and reads here which input hung it
 * (check-module.ts).
 */
import type { Progress } from './check-family.ts';
import { CALL_CLOCK_BYTES, callClock } from './watchdog/call-clock.ts';

/** User code the worker runs: the module's top level, a contract parameter at d, compress. */
export type CompressorCall = 'load' | 'contract' | 'compress';
const CALLS: readonly CompressorCall[] = ['load', 'contract', 'compress'];

// Int32 slots after the clock.
const D = 0;
const HAS_X = 1;
const INPUTS = 2;
const EXACT = 3;
const CLIMB = 4;
const INT_SLOTS = 6; // even, so the Float64 block after it is 8-byte aligned

/** Room for inputs of up to `maxDim` coordinates. */
export function compressorWatchMemory(maxDim: number): SharedArrayBuffer {
  return new SharedArrayBuffer(CALL_CLOCK_BYTES + INT_SLOTS * 4 + maxDim * 8);
}

function views(buffer: SharedArrayBuffer): { i32: Int32Array; x: Float64Array } {
  return {
    i32: new Int32Array(buffer, CALL_CLOCK_BYTES, INT_SLOTS),
    x: new Float64Array(buffer, CALL_CLOCK_BYTES + INT_SLOTS * 4),
  };
}

/** The call a clock code stands for (0 = none). */
export function compressorCallOf(code: number): CompressorCall | null {
  return code === 0 ? null : CALLS[code - 1];
}

/** The worker's side. */
export interface CompressorWatch {
  /** A call starts; `d` is 0 while the module's own declaration is validated, `x` is given for compress. */
  enter(call: CompressorCall, d: number, x?: Float64Array): void;
  leave(): void;
  progress(tally: Progress): void;
}

export function compressorWatchWriter(buffer: SharedArrayBuffer): CompressorWatch {
  const { i32, x: slot } = views(buffer);
  const clock = callClock(buffer);
  return {
    enter(call, d, x) {
      i32[D] = d;
      const fits = x !== undefined && x.length <= slot.length;
      if (fits) slot.set(x);
      i32[HAS_X] = fits ? 1 : 0;
      clock.enter(CALLS.indexOf(call) + 1);
    },
    leave() {
      clock.leave();
    },
    progress(tally) {
      i32[INPUTS] = tally.inputs;
      i32[EXACT] = tally.exactInputs;
      i32[CLIMB] = tally.climbSteps;
    },
  };
}

/** The running call's dimension (what its time limit depends on), without copying its input. */
export function readRunningDim(buffer: SharedArrayBuffer): number {
  return views(buffer).i32[D];
}

/** The running call's dimension and input (null when there is none, or it did not fit). */
export function readRunningInput(buffer: SharedArrayBuffer): { d: number; x: number[] | null } {
  const { i32, x } = views(buffer);
  const d = i32[D];
  return { d, x: i32[HAS_X] === 1 ? Array.from(x.subarray(0, d)) : null };
}

/** The tally the run had reached. */
export function readProgress(buffer: SharedArrayBuffer): Progress {
  const { i32 } = views(buffer);
  return { inputs: i32[INPUTS], exactInputs: i32[EXACT], climbSteps: i32[CLIMB] };
}
