/**
 * EF21 contracts its Lyapunov function at the tight rate ρ, and ρ is reached.
 *
 * Setting: n = 1, f L-smooth and μ-strongly convex, C deterministic with ‖C(v) − v‖² ≤ (1 − δ)‖v‖², s = sqrt(1 − δ).
 * Algorithm: EF21 [Richtárik, Sokolov, Fatkhullin 2021, as analysed by Berg Thomsen et al.]:
 *   x⁺ = x − ηd,  d⁺ = d + C(∇f(x⁺) − d),  at η* = 2/(L + μ) · (1 − s)/(1 + s) (the same step as EF).
 * Claim: V⁺ ≤ ρV for V = ‖d − ∇f(x)‖² + s‖∇f(x)‖², with EF's ρ (_lib/tight-rate.ts), and some instance attains ρ.
 * Kind: deterministic; upper and lower sides as in ef-tight.ts.
 * Reference: Berg Thomsen, Taylor, Dieuleveut (2025), arXiv 2506.05271, the EF21 theorem; provenance [P].
 * Teeth: the lower side, and m* just above 1× on a shrunk instance.
 */
import { theoremFile, type Budget, type Theorem, type TheoremMeta, type TheoremResult } from '../types.ts';
import { tightAdversary, tightCheck } from './_lib/tight-check.ts';
import { ef21Method } from './_lib/tight-methods.ts';

export const meta: TheoremMeta = {
  id: 'ef21-tight',
  title: 'EF21: the tight linear rate ρ, reached by the adversary',
  group: 'tight',
  paper: { authors: 'Berg Thomsen, Taylor, Dieuleveut', year: 2025 },
  theorem: 'EF21 theorem',
  provenance: 'P',
  kind: 'deterministic',
  statement:
    'n = 1, f L-smooth μ-strongly convex, ‖C(v) − v‖² ≤ (1 − δ)‖v‖², s = √(1 − δ), η* = 2/(L + μ)·(1 − s)/(1 + s): V⁺ ≤ ρV for V = ‖d − ∇f(x)‖² + s‖∇f(x)‖², ρ as for EF, and ρ is attained (docs/tight-rates.md)',
  file: theoremFile(import.meta.url),
};

const CLAIM = { method: ef21Method, workers: [1, 1] } as const;

export async function check(seed: number, budget: Budget): Promise<TheoremResult> {
  return tightCheck(CLAIM, meta, 'V⁺ ≤ ρV', seed, budget);
}

export const theorem: Theorem = { meta, check, adversary: tightAdversary(CLAIM) };
