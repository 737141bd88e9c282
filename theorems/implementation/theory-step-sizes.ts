/**
 * The step sizes `efcheck run --gamma theory` uses are the papers' rules, as each claim computes them itself.
 *
 * Setting: smoothness constants L and L_1 … L_n (heterogeneous over three decades, n ≤ 8), contraction α = k/d of
 *   top-k, variance ω = d/k − 1 of scaled rand-k, strong convexity μ ∈ [L/1000, L], momentum η ∈ (0, 1],
 *   participation p ∈ (0, 1].
 * Claim: for every method with a theory step in the registry (src/algorithms/registry.ts, which reads
 *   src/algorithms/step-sizes.ts, diana-parameters.ts, adiana-parameters.ts and agd.ts), its γ equals the rule the
 *   claim about that method computes independently: GD and SGD (1/L), EF21 and EF14 [Richtárik, Sokolov, Fatkhullin
 *   2021, Thm 1], EF21-W [Richtárik, Gasanov, Burlachenko 2024, Thm 2], EF21-PP (α → pα), EF21-SGD (derived),
 *   EF21-SGDM and EF21-SGD2M (derived forms of Fatkhullin, Tyurin, Richtárik 2023, Thms 2–3) —
 *   theorems/ef21/_lib/constants.ts, theorems/ef21/ef21-sgd-neighbourhood.ts, theorems/ef21-sgdm/thm{2,3}-*.ts —
 *   and, written out below from docs/theory.md rather than imported from src/algorithms/*-parameters.ts: DIANA
 *   γ = 1/(L + 6ωL_max/n) (the derived one-step inequality, docs/theory.md §A2.3 [D]), ADIANA's η by the published
 *   rule with L = max_i L_i (FedNL-Public, §A1.3 [P code]), and AGD's γ = 1/L [Nesterov 2018, (2.2.22)].
 *   Coverage: every registry method whose theory step gives a rule for some compressor has a rule here.
 * Kind: identity up to rounding, one verdict per method over every drawn constant set, and a coverage count.
 * Why it is a claim: the inequality claims check the papers' rules, computed in the theorem files; a user runs the
 *   implementation's rules. This is where the two meet, so a constant mistyped in step-sizes.ts or a parameters file
 *   (√10 → 1, a branch ×2, L_AM for L̃, 6ω → 3ω) fails the report, not only the test suite.
 * Teeth: the same comparison against each rule scaled by 1 + 1e-9 must fail: the check resolves one part in 10⁹.
 */
import { methods, type MethodEntry } from '../../src/algorithms/registry.ts';
import type { TheoryProblem } from '../../src/algorithms/theory-step.ts';
import { randK } from '../../src/compressors/rand-k.ts';
import { topK } from '../../src/compressors/top-k.ts';
import { identityVerdict, verdictOverTrials, type Trial } from '../../src/report/verdict.ts';
import { foldIn, key, split } from '../../src/rng/key.ts';
import { integerBelow, uniform } from '../../src/rng/sample.ts';
import { ef21AmGamma, ef21Gamma, ef21PpGamma } from '../ef21/_lib/constants.ts';
import { ef21SgdStepRule } from '../ef21/ef21-sgd-neighbourhood.ts';
import { sgdmStepRule } from '../ef21-sgdm/thm2-ef21-sgdm-lyapunov.ts';
import { sgd2mStepRule } from '../ef21-sgdm/thm3-ef21-sgd2m-lyapunov.ts';
import {
  budgetSizes,
  theoremFile,
  type Budget,
  type Theorem,
  type TheoremMeta,
  type TheoremResult,
  type Verdict,
} from '../types.ts';
import { claimContext } from '../_lib/claim-context.ts';

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
    'step-size rules of Thm 1 (EF21), Thm 2 (EF21-W), Thms 2–3 (EF21-SGDM/2M); DIANA (derived, docs/theory.md §A2.3), ADIANA (published rule, §A1.3), AGD (Nesterov 2018, (2.2.22))',
  provenance: 'D',
  kind: 'identity',
  statement:
    'For every method with a theory step in the registry, γ used by `efcheck run --gamma theory` equals the rule its claim computes from the paper (EF21, EF14, EF21-W, EF21-PP, EF21-SGD, EF21-SGDM, EF21-SGD2M, DIANA, ADIANA, AGD), up to rounding (docs/adversary.md), and no registry theory step lacks such a rule',
  file: theoremFile(import.meta.url),
};

export interface ConstantSet {
  readonly L: number;
  readonly Li: readonly number[];
  readonly d: number;
  readonly k: number;
  readonly eta: number;
  readonly p: number;
  /** Strong convexity of f, 0 < μ ≤ L (ADIANA's and AGD's theory steps need one; neither γ depends on it). */
  readonly mu: number;
}

