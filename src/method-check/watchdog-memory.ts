/**
 * The memory the method checker's worker shares with its watchdog (the main thread): which user call is running
 * and since when, the search phase, and the candidate being evaluated. The worker writes it around every call
 * (a few stores: cheap next to the call); the main thread reads it while polling, and when one call has run past
 * its time limit it terminates the worker and rebuilds the candidate from these numbers to say where it hung.
 */
import { encodeCandidate, type CandidateShape, type SearchMonitor } from './method-space.ts';
import { CALL_CODES, type CallName } from './user-call.ts';

/** Search phases: the module loading, the probe instance, the adversary's search. */
export type Phase = 'load' | 'probe' | 'search';
const PHASES: readonly Phase[] = ['load', 'probe', 'search'];

// Int32 slots.
const CALL = 0;
const PHASE = 1;
const HAS_CANDIDATE = 2;
const N = 3;
const D = 4;
const Z_LENGTH = 5;
const SUPPORT_COUNT = 6;
const EVALUATIONS = 7;
const SUPPORTS = 8; // 3 slots
const INT_SLOTS = 16;
// Float64 slots after the Int32 block.
const START = 0;
const MULTIPLIER = 1;
const Z = 2;
/** Coordinates of the largest candidate (n = d = 3, a few hyperparameters, 3-point noise) fit with room to spare. */
const MAX_Z = 1024;

export function sharedWatchdogMemory(): SharedArrayBuffer {
  return new SharedArrayBuffer(INT_SLOTS * 4 + (Z + MAX_Z) * 8);
}

function views(buffer: SharedArrayBuffer): { i32: Int32Array; f64: Float64Array } {
  return { i32: new Int32Array(buffer, 0, INT_SLOTS), f64: new Float64Array(buffer, INT_SLOTS * 4) };
}

/** The worker's side: a SearchMonitor that records every call and candidate in the shared memory. */
export function watchdogWriter(buffer: SharedArrayBuffer): SearchMonitor & { phase(p: Phase): void } {
  const { i32, f64 } = views(buffer);
  return {
    phase(p) {
      Atomics.store(i32, PHASE, PHASES.indexOf(p));
    },
    enter(call) {
      f64[START] = Date.now();
      Atomics.store(i32, CALL, CALL_CODES.indexOf(call) + 1);
    },
    leave() {
      Atomics.store(i32, CALL, 0);
    },
    evaluating(c, multiplier) {
      const z = encodeCandidate(c);
      Atomics.add(i32, EVALUATIONS, 1);
      if (z.length > MAX_Z || c.noise.length > 3) {
        Atomics.store(i32, HAS_CANDIDATE, 0);
        return;
      }
      i32[N] = c.n;
      i32[D] = c.d;
      i32[Z_LENGTH] = z.length;
      i32[SUPPORT_COUNT] = c.noise.length;
      for (let i = 0; i < c.noise.length; i++) i32[SUPPORTS + i] = (c.noise[i].length - 1) / (c.d + 1);
      f64[MULTIPLIER] = multiplier;
      f64.set(z, Z);
      Atomics.store(i32, HAS_CANDIDATE, 1);
    },
  };
}

/** What the watchdog reads: the running call (null if none) and how long it has run. */
export interface RunningCall {
  readonly call: CallName | null;
  readonly elapsedMs: number;
  readonly phase: Phase;
  readonly evaluations: number;
}

export function readRunningCall(buffer: SharedArrayBuffer, now: number): RunningCall {
  const { i32, f64 } = views(buffer);
  const code = Atomics.load(i32, CALL);
  return { call: code === 0 ? null : CALL_CODES[code - 1], elapsedMs: now - f64[START], phase: PHASES[Atomics.load(i32, PHASE)], evaluations: Atomics.load(i32, EVALUATIONS) };
}

/** The candidate last announced (its shape and coordinates), or null. */
export function readCandidate(buffer: SharedArrayBuffer): { shape: CandidateShape; z: Float64Array; multiplier: number } | null {
  const { i32, f64 } = views(buffer);
  if (Atomics.load(i32, HAS_CANDIDATE) !== 1) return null;
  const supports = Array.from({ length: i32[SUPPORT_COUNT] }, (_, i) => i32[SUPPORTS + i]);
  return { shape: { n: i32[N], d: i32[D], supports }, z: f64.slice(Z, Z + i32[Z_LENGTH]), multiplier: f64[MULTIPLIER] };
}
