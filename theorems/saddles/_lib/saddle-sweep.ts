/**
 * The experiment both saddle claims read (docs/saddles.md): for each dimension d and seed, one rotated saddle
 * (src/problems/strict-saddle.ts or double-wells.ts), one start x⁰ near its saddle, and the rounds SGD and compressed
 * SGD need to reach an ε-SOSP from it (iterations-to-sosp.ts), run on common random numbers: every method of a
 * pair uses the same run key, so the oracle's noise ξ^t is the same draw for all of them and the ratio of their
 * hitting times carries only the compressor's randomness and the trajectories' divergence.
 *
 * The regime is this file's design, not the paper's (its constants were not retrieved, docs/theory.md §A4):
 *   ε = 0.05, so √(ρε) = √0.6 ≈ 0.77 with ρ = 12: the saddle (λ_min = −1) is not an ε-SOSP, the minimisers are;
 *   σ = 0.1 total (E‖ξ‖² = σ², src/oracles/gaussian.ts), small enough that every method's noise floor near the
 *     minimiser stays below ε (RandK's is ≈ 1.5ησ²/K in ‖∇f‖², at most 1.9·10⁻⁴ against ε² = 2.5·10⁻³ for K ≥ 4,
 *     i.e. every d ≥ 10);
 *   η = 0.05 for every method: ηL = 0.55 with the slab's L = 11, and the runs only reach |y| ≈ 1, where the
 *     curvature is at most 3·1.1² − 1 ≈ 2.6;
 *   x⁰ = r₀·w, r₀ = 0.01, w uniform on the unit sphere of ℝ^d (a point of Jin et al.'s perturbation ball): its
 *     component along the escape direction u₂ is ≈ r₀/√d, no larger than what SGD's noise adds to it while it grows
 *     (Σ_t (1 + η)^{−t}ηξ_t has sd σ√(η/2)/√d ≈ 0.016/√d), so start and noise share the escape, and RandK's larger
 *     noise along u₂ (σ²/K against σ²/d) is felt; from exactly the saddle the noise alone escapes (the claim's teeth
 *     controls);
 *   K(d) = ⌈√d⌉: the reconstructed K ≈ √d·ε^{3/4} (docs/theory.md §7 [R]) at fixed ε is c√d; c = 1 is our choice.
 */
import { gd } from '../../../src/algorithms/gd.ts';
import { randKEfSgd } from '../../../src/algorithms/rand-k-ef-sgd.ts';
import { randKSgd } from '../../../src/algorithms/rand-k-sgd.ts';
import type { Algorithm, MethodState } from '../../../src/algorithms/types.ts';
import type { ReadonlyVector } from '../../../src/linalg/vector.ts';
import { gaussianOracle } from '../../../src/oracles/gaussian.ts';
import { doubleWells } from '../../../src/problems/double-wells.ts';
import type { SaddleProblem } from '../../../src/problems/saddle-problem.ts';
import { strictSaddle } from '../../../src/problems/strict-saddle.ts';
import { foldIn, type Key } from '../../../src/rng/key.ts';
import { normal } from '../../../src/rng/sample.ts';
import { iterationsToSosp, type SospRun } from './iterations-to-sosp.ts';

export const SADDLE_SETTING = { epsilon: 0.05, sigma: 0.1, eta: 0.05, r0: 0.01, maxRounds: 3000 } as const;

/** Negative curvatures of the double-wells instance: all three beyond √(ρε) ≈ 0.77, so an ε-SOSP must escape all three. */
export const DOUBLE_WELLS = [1, 0.9, 0.8] as const;

/**
 * K(d) = ⌈√d⌉.
 * @example
 * kOf(1000);
 * // returns 32
 */
export function kOf(d: number): number {
  return Math.ceil(Math.sqrt(d));
}

export type SaddleInstance = 'strict-saddle' | 'double-wells';

export type SweepMethod = 'sgd' | 'rand-k' | 'rand-k-ef';

export interface SweepRun {
  readonly d: number;
  readonly seed: number;
  readonly k: number;
  readonly runs: Readonly<Partial<Record<SweepMethod, SospRun>>>;
}

export interface SweepOptions {
  readonly instance?: SaddleInstance;
  readonly methods: readonly SweepMethod[];
  /** Overrides of the setting (the teeth change σ, η, r₀). */
  readonly sigma?: number;
  readonly eta?: number;
  readonly r0?: number;
  readonly maxRounds?: number;
  /** K as a function of d (default kOf). */
  readonly k?: (d: number) => number;
}

/** The problem and start of one (d, seed) cell: same key, same instance, whatever the methods. */
export function saddleInstance(
  cell: Key,
  d: number,
  instance: SaddleInstance,
  r0: number,
): { problem: SaddleProblem; x0: ReadonlyVector } {
  const problem =
    instance === 'strict-saddle'
      ? strictSaddle({ d, key: foldIn(cell, 0) })
      : doubleWells({ d, key: foldIn(cell, 0), wells: DOUBLE_WELLS });
  const w = normal(foldIn(cell, 1), d);
  let nw = 0;
  for (let j = 0; j < d; j++) nw += w[j] * w[j];
  nw = Math.sqrt(nw);
  const x0 = new Float64Array(d);
  if (r0 > 0) for (let j = 0; j < d; j++) x0[j] = (r0 * w[j]) / nw;
  return { problem, x0 };
}

/** One (d, seed) cell: every requested method from the same x⁰ with the same run key. */
export function sweepCell(root: Key, d: number, seed: number, o: SweepOptions): SweepRun {
  const s = SADDLE_SETTING;
  const eta = o.eta ?? s.eta;
  const k = (o.k ?? kOf)(d);
  const cell = foldIn(foldIn(root, d), seed);
  const { problem, x0 } = saddleInstance(cell, d, o.instance ?? 'strict-saddle', o.r0 ?? s.r0);
  const oracle = gaussianOracle(problem, o.sigma ?? s.sigma);
  const runKey = foldIn(cell, 2);
  const maxRounds = o.maxRounds ?? s.maxRounds;
  const runs: Partial<Record<SweepMethod, SospRun>> = {};
  const run = <P, S extends MethodState>(alg: Algorithm<P, S>): SospRun =>
    iterationsToSosp(alg, oracle, problem, s.epsilon, maxRounds, runKey);
  for (const m of o.methods)
    runs[m] =
      m === 'sgd'
        ? run(gd({ gamma: eta, x0 }))
        : m === 'rand-k'
          ? run(randKSgd({ eta, k, x0 }))
          : run(randKEfSgd({ eta, k, x0 }));
  return { d, seed, k, runs };
}

/** Every cell of dims × seeds. */
export function saddleSweep(root: Key, dims: readonly number[], seeds: number, o: SweepOptions): SweepRun[] {
  const out: SweepRun[] = [];
  for (const d of dims) for (let r = 0; r < seeds; r++) out.push(sweepCell(root, d, r, o));
  return out;
}
