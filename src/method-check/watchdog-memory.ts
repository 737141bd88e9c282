/**
 * The memory the method checker's worker shares with its watchdog (the main thread): after the call clock
 * (src/check/watchdog/call-clock.ts: which user call is running and since when), the search phase and the
 * candidate being evaluated. The worker writes it around every call (a few stores: cheap next to the call); when
 * one call has run past its time limit the main thread terminates the worker and rebuilds the candidate from
 * these numbers to say where it hung.
 */
import { CALL_CLOCK_BYTES, callClock } from '../check/watchdog/call-clock.ts';
import { encodeCandidate, type CandidateShape, type SearchMonitor } from './method-space.ts';
import { CALL_CODES, type CallName } from './user-call.ts';

/** Search phases: the module loading, the probe instance, the adversary's search. */
export type Phase = 'load' | 'probe' | 'search';
const PHASES: readonly Phase[] = ['load', 'probe', 'search'];

// Int32 slots after the clock.
const PHASE = 0;
const HAS_CANDIDATE = 1;
const N = 2;
const D = 3;
const Z_LENGTH = 4;
const SUPPORT_COUNT = 5;
const EVALUATIONS = 6;
const SUPPORTS = 7; // 3 slots
const INT_SLOTS = 16;
// Float64 slots after the Int32 block.
const MULTIPLIER = 0;
const Z = 1;
/** Coordinates of the largest candidate (n = d = 3, a few hyperparameters, 3-point noise) fit with room to spare. */
const MAX_Z = 1024;

export function sharedWatchdogMemory(): SharedArrayBuffer {
  return new SharedArrayBuffer(CALL_CLOCK_BYTES + INT_SLOTS * 4 + (Z + MAX_Z) * 8);
}

function views(buffer: SharedArrayBuffer): { i32: Int32Array; f64: Float64Array } {
  return {
    i32: new Int32Array(buffer, CALL_CLOCK_BYTES, INT_SLOTS),
    f64: new Float64Array(buffer, CALL_CLOCK_BYTES + INT_SLOTS * 4),
  };
}

/** The call a clock code stands for (0 = none). */
export function callOf(code: number): CallName | null {
  return code === 0 ? null : CALL_CODES[code - 1];
}

/** The worker's side: a SearchMonitor that records every call and candidate in the shared memory. */
export function watchdogWriter(buffer: SharedArrayBuffer): SearchMonitor & { phase(p: Phase): void } {
  const { i32, f64 } = views(buffer);
  const clock = callClock(buffer);
  return {
    phase(p) {
      Atomics.store(i32, PHASE, PHASES.indexOf(p));
    },
    enter(call) {
      clock.enter(CALL_CODES.indexOf(call) + 1);
    },
    leave() {
      clock.leave();
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

/** The search's progress when a call ran too long: its phase and how many candidates it had evaluated. */
export function readProgress(buffer: SharedArrayBuffer): { phase: Phase; evaluations: number } {
  const { i32 } = views(buffer);
  return { phase: PHASES[Atomics.load(i32, PHASE)], evaluations: Atomics.load(i32, EVALUATIONS) };
}

/** The candidate last announced (its shape and coordinates), or null. */
export function readCandidate(
  buffer: SharedArrayBuffer,
): { shape: CandidateShape; z: Float64Array; multiplier: number } | null {
  const { i32, f64 } = views(buffer);
  if (Atomics.load(i32, HAS_CANDIDATE) !== 1) return null;
  const supports = Array.from({ length: i32[SUPPORT_COUNT] }, (_, i) => i32[SUPPORTS + i]);
  return { shape: { n: i32[N], d: i32[D], supports }, z: f64.slice(Z, Z + i32[Z_LENGTH]), multiplier: f64[MULTIPLIER] };
}
