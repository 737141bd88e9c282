/**
 * TEMPLATE — copy to theorems/<group>/<id>.ts, rename, fill in, register in theorems/index.ts, write
 * theorems/<group>/<id>.spec.ts beside it, run `npm run theorems:readme`. (PEPit's example_template.py, for TS.)
 * A worked example: theorems/total-error/top-k-best-k-term.ts. The toy claim below (Young's inequality with s = 1,
 * docs/theory.md §0.3 L3) is real and compiles, so the template can be checked like any other file; it is not registered.
 *
 * The header keeps this order, one paragraph each:
 *
 * <Title: one line, the claim in words.>
 *
 * Setting: the problem class and constants (f, f_i, L, L_i, L̃, σ, n, d), and which of them the check generates.
 *   Here: x, y ∈ ℝ^d arbitrary.
 * Algorithm: the method or compressor and the file it comes from (src/algorithms/…, src/compressors/…), with the
 *   update in the paper's notation. Here: none (a lemma).
 * Claim: the inequality exactly as checked, both sides named. Here: ‖x + y‖² ≤ 2‖x‖² + 2‖y‖².
 * Kind: deterministic | identity | upper-in-expectation | lower-in-expectation | rate | experiment, and how it is
 *   checked (pathwise from arbitrary states; exact expectation by enumeration; Monte Carlo at z = 6; log–log fit).
 * Reference: authors (year), title, venue, theorem number; docs/theory.md §x.y with its provenance tag [P]/[D]/[R].
 *   [D]/[R] forms are "derived form of Theorem N" everywhere, never the paper's own constants.
 * Teeth: where the theory allows failure and what the companion checks (4–8× the step size; a noise term removed;
 *   a weaker compressor; a method that escapes a lower bound). Here: the constant 2 replaced by 1.
 *
 * Rules of the house (docs/design.md §2–§4):
 * - Pure functions return BOTH sides plus `scale` = Σ|summands| (Sides); no assertion inside them. The spec and
 *   `check` call the same functions.
 * - Transcribe each constant once, with its equation number, and pin it in the spec against a hand-computed value.
 * - `check(seed, budget)`: all randomness from `key(seed)` via foldIn/split (one stream per sub-check:
 *   foldIn(root, 1), foldIn(root, 2), …; one per trial: foldIn(stream, t)); sizes from budgetSizes(budget) so that
 *   `quick` takes well under a second. No file system, no console, no clock: return verdicts, tables, figures,
 *   notes. Vectors in counterexamples as plain number arrays.
 * - Verdict builders (src/report/verdict.ts): verdictOverTrials(ctx, 'deterministic' | 'identity', trials) for
 *   many pathwise instances (reports the worst one); upperInExpectationVerdict / lowerInExpectationVerdict with
 *   meanSe(samples) (z = 6) when an expectation cannot be enumerated; identityVerdict when it can (exact
 *   expectation against its closed form); rateVerdict(ctx, fit, predicted) for exponents, with the fit over every
 *   run (fitRuns in theorems/rate-scaling/_lib/stationary-error.ts) or logLogFitGrouped over seeded instances, never a
 *   handful of means: the verdict's z = 6-level interval needs degrees of freedom (a 5-point fit is inconclusive).
 *   Pass `dof` to the expectation builders when se rests on a handful of samples.
 *   A teeth companion is the same builder with `expectation: 'may-fail'`: it passes when it finds a violation.
 * - Figures: { kind: 'line', … } (log y, one line per series; bounds as `reference: true` series) or
 *   { kind: 'fit', points, fit: logLogFit(…), predictedSlope }. src/report renders SVG, PNG and JSON.
 *
 * - Layout: the file reads as mathematics — header, meta, constants, instance, both sides, then check(). Runs,
 *   sweeps, tables and figures go to theorems/<group>/_lib/ (or theorems/_lib/ when groups share them:
 *   claimContext, seededTrials, adversaryCheck/adversaryNote, worstByZ, pairedComparison, transcribedVerdict, fmt);
 *   a theorem file is rarely over 150 lines.
 * - Power: a claim that passes must state what it would have detected (docs/adversary.md, "How power is stated"):
 *   m*, teeth that fire, a Monte Carlo test that can see a violation the size of its bound, or an exponent resolved
 *   to better than ±0.5. A check with none of these is reported with asObserved, saying what power it lacks.
 *
 * The spec (<id>.spec.ts) has, in this order:
 * 1. the property: fast-check instances at unit scale (divide by powerOfTwoScale, docs/design.md §3), asserting
 *    lhs ≤ rhs + DEFAULT_RTOL·scale + DEFAULT_FLOOR through the pure sides function; no `seed:` in fc.assert;
 * 2. transcription pins: each constant against a hand-computed number;
 * 3. teeth: `fc.check(…, { numRuns: … })` at the breaking setting must report `failed: true` (or an explicit
 *    hand-made counterexample);
 * 4. only what is specific to the claim's check() (an m* bound, a named shrunk counterexample). That every claim
 *    passes at quick, states its power and is deterministic in its seed is theorems/_lib/registry-at-quick.ts's job,
 *    for the whole registry: do not copy it.
 * Statistical specs use z = 6 (src/stats/mean-se.ts) and record the sample count; never a bare absolute tolerance.
 */
