/**
 * EF21 with n homogeneous workers contracts at the same tight rate ρ, at the same step η*.
 *
 * Setting: n ∈ {2, 3, 4} workers with the same f_i = f, L-smooth and μ-strongly convex; each worker's C_i
 *   deterministic with ‖C_i(v) − v‖² ≤ (1 − δ)‖v‖² (each chosen by the adversary separately), s = sqrt(1 − δ).
 * Algorithm: EF21: x⁺ = x − η·(1/n)Σ_i d_i,  d_i⁺ = d_i + C_i(∇f_i(x⁺) − d_i), at η*.
 * Claim: V⁺ ≤ ρV for V = (s/n)‖Σ_i ∇f_i(x)‖² + Σ_i ‖∇f_i(x) − d_i‖², and ρ is attained (with every d_i alike the
 *   n workers act as one).
 * Kind: deterministic; upper and lower sides as in ef-tight.ts.
 * Reference: Berg Thomsen, Taylor, Dieuleveut (2025), arXiv 2506.05271, the multi-worker EF21 statement;
 *   provenance [P].
 * Teeth: the lower side, and m* just above 1× on a shrunk instance (shrinking drops workers down to 2).
 */
import { theoremFile, type Budget, type Theorem, type TheoremMeta, type TheoremResult } from '../types.ts';
import { tightAdversary, tightCheck } from './_lib/tight-check.ts';
import { ef21Method } from './_lib/tight-methods.ts';

export const meta: TheoremMeta = {
  id: 'ef21-tight-workers',
  title: 'EF21 with n homogeneous workers: the same tight rate ρ',
  group: 'tight',
  paper: { authors: 'Berg Thomsen, Taylor, Dieuleveut', year: 2025 },
  theorem: 'multi-worker EF21',
  provenance: 'P',
  kind: 'deterministic',
  statement:
    'n ∈ {2, 3, 4} workers with f_i = f (L-smooth, μ-strongly convex), C_i deterministic with ‖C_i(v) − v‖² ≤ (1 − δ)‖v‖², η = η*: V⁺ ≤ ρV for V = (s/n)‖Σ_i ∇f_i(x)‖² + Σ_i ‖∇f_i(x) − d_i‖², and ρ is attained (docs/tight-rates.md)',
  file: theoremFile(import.meta.url),
};

const CLAIM = { method: ef21Method, workers: [2, 4] } as const;

export async function check(seed: number, budget: Budget): Promise<TheoremResult> {
  return tightCheck(CLAIM, meta, 'V⁺ ≤ ρV', seed, budget);
}

export const theorem: Theorem = { meta, check, adversary: tightAdversary(CLAIM) };