/**
 * What a rule is stated for: the contraction α = k/d of top-k, the variance ω = d/k − 1 of scaled rand-k (DIANA and
 * ADIANA are analysed for unbiased compressors), or no compressor at all; and which of η and p it reads.
 */
interface PaperRule {
  readonly compressor: 'contractive' | 'unbiased' | 'none';
  readonly reads: readonly ('eta' | 'p')[];
  readonly gamma: (c: ConstantSet) => number;
}

/** ω of the unbiased compressor of a constant set: scaled rand-k in d with k kept, ω = d/k − 1. */
const omegaOf = (c: ConstantSet): number => c.d / c.k - 1;

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

const PAPER_RULES: ReadonlyMap<string, PaperRule> = new Map<string, PaperRule>([
  // The descent lemma's step for an L-smooth f [Nesterov 2004, §1.2.3].
  ['gd', { compressor: 'none', reads: [], gamma: (c) => 1 / c.L }],
  ['sgd', { compressor: 'none', reads: [], gamma: (c) => 1 / c.L }],
  ['ef21', { compressor: 'contractive', reads: [], gamma: (c) => ef21Gamma(c, c.k / c.d) }],
  ['ef14', { compressor: 'contractive', reads: [], gamma: (c) => ef21Gamma(c, c.k / c.d) }],
  ['ef21-w', { compressor: 'contractive', reads: [], gamma: (c) => ef21AmGamma(c, c.k / c.d) }],
  ['ef21-pp', { compressor: 'contractive', reads: ['p'], gamma: (c) => ef21PpGamma(c, c.k / c.d, c.p) }],
  ['ef21-sgd', { compressor: 'contractive', reads: [], gamma: (c) => ef21SgdStepRule(c, c.k / c.d) }],
  ['ef21-sgdm', { compressor: 'contractive', reads: ['eta'], gamma: (c) => sgdmStepRule(c, c.k / c.d, c.eta) }],
  ['ef21-sgd2m', { compressor: 'contractive', reads: ['eta'], gamma: (c) => sgd2mStepRule(c, c.k / c.d, c.eta) }],
  ['diana', { compressor: 'unbiased', reads: [], gamma: dianaRule }],
  ['adiana', { compressor: 'unbiased', reads: [], gamma: adianaRule }],
  // Nesterov's constant step scheme for μ-strongly convex, L-smooth f: γ = 1/L [Nesterov 2018, (2.2.22), Thm 2.2.3].
  ['agd', { compressor: 'none', reads: [], gamma: (c) => 1 / c.L }],
]);

/**
 * Which branches of ADIANA's rule a list of constant sets reaches (each must be, for the identity to test it): ω = 0;
 * p = 1, p = (α/2)(√(n/(32ω)) − 1) or p = α/2; η = 1/(2L) or the ω-term.
 */
function adianaBranches(sets: readonly ConstantSet[]): Record<string, number> {
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

/** The paper's rule for a registry method, as the claims about it compute it; undefined for methods without one. */
export function paperRule(id: string, c: ConstantSet): number | undefined {
  return PAPER_RULES.get(id)?.gamma(c);
}

/** Heterogeneous constants: L_i log-uniform over three decades, L between min and mean of the L_i, μ in [L/1000, L]. */
export function seededConstants(seed: number, t: number): ConstantSet {
  const [kn, kl, kd, ku] = split(foldIn(key(seed), t), 4);
  const n = 1 + integerBelow(kn, 8);
  const Li = Array.from(uniform(kl, n), (u) => 10 ** (3 * u - 1));
  const u = uniform(ku, 5);
  const mean = Li.reduce((a, b) => a + b, 0) / n;
  const L = Math.min(...Li) + u[0] * (mean - Math.min(...Li));
  const d = 1 + integerBelow(kd, 64);
  return { L, Li, d, k: 1 + Math.floor(u[1] * d), eta: 1 - u[2], p: 1 - u[3], mu: L * 10 ** (-3 * u[4]) };
}

/** The problem a theory step reads: L, the L_i (n = their count) and μ. */
const theoryProblem = (c: ConstantSet): TheoryProblem => ({ L: c.L, Li: c.Li, mu: c.mu });

/** The hyperparameters a rule is stated for: its compressor (top-k or scaled rand-k, k of d) and the η or p it reads. */
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
  };
}

/** The registry's theory step at the values the paper rule is stated for: its γ and the source it cites. */
function implementationRule(entry: MethodEntry, rule: PaperRule, c: ConstantSet): { gamma: number; source: string } {
  return entry.theoryStepSize(theoryProblem(c), ruleValues(rule, c));
}

/**
 * Whether the registry gives a method a theory rule for some compressor (top-k, scaled rand-k or none) with every
 * constant known: a method that has one must have a paper rule here.
 */
