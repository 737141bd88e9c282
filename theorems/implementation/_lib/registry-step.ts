/**
 * The implementation's side of theory-step-sizes: the registry's theory step (src/algorithms/registry.ts, which reads
 * src/algorithms/step-sizes.ts and the parameters files) at the values a paper rule is stated for, and whether the
 * registry gives a method a rule at all.
 */
import type { MethodEntry } from '../../../src/algorithms/registry.ts';
import type { TheoryProblem } from '../../../src/algorithms/theory-step.ts';
import { randK } from '../../../src/compressors/rand-k.ts';
import { topK } from '../../../src/compressors/top-k.ts';
import type { ConstantSet } from './seeded-constants.ts';

/**
 * What a rule is stated for: the contraction α = k/d of top-k, the variance ω = d/k − 1 of scaled rand-k (DIANA and
 * ADIANA are analysed for unbiased compressors), or no compressor at all; and which of η and p it reads.
 */
export interface PaperRule {
  readonly compressor: 'contractive' | 'unbiased' | 'none';
  readonly reads: readonly ('eta' | 'p' | 'masterCompressor')[];
  readonly gamma: (c: ConstantSet) => number;
}

/** The problem a theory step reads: L, the L_i (n = their count) and μ. */
const theoryProblem = (c: ConstantSet): TheoryProblem => ({ L: c.L, Li: c.Li, mu: c.mu });

/**
 * The hyperparameters a rule is stated for: its compressor (top-k or scaled rand-k, k of d) and the η, p or master
 * compressor (top-k, kMaster of d) it reads.
 */
export function ruleValues(
  rule: Pick<PaperRule, 'compressor' | 'reads'>,
  c: ConstantSet,
): Readonly<Record<string, unknown>> {
  const compressor =
    rule.compressor === 'contractive'
      ? topK(c.d, c.k)
      : rule.compressor === 'unbiased'
        ? randK(c.d, c.k, { scaled: true })
        : undefined;
  return {
    ...(compressor !== undefined ? { compressor } : {}),
    ...(rule.reads.includes('eta') ? { eta: c.eta } : {}),
    ...(rule.reads.includes('p') ? { p: c.p } : {}),
    ...(rule.reads.includes('masterCompressor') ? { masterCompressor: topK(c.d, c.kMaster) } : {}),
  };
}

/** The registry's theory step at the values the paper rule is stated for: its γ and the source it cites. */
export function implementationRule(
  entry: MethodEntry,
  rule: PaperRule,
  c: ConstantSet,
): { gamma: number; source: string } {
  return entry.theoryStepSize(theoryProblem(c), ruleValues(rule, c));
}

/**
 * Whether the registry gives a method a theory rule for some compressor (top-k, scaled rand-k or none) with every
 * constant known: a method that has one must have a paper rule in theory-step-sizes.
 */
export function registryHasRule(entry: MethodEntry, c: ConstantSet): boolean {
  const compressors: PaperRule['compressor'][] = ['contractive', 'unbiased', 'none'];
  // With and without a lossy master compressor: EF21-BC needs one, NEOLITHIC has a rule only without one.
  const reads: PaperRule['reads'][] = [
    ['eta', 'p'],
    ['eta', 'p', 'masterCompressor'],
  ];
  return compressors.some((compressor) =>
    reads.some((r) => {
      try {
        return entry.theoryStep(theoryProblem(c), ruleValues({ compressor, reads: r }, c)).kind === 'rule';
      } catch {
        return false; // a hyperparameter the method needs is missing: no rule for this try
      }
    }),
  );
}
