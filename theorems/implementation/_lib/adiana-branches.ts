/**
 * Which branches of ADIANA's step rule (docs/theory.md §A1.3, P code) a list of constant sets reaches — each must be
 * reached for theory-step-sizes' identity to test it: ω = 0; p = 1, p = (α/2)(√(n/(32ω)) − 1) or p = α/2;
 * η = 1/(2L) or the ω-term. `adianaRule` is the claim's own transcription of the rule.
 */
import { omegaOf, type ConstantSet } from './seeded-constants.ts';

export function adianaBranches(
  sets: readonly ConstantSet[],
  adianaRule: (c: ConstantSet) => number,
): Record<string, number> {
  const count = { omegaZero: 0, pOne: 0, pSqrt: 0, pHalfAlpha: 0, etaHalfOverL: 0, etaOmegaTerm: 0 };
  for (const c of sets) {
    const omega = omegaOf(c);
    if (omega === 0) {
      count.omegaZero++;
      continue;
    }
    const alpha = 1 / (1 + omega);
    const sqrtTerm = (alpha / 2) * (Math.sqrt(c.Li.length / (32 * omega)) - 1);
    if (Math.max(alpha / 2, sqrtTerm) >= 1) count.pOne++;
    else if (sqrtTerm > alpha / 2) count.pSqrt++;
    else count.pHalfAlpha++;
    if (adianaRule(c) === 1 / (2 * Math.max(...c.Li))) count.etaHalfOverL++;
    else count.etaOmegaTerm++;
  }
  return count;
}

/** The counts as a note's phrase: `omegaZero 3, pOne 0, …`. */
export function branchList(count: Record<string, number>): string {
  return Object.entries(count)
    .map(([branch, k]) => `${branch} ${k}`)
    .join(', ');
}
