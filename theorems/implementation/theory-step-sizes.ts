/**
 * The step sizes `efcheck run --gamma theory` uses are the papers' rules, as each claim computes them itself.
 *
 * Setting: smoothness constants L and L_1 … L_n (heterogeneous over three decades, n ≤ 8), contraction α = k/d of
 *   top-k (and α_M = k_M/d of a master's top-k), variance ω = d/k − 1 of scaled rand-k, strong convexity μ ∈ [L/1000, L], momentum η ∈ (0, 1],
 *   participation p ∈ (0, 1].
 * Claim: for every method with a theory step in the registry (src/algorithms/registry.ts, which reads
 *   src/algorithms/step-sizes.ts, diana-parameters.ts, adiana-parameters.ts and agd.ts), its γ equals the rule the
 *   claim about that method computes independently: GD and SGD (1/L), EF21 and EF14 [Richtárik, Sokolov, Fatkhullin
 *   2021, Thm 1], EF21-W [Richtárik, Gasanov, Burlachenko 2024, Thm 2], EF21-PP (α → pα), EF21-SGD (derived),
 *   EF21-SGDM and EF21-SGD2M (derived forms of Fatkhullin, Tyurin, Richtárik 2023, Thms 2–3), EF21-BC and EF21-HB
 *   (derived forms, docs/theory.md §3.6–§3.7 [D]) — theorems/ef21/_lib/{constants,bc-constants,hb-constants}.ts,
 *   theorems/ef21/ef21-sgd-neighbourhood.ts, theorems/ef21-sgdm/thm{2,3}-*.ts —
 *   and, written out below from docs/theory.md rather than imported from src/algorithms/*-parameters.ts: DIANA
 *   γ = 1/(L + 6ωL_max/n) (the derived one-step inequality, docs/theory.md §A2.3 [D]), ADIANA's η by the published
 *   rule with L = max_i L_i (FedNL-Public, §A1.3 [P code]), AGD's γ = 1/L [Nesterov 2018, (2.2.22)], and NEOLITHIC's
 *   default, EF14's convention at the contraction α_R = 1 − (1 − α)^R of C_R, R = ⌈d/k⌉ (§A3.1 [D], no guarantee).
 *   Coverage: every registry method whose theory step gives a rule for some compressor has a rule here.
 * Kind: identity up to rounding, one verdict per method over every drawn constant set, and a coverage count.
 * Why it is a claim: the inequality claims check the papers' rules, computed in the theorem files; a user runs the
 *   implementation's rules. This is where the two meet, so a constant mistyped in step-sizes.ts or a parameters file
 *   (√10 → 1, a branch ×2, L_AM for L̃, 6ω → 3ω) fails the report, not only the test suite.
 * Teeth: the same comparison against each rule scaled by 1 + 1e-9 must fail: the check resolves one part in 10⁹.
 */
import { ef21BcGamma } from '../ef21/_lib/bc-constants.ts';
import { ef21AmGamma, ef21Gamma, ef21PpGamma } from '../ef21/_lib/constants.ts';
import { ef21HbGamma } from '../ef21/_lib/hb-constants.ts';
import { ef21SgdStepRule } from '../ef21/ef21-sgd-neighbourhood.ts';
import { sgdmStepRule } from '../ef21-sgdm/thm2-ef21-sgdm-lyapunov.ts';
import { sgd2mStepRule } from '../ef21-sgdm/thm3-ef21-sgd2m-lyapunov.ts';
import { budgetSizes, theoremFile, type Budget, type Theorem, type TheoremMeta, type TheoremResult } from '../types.ts';
import { claimContext } from '../_lib/claim-context.ts';
import { adianaBranches, branchList } from './_lib/adiana-branches.ts';
import { registryHasRule, type PaperRule } from './_lib/registry-step.ts';
import { coverageVerdict, coveredMethods, ruleAgreement, ruleTeeth, uncoveredMethods } from './_lib/rule-agreement.ts';
import { omegaOf, seededConstants, type ConstantSet } from './_lib/seeded-constants.ts';