import { norm2sq, type ReadonlyVector } from '../src/linalg/vector.ts';
import { foldIn, key, type Key } from '../src/rng/key.ts';
import { integerBelow, normal } from '../src/rng/sample.ts';
import { verdictOverTrials, type Sides } from '../src/report/verdict.ts';
import {
  budgetSizes,
  theoremFile,
  type Budget,
  type Theorem,
  type TheoremMeta,
  type TheoremResult,
  type Trial,
} from './types.ts';
import { claimContext } from './_lib/claim-context.ts';
import { seededTrials } from './_lib/seeded-trials.ts';

export const meta: TheoremMeta = {
  id: 'template-young',
  title: 'Young’s inequality with s = 1 (template)',
  group: 'compressors',
  paper: { authors: 'folklore', year: 1912 },
  theorem: 'Lemma L3',
  provenance: 'D',
  kind: 'deterministic',
  statement: 'For all x, y ∈ ℝ^d: ‖x + y‖² ≤ 2‖x‖² + 2‖y‖² (docs/theory.md §0.3, L3 with s = 1)',
  file: theoremFile(import.meta.url),
};

/** Both sides; `c` is the constant (2 in the claim; the teeth use 1). */
export function youngSides(x: ReadonlyVector, y: ReadonlyVector, c = 2): Sides {
  let lhs = 0;
  for (let j = 0; j < x.length; j++) lhs += (x[j] + y[j]) ** 2;
  const nx = norm2sq(x);
  const ny = norm2sq(y);
  return { lhs, rhs: c * nx + c * ny, scale: lhs + c * nx + c * ny };
}

/** One seeded instance: d uniform in 1…8, x and y Gaussian. */
function draw(k: Key): { x: Float64Array; y: Float64Array } {
  const d = 1 + integerBelow(foldIn(k, 0), 8);
  return { x: normal(foldIn(k, 1), d), y: normal(foldIn(k, 2), d) };
}

export async function check(seed: number, budget: Budget): Promise<TheoremResult> {
  const { trials } = budgetSizes(budget);
  const root = key(seed);
  const ctx = { ...claimContext(meta, seed, budget), claim: '‖x + y‖² ≤ 2‖x‖² + 2‖y‖²' };
  const trialsWith = (stream: number, c: number): Trial[] =>
    seededTrials(root, stream, trials, (k) => {
      const { x, y } = draw(k);
      return { ...youngSides(x, y, c), instance: { x: Array.from(x), y: Array.from(y) } };
    });
  return {
    verdicts: [
      verdictOverTrials({ ...ctx, check: 'random Gaussian x, y' }, 'deterministic', trialsWith(1, 2)),
      verdictOverTrials(
        { ...ctx, check: 'teeth: constant 1 instead of 2', claim: '‖x + y‖² ≤ ‖x‖² + ‖y‖²', expectation: 'may-fail' },
        'deterministic',
        trialsWith(2, 1),
      ),
    ],
    notes: [`${trials} Gaussian pairs with d uniform in 1…8.`],
  };
}

export const theorem: Theorem = { meta, check };
