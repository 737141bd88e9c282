/**
 * The head of the memory a checker's worker shares with its watchdog (the main thread): which user call is running
 * (a code, 0 = none), since when, and how many calls have started. The worker writes it around every call into
 * user code (a few stores: cheap next to the call); the main thread polls it and ends the worker when one call has
 * run past its limit (watched-worker.ts). Each checker lays its own record of the running input after this head
 * (src/method-check/watchdog-memory.ts, src/check/compressor-watch-memory.ts).
 */

/** Bytes of the head; a checker's own slots start here (a multiple of 8, so Float64 views can follow). */
export const CALL_CLOCK_BYTES = 16;

// Int32 slots.
const CODE = 0;
const CALLS = 1;
// Float64 slot (Date.now(): performance.now() has a different origin in each thread).
const START = 1;

/** The worker's side. */
export interface CallClock {
  /** A call into user code starts; `code` ≥ 1 names it in the checker's own table. */
  enter(code: number): void;
  leave(): void;
}

/** What the watchdog reads. */
export interface RunningCall {
  /** 0 when no user call is running. */
  readonly code: number;
  readonly elapsedMs: number;
  /** Calls started so far, the running one included. */
  readonly calls: number;
}

function views(buffer: SharedArrayBuffer): { i32: Int32Array; f64: Float64Array } {
  return { i32: new Int32Array(buffer, 0, 2), f64: new Float64Array(buffer, 0, 2) };
}

/**
 * @example
 * const clock = callClock(new SharedArrayBuffer(CALL_CLOCK_BYTES));
 * clock.enter(1); // … the user's call … ; clock.leave();
 */
export function callClock(buffer: SharedArrayBuffer): CallClock {
  const { i32, f64 } = views(buffer);
  return {
    enter(code) {
      f64[START] = Date.now();
      Atomics.add(i32, CALLS, 1);
      // The code last: a watchdog that sees it also sees this call's start time.
      Atomics.store(i32, CODE, code);
    },
    leave() {
      Atomics.store(i32, CODE, 0);
    },
  };
}

/**
 * @example
 * readCallClock(buffer, Date.now()).code;
 * // returns 0 (no user call running)
 */
export function readCallClock(buffer: SharedArrayBuffer, now: number): RunningCall {
  const { i32, f64 } = views(buffer);
  const code = Atomics.load(i32, CODE);
  return { code, elapsedMs: code === 0 ? 0 : now - f64[START], calls: Atomics.load(i32, CALLS) };
}