export { registryHasRule, seededConstants };

export const meta: TheoremMeta = {
  id: 'theory-step-sizes',
  title: 'The theory step sizes efcheck runs are the papers’ rules',
  group: 'implementation',
  paper: {
    authors:
      'Richtárik, Sokolov, Fatkhullin; Richtárik, Gasanov, Burlachenko; Fatkhullin, Tyurin, Richtárik; Mishchenko et al.; Li, Kovalev, Qian, Richtárik; Nesterov',
    year: 2023,
  },
  theorem:
    'step-size rules of Thm 1 (EF21), Thm 2 (EF21-W), Thms 2–3 (EF21-SGDM/2M); EF21-BC, EF21-HB (derived, docs/theory.md §3.6–§3.7); DIANA (derived, §A2.3), ADIANA (published rule, §A1.3), AGD (Nesterov 2018, (2.2.22))',
  provenance: 'D',
  kind: 'identity',
  statement:
    'For every method with a theory step in the registry, γ used by `efcheck run --gamma theory` equals the rule its claim computes from the paper or its derived form (EF21, EF14, EF21-W, EF21-PP, EF21-BC, EF21-HB, EF21-SGD, EF21-SGDM, EF21-SGD2M, DIANA, ADIANA, AGD, NEOLITHIC), up to rounding (docs/adversary.md), and no registry theory step lacks such a rule',
  file: theoremFile(import.meta.url),
};

/**
 * DIANA: γ = 1/(L + 6ωL_max/n), the step of the derived one-step Lyapunov inequality with α = 1/(1 + ω)
 * [docs/theory.md §A2.3, D] (the steps of §A2.2 are the published codes', which the derivation does not cover).
 */
function dianaRule(c: ConstantSet): number {
  const Lmax = Math.max(...c.Li);
  return 1 / (c.L + (6 * omegaOf(c) * Lmax) / c.Li.length);
}

/**
 * ADIANA's η by the published rule [docs/theory.md §A1.3, P code, FedNL-Public], with L = max_i L_i (§A1.5's
 * setting): α = 1/(1 + ω); ω = 0: η = 1/(2L); otherwise p = min{1, max{α/2, (α/2)(√(n/(32ω)) − 1)}} and
 * η = min{1/(2L), n/(64ωL(2p(ω + 1) + 1)²)}.
 */
function adianaRule(c: ConstantSet): number {
  const L = Math.max(...c.Li);
  const n = c.Li.length;
  const omega = omegaOf(c);
  if (omega === 0) return 1 / (2 * L);
  const alpha = 1 / (1 + omega);
  const p = Math.min(1, Math.max(alpha / 2, (alpha / 2) * (Math.sqrt(n / (32 * omega)) - 1)));
  const denominator = 2 * p * (omega + 1) + 1;
  return Math.min(1 / (2 * L), n / (64 * omega * L * denominator * denominator));
}

/**
 * NEOLITHIC's default, a convention and no NEOLITHIC theorem: with the server's identity it is EF14 whose compressor
 * C_R contracts by α_R = 1 − (1 − α)^R, R = ⌈1/α⌉ (= ⌈d/k⌉ in integers), and EF14's convention is EF21's γ at α_R
 * [docs/theory.md §A3.1, D].
 */
function neolithicRule(c: ConstantSet): number {
  return ef21Gamma(c, 1 - (1 - c.k / c.d) ** Math.ceil(c.d / c.k));
}