export function registryHasRule(entry: MethodEntry, c: ConstantSet): boolean {
  const tries: PaperRule['compressor'][] = ['contractive', 'unbiased', 'none'];
  return tries.some((compressor) => {
    try {
      return entry.theoryStep(theoryProblem(c), ruleValues({ compressor, reads: ['eta', 'p'] }, c)).kind === 'rule';
    } catch {
      return false; // a hyperparameter the method needs is missing: no rule for this try
    }
  });
}

export async function check(seed: number, budget: Budget): Promise<TheoremResult> {
  const count = budgetSizes(budget).trials;
  const sets = Array.from({ length: count }, (_, t) => seededConstants(seed, t));
  const ctx = claimContext(meta, seed, budget);
  const c0 = sets[0];
  const covered = methods.flatMap((m) => {
    const rule = PAPER_RULES.get(m.id);
    return rule === undefined ? [] : [{ entry: m, rule }];
  });
  const verdicts: Verdict[] = [];
  const rows: (string | number)[][] = [];
  for (const { entry, rule } of covered) {
    const trials: Trial[] = sets.map((c) => {
      const mine = rule.gamma(c);
      let theirs = Number.NaN;
      try {
        theirs = implementationRule(entry, rule, c).gamma;
      } catch {
        // No rule in the registry for constants the paper's rule covers: a NaN side, which fails the identity.
      }
      return {
        lhs: theirs,
        rhs: mine,
        scale: Math.abs(theirs) + Math.abs(mine),
        instance: { method: entry.id, ...c, Li: [...c.Li] },
      };
    });
    const v = verdictOverTrials(
      { ...ctx, check: `${entry.id}: registry γ = paper's rule`, claim: `γ_theory(${entry.id}) = paper's rule` },
      'identity',
      trials,
    );
    verdicts.push(v);
    let source = '(none: the registry has no theory step here)';
    try {
      source = implementationRule(entry, rule, c0).source;
    } catch (e) {
      source = `(none: ${(e as Error).message})`;
    }
    rows.push([
      entry.id,
      rule.compressor === 'contractive'
        ? 'top-k, α = k/d'
        : rule.compressor === 'unbiased'
          ? 'scaled rand-k, ω = d/k − 1'
          : '—',
      source,
      count,
      v.details.violations,
    ]);
  }
  // Coverage: a registry method whose theory step gives a rule but which has no paper rule here would go unchecked.
  const unchecked = methods
    .filter((m) => !PAPER_RULES.has(m.id) && sets.slice(0, 8).some((c) => registryHasRule(m, c)))
    .map((m) => m.id);
  verdicts.push(
    identityVerdict(
      {
        ...ctx,
        check: 'coverage: every registry theory step has a paper rule here',
        claim: '#{registry methods with a theory rule and no paper rule} = 0',
        ...(unchecked.length > 0 ? { counterexample: unchecked } : {}),
      },
      { lhs: unchecked.length, rhs: 0, scale: 0 },
    ),
  );
  // Teeth: a rule off by one part in 10⁹ is refuted, for every covered method (one set suffices: the identity has no
  // slack to hide it).
  for (const { entry, rule } of covered) {
    const mine = rule.gamma(c0) * (1 + 1e-9);
    const theirs = implementationRule(entry, rule, c0).gamma;
    verdicts.push(
      identityVerdict(
        {
          ...ctx,
          check: `teeth: ${entry.id} against its rule × (1 + 1e-9)`,
          claim: 'γ_theory = (1 + 1e-9)·rule',
          expectation: 'may-fail',
        },
        { lhs: theirs, rhs: mine, scale: Math.abs(theirs) + Math.abs(mine) },
      ),
    );
  }
  const uncovered = methods.filter((m) => !PAPER_RULES.has(m.id)).map((m) => m.id);
  return {
    verdicts,
    tables: [
      {
        title: 'Methods with a theory step, and the rule the registry cites',
        columns: ['method', 'compressor of the rule', 'registry’s source', 'constant sets', 'mismatches'],
        rows,
      },
    ],
    notes: [
      `${count} constant sets: n ≤ 8 nodes, L_i log-uniform in [0.1, 100], L between min L_i and their mean, μ log-uniform in [L/1000, L], top-k (α = k/d) or scaled rand-k (ω = d/k − 1) with d ≤ 64, η and p uniform in (0, 1]. Tolerance 1e-12 of the two values' sum.`,
      `DIANA's, ADIANA's and AGD's rules are written here from docs/theory.md §A2.3, §A1.3 and Nesterov (2.2.22), not imported from src/algorithms/*-parameters.ts. Branches of ADIANA's rule reached by the constant sets: ${Object.entries(
        adianaBranches(sets),
      )
        .map(([branch, k]) => `${branch} ${k}`)
        .join(', ')}.`,
      `Methods without a theory step (the registry says so, and \`efcheck run --gamma theory\` reports it; the coverage verdict checks that none has one after all): ${uncovered.join(', ')}.`,
    ],
  };
}

export const theorem: Theorem = { meta, check };
