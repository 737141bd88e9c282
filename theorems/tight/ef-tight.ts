/**
 * EF (error feedback) contracts its Lyapunov function at the tight rate ρ, and ρ is reached.
 *
 * Setting: n = 1, f L-smooth and μ-strongly convex, C deterministic with ‖C(v) − v‖² ≤ (1 − δ)‖v‖², s = sqrt(1 − δ).
 * Algorithm: EF [Stich & Karimireddy 2020 form, as analysed by Berg Thomsen et al.]:
 *   c = C(e + η∇f(x)),  x⁺ = x − c,  e⁺ = e + η∇f(x) − c,  at η* = 2/(L + μ) · (1 − s)/(1 + s).
 * Claim: V⁺ ≤ ρV for V = ‖x − x* − e‖² + s⁻¹‖e‖², ρ = s + ¼(1 + s)(L − μ)λ (_lib/tight-rate.ts), and some
 *   instance attains ρ: the rate is tight on both sides.
 * Kind: deterministic. Upper side: the adversary's worst V⁺/V over separable quadratic and log-cosh f, any state
 *   and any output of the class (the adversarial compressor) stays ≤ ρ up to rounding; lower side: it reaches ρ
 *   to 1e-6 relative — a search too weak to find the worst case fails here.
 * Reference: Berg Thomsen, Taylor, Dieuleveut (2025), "Error feedback: tight rates" (arXiv 2506.05271), the EF
 *   theorem; provenance [P]. η* and the Lyapunov matrices of V match the authors' code (theory_helpers.py); ρ's
 *   closed form is the paper's as transcribed in docs/tight-rates.md — not in the code we read — and its tightness
 *   is what the lower side confirms numerically on every (κ, δ) of the grid.
 * Teeth: the lower side itself (a bound 1e-6 below ρ is refuted), and m*: any step above η* is refuted just above
 *   1×, on a shrunk one-dimensional instance.
 */
import { theoremFile, type Budget, type Theorem, type TheoremMeta, type TheoremResult } from '../types.ts';
import { tightAdversary, tightCheck } from './_lib/tight-check.ts';
import { efMethod } from './_lib/tight-methods.ts';

export const meta: TheoremMeta = {
  id: 'ef-tight',
  title: 'EF: the tight linear rate ρ, reached by the adversary',
  group: 'tight',
  paper: { authors: 'Berg Thomsen, Taylor, Dieuleveut', year: 2025 },
  theorem: 'EF theorem',
  provenance: 'P',
  kind: 'deterministic',
  statement:
    'n = 1, f L-smooth μ-strongly convex, ‖C(v) − v‖² ≤ (1 − δ)‖v‖², s = √(1 − δ), η* = 2/(L + μ)·(1 − s)/(1 + s): V⁺ ≤ ρV for V = ‖x − x* − e‖² + s⁻¹‖e‖², ρ = s + ¼(1 + s)(L − μ)λ, and ρ is attained (docs/tight-rates.md)',
  file: theoremFile(import.meta.url),
};

const CLAIM = { method: efMethod, workers: [1, 1] } as const;

export async function check(seed: number, budget: Budget): Promise<TheoremResult> {
  return tightCheck(CLAIM, meta, 'V⁺ ≤ ρV', seed, budget);
}

export const theorem: Theorem = { meta, check, adversary: tightAdversary(CLAIM) };