const PAPER_RULES: ReadonlyMap<string, PaperRule> = new Map<string, PaperRule>([
  // The descent lemma's step for an L-smooth f [Nesterov 2004, §1.2.3].
  ['gd', { compressor: 'none', reads: [], gamma: (c) => 1 / c.L }],
  ['sgd', { compressor: 'none', reads: [], gamma: (c) => 1 / c.L }],
  ['ef21', { compressor: 'contractive', reads: [], gamma: (c) => ef21Gamma(c, c.k / c.d) }],
  ['ef14', { compressor: 'contractive', reads: [], gamma: (c) => ef21Gamma(c, c.k / c.d) }],
  ['ef21-w', { compressor: 'contractive', reads: [], gamma: (c) => ef21AmGamma(c, c.k / c.d) }],
  ['ef21-pp', { compressor: 'contractive', reads: ['p'], gamma: (c) => ef21PpGamma(c, c.k / c.d, c.p) }],
  [
    'ef21-bc',
    {
      compressor: 'contractive',
      reads: ['masterCompressor'],
      gamma: (c) => ef21BcGamma(c, c.k / c.d, c.kMaster / c.d),
    },
  ],
  ['ef21-hb', { compressor: 'contractive', reads: ['eta'], gamma: (c) => ef21HbGamma(c, c.k / c.d, c.eta) }],
  ['ef21-sgd', { compressor: 'contractive', reads: [], gamma: (c) => ef21SgdStepRule(c, c.k / c.d) }],
  ['ef21-sgdm', { compressor: 'contractive', reads: ['eta'], gamma: (c) => sgdmStepRule(c, c.k / c.d, c.eta) }],
  ['ef21-sgd2m', { compressor: 'contractive', reads: ['eta'], gamma: (c) => sgd2mStepRule(c, c.k / c.d, c.eta) }],
  ['diana', { compressor: 'unbiased', reads: [], gamma: dianaRule }],
  ['adiana', { compressor: 'unbiased', reads: [], gamma: adianaRule }],
  // Nesterov's constant step scheme for μ-strongly convex, L-smooth f: γ = 1/L [Nesterov 2018, (2.2.22), Thm 2.2.3].
  ['agd', { compressor: 'none', reads: [], gamma: (c) => 1 / c.L }],
  ['neolithic', { compressor: 'contractive', reads: [], gamma: neolithicRule }],
]);

/** The paper's rule for a registry method, as the claims about it compute it; undefined for methods without one. */
export function paperRule(id: string, c: ConstantSet): number | undefined {
  return PAPER_RULES.get(id)?.gamma(c);
}

export async function check(seed: number, budget: Budget): Promise<TheoremResult> {
  const count = budgetSizes(budget).trials;
  const sets = Array.from({ length: count }, (_, t) => seededConstants(seed, t));
  const ctx = claimContext(meta, seed, budget);
  const covered = coveredMethods(PAPER_RULES);
  const agreement = ruleAgreement(ctx, covered, sets);
  return {
    verdicts: [
      ...agreement.verdicts,
      // Coverage: a registry method whose theory step gives a rule but has no paper rule here would go unchecked.
      coverageVerdict(ctx, PAPER_RULES, sets.slice(0, 8)),
      // Teeth: a rule off by one part in 10⁹ is refuted, for every covered method (one set suffices: the identity has
      // no slack to hide it).
      ...ruleTeeth(ctx, covered, sets[0], 1e-9),
    ],
    tables: [agreement.table],
    notes: [
      `${count} constant sets: n ≤ 8 nodes, L_i log-uniform in [0.1, 100], L between min L_i and their mean, μ log-uniform in [L/1000, L], top-k (α = k/d) or scaled rand-k (ω = d/k − 1) with d ≤ 64, η and p uniform in (0, 1]. Tolerance 1e-12 of the two values' sum.`,
      `DIANA's, ADIANA's and AGD's rules are written here from docs/theory.md §A2.3, §A1.3 and Nesterov (2.2.22), not imported from src/algorithms/*-parameters.ts. Branches of ADIANA's rule reached by the constant sets: ${branchList(adianaBranches(sets, adianaRule))}.`,
      `Methods without a theory step (the registry says so, and \`efcheck run --gamma theory\` reports it; the coverage verdict checks that none has one after all): ${uncoveredMethods(PAPER_RULES).join(', ')}.`,
    ],
  };
}

export const theorem: Theorem = { meta, check };
