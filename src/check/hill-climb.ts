/**
 * A search that climbs towards the worst ratio : from a starting input, propose local moves that are
 * known to make contracts tight (create ties, zero an entry, move a magnitude to (4/3)·2^a, jitter, swap) and keep
 * a move when the ratio does not decrease.
 *
 * The objective uses common random numbers (the same keys for every proposal), so it is a deterministic function
 * of x and climbing is well defined; it also overfits that fixed stream, so the climber never reports violations
 * itself: its end point is re-checked with a fresh key and the full statistics (src/check/check-family.ts).
 * A proposal on which compress misbehaves (throws, NaN, wrong shape) scores +∞, so the climber walks into it and
 * the re-check reports it — except a non-finite output where Σx_j² overflows or underflows to 0, which the range
 * rule sets aside (judge-input.ts): that proposal scores −∞, so the climber stays where the verdict is judged.
 */
import { powerOfTwoScale } from '../linalg/norms.ts';
import { foldIn, generator, type Key } from '../rng/key.ts';
import { squareRange } from './square-range.ts';
import type { CheckSubject } from './types.ts';

export interface ClimbResult {
  readonly x: Float64Array;
  /** Ratio over the declared bound (∞ for a misbehaving compress). */
  readonly objective: number;
  readonly steps: number;
  /** compress calls spent. */
  readonly samples: number;
}

/** Ratio of the contract (E‖C − x‖²/‖x‖², or max ‖C − x‖²/deltaSq) under fixed keys, divided by the bound. */
function objectiveOf(
  subject: CheckSubject,
  x: Float64Array,
  k: Key,
  samples: number,
  spent: { calls: number },
  strictRange: boolean,
): number {
  const d = x.length;
  const c = subject.contract;
  const absolute = c.kind === 'absolute';
  const bound = c.kind === 'contractive' ? 1 - c.alpha : c.kind === 'unbiased' ? c.omega : 1;
  const s = absolute ? 1 : powerOfTwoScale(x);
  let uNormSq = 0;
  for (let j = 0; j < d; j++) uNormSq += (x[j] / s) ** 2;
  if (uNormSq === 0) return 0;
  const norm = absolute ? (c.deltaSq > 0 ? c.deltaSq : 1) : uNormSq;
  const per = (r: number): number => (bound > 0 ? r / bound : r > 0 ? Infinity : 0);
  if (!absolute && subject.expectation !== undefined) {
    const e = subject.expectation(Float64Array.from(x, (v) => v / s));
    if (e !== undefined) return Number.isFinite(e.errorSq) ? per(e.errorSq / uNormSq) : Infinity;
  }
  let total = 0;
  let max = 0;
  let n = 0;
  for (let i = 0; i < samples; i++) {
    spent.calls++;
    let out: unknown;
    let draws: number | undefined;
    try {
      ({ output: out, draws } = subject.run(Float64Array.from(x), foldIn(k, i)));
    } catch {
      return Infinity;
    }
    if (!(out instanceof Float64Array) || out.length !== d) return Infinity;
    if (!strictRange && !out.every(Number.isFinite) && squareRange(x) !== 'representable') return -Infinity;
    let e = 0;
    for (let j = 0; j < d; j++) e += (out[j] / s - x[j] / s) ** 2;
    if (!Number.isFinite(e)) return Infinity;
    const r = e / norm;
    total += r;
    max = Math.max(max, r);
    n++;
    if (subject.deterministic || draws === 0) break;
  }
  return per(absolute ? max : total / n);
}

/**
 * Climbs from `start` for `steps` proposals. Pure: the start is not modified, randomness comes from `k`.
 * `strictRange` as in judge-input.ts (default: the range rule applies).
 * @example
 * hillClimb(subjectOf(topK(4, 1)), Float64Array.of(1, 0.5, 0.25, 0), key(0), 50, 1).objective;
 * // returns 1 (all-equal magnitudes: ‖C(x) − x‖² = (1 − k/d)‖x‖²)
 */
export function hillClimb(
  subject: CheckSubject,
  start: Float64Array,
  k: Key,
  steps: number,
  samples: number,
  strictRange = false,
): ClimbResult {
  const d = start.length;
  const [kObjective, kMoves] = [foldIn(k, 0), foldIn(k, 1)];
  const spent = { calls: 0 };
  let x = Float64Array.from(start);
  let best = objectiveOf(subject, x, kObjective, samples, spent, strictRange);
  const g = generator(kMoves);
  const pick = (): number => Math.floor(g.double() * d);
  let step = 0;
  for (; step < steps && best !== Infinity; step++) {
    const y = Float64Array.from(x);
    const j = pick();
    const move = Math.floor(g.double() * 7);
    let maxAbs = 0;
    for (let i = 0; i < d; i++) maxAbs = Math.max(maxAbs, Math.abs(y[i]));
    switch (move) {
      case 0: // multiplicative jitter
        y[j] *= Math.exp(0.5 * (g.double() * 2 - 1));
        break;
      case 1: // tie with the largest magnitude
        y[j] = (g.double() < 0.5 ? -1 : 1) * (maxAbs > 0 ? maxAbs : 1);
        break;
      case 2: // tie with another entry
        y[j] = Math.abs(y[pick()]) * Math.sign(y[j] === 0 ? 1 : y[j]);
        break;
      case 3: // exact zero
        y[j] = 0;
        break;
      case 4: {
        // natural compression's worst point in this entry's binade
        const a = y[j] === 0 ? 0 : Math.floor(Math.log2(Math.abs(y[j])));
        y[j] = Math.sign(y[j] === 0 ? 1 : y[j]) * (4 / 3) * 2 ** a;
        break;
      }
      case 5: {
        // swap two entries
        const i = pick();
        const t = y[i];
        y[i] = y[j];
        y[j] = t;
        break;
      }
      default: // shrink towards a small entry (dominant-entry shapes)
        y[j] *= 0.5 * g.double();
    }
    let nonzero = false;
    for (let i = 0; i < d; i++) if (y[i] !== 0 && Number.isFinite(y[i])) nonzero = true;
    if (!nonzero) continue;
    const value = objectiveOf(subject, y, kObjective, samples, spent, strictRange);
    if (value >= best) {
      best = value;
      x = y;
    }
  }
  return { x, objective: best, steps: step, samples: spent.calls };
}
