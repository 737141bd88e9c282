/**
 * The step sizes `efcheck run --gamma theory` uses are the papers' rules, as each claim computes them itself.
 *
 * Setting: smoothness constants L and L_1 … L_n (heterogeneous over three decades, n ≤ 8), contraction α = k/d of
 *   top-k, momentum η ∈ (0, 1], participation p ∈ (0, 1].
 * Claim: for every method with a theory step in the registry (src/algorithms/registry.ts, which reads
 *   src/algorithms/step-sizes.ts), its γ equals the rule the claim about that method computes independently:
 *   GD and SGD (1/L), EF21 and EF14 [Richtárik, Sokolov, Fatkhullin 2021, Thm 1], EF21-W [Richtárik, Gasanov, Burlachenko 2024,
 *   Thm 2], EF21-PP (α → pα), EF21-SGD (derived), EF21-SGDM and EF21-SGD2M (derived forms of Fatkhullin, Tyurin,
 *   Richtárik 2023, Thms 2–3) — theorems/ef21/_lib/constants.ts, theorems/ef21/ef21-sgd-neighbourhood.ts,
 *   theorems/ef21-sgdm/thm{2,3}-*.ts.
 * Kind: identity up to rounding, one verdict per method over every drawn constant set.
 * Why it is a claim: the inequality claims check the papers' rules, computed in the theorem files; a user runs the
 *   implementation's rules. This is where the two meet, so a constant mistyped in step-sizes.ts (√10 → 1, a branch
 *   ×2, L_AM for L̃) fails the report, not only the test suite.
 * Teeth: the same comparison against each rule scaled by 1 + 1e-9 must fail: the check resolves one part in 10⁹.
 */
import { methods, type MethodEntry, type MethodParams } from '../../src/algorithms/registry.ts';
import { topK } from '../../src/compressors/top-k.ts';
import { identityVerdict, verdictOverTrials, type Trial } from '../../src/report/verdict.ts';
import { foldIn, key, split } from '../../src/rng/key.ts';
import { integerBelow, uniform } from '../../src/rng/sample.ts';
import { ef21AmGamma, ef21Gamma, ef21PpGamma } from '../ef21/_lib/constants.ts';
import { ef21SgdStepRule } from '../ef21/ef21-sgd-neighbourhood.ts';
import { sgdmStepRule } from '../ef21-sgdm/thm2-ef21-sgdm-lyapunov.ts';
import { sgd2mStepRule } from '../ef21-sgdm/thm3-ef21-sgd2m-lyapunov.ts';
import { budgetSizes, theoremFile, type Budget, type Theorem, type TheoremMeta, type TheoremResult, type Verdict } from '../types.ts';
import { claimContext } from '../_lib/claim-context.ts';

export const meta: TheoremMeta = {
  id: 'theory-step-sizes',
  title: 'The theory step sizes efcheck runs are the papers’ rules',
  group: 'implementation',
  paper: { authors: 'Richtárik, Sokolov, Fatkhullin; Richtárik, Gasanov, Burlachenko; Fatkhullin, Tyurin, Richtárik', year: 2023 },
  theorem: 'step-size rules of Thm 1 (EF21), Thm 2 (EF21-W), Thms 2–3 (EF21-SGDM/2M)',
  provenance: 'D',
  kind: 'identity',
  statement:
    'For every method with a theory step in the registry, γ used by `efcheck run --gamma theory` equals the rule its claim computes from the paper (EF21, EF14, EF21-W, EF21-PP, EF21-SGD, EF21-SGDM, EF21-SGD2M), up to rounding (docs/adversary.md)',
  file: theoremFile(import.meta.url),
};

export interface ConstantSet {
  readonly L: number;
  readonly Li: readonly number[];
  readonly d: number;
  readonly k: number;
  readonly eta: number;
  readonly p: number;
}

/** The paper's rule for a registry method, as the claims about it compute it; undefined for methods without one. */
export function paperRule(id: string, c: ConstantSet): number | undefined {
  const alpha = c.k / c.d;
  switch (id) {
    case 'gd':
    case 'sgd':
      // The descent lemma's step for an L-smooth f [Nesterov 2004, §1.2.3].
      return 1 / c.L;
    case 'ef21':
    case 'ef14':
      return ef21Gamma(c, alpha);
    case 'ef21-w':
      return ef21AmGamma(c, alpha);
    case 'ef21-pp':
      return ef21PpGamma(c, alpha, c.p);
    case 'ef21-sgd':
      return ef21SgdStepRule(c, alpha);
    case 'ef21-sgdm':
      return sgdmStepRule(c, alpha, c.eta);
    case 'ef21-sgd2m':
      return sgd2mStepRule(c, alpha, c.eta);
    default:
      return undefined;
  }
}

/** Heterogeneous constants: L_i log-uniform over three decades, L between min and mean of the L_i. */
export function seededConstants(seed: number, t: number): ConstantSet {
  const [kn, kl, kd, ku] = split(foldIn(key(seed), t), 4);
  const n = 1 + integerBelow(kn, 8);
  const Li = Array.from(uniform(kl, n), (u) => 10 ** (3 * u - 1));
  const u = uniform(ku, 4);
  const mean = Li.reduce((a, b) => a + b, 0) / n;
  const L = Math.min(...Li) + u[0] * (mean - Math.min(...Li));
  const d = 1 + integerBelow(kd, 64);
  return { L, Li, d, k: 1 + Math.floor(u[1] * d), eta: 1 - u[2], p: 1 - u[3] };
}

function implementationRule(entry: MethodEntry, c: ConstantSet): number {
  const params: Omit<MethodParams, 'gamma'> = { compressor: topK(c.d, c.k), eta: c.eta, p: c.p };
  return entry.theoryStepSize({ L: c.L, Li: c.Li }, params).gamma;
}

export async function check(seed: number, budget: Budget): Promise<TheoremResult> {
  const count = budgetSizes(budget).trials;
  const sets = Array.from({ length: count }, (_, t) => seededConstants(seed, t));
  const ctx = claimContext(meta, seed, budget);
  const covered = methods.filter((m) => paperRule(m.id, sets[0]) !== undefined);
  const verdicts: Verdict[] = [];
  const rows: (string | number)[][] = [];
  for (const entry of covered) {
    const trials: Trial[] = sets.map((c) => {
      const mine = paperRule(entry.id, c) ?? Number.NaN;
      const theirs = implementationRule(entry, c);
      return { lhs: theirs, rhs: mine, scale: Math.abs(theirs) + Math.abs(mine), instance: { method: entry.id, ...c, Li: [...c.Li] } };
    });
    const v = verdictOverTrials({ ...ctx, check: `${entry.id}: registry γ = paper's rule`, claim: `γ_theory(${entry.id}) = paper's rule` }, 'identity', trials);
    verdicts.push(v);
    rows.push([entry.id, entry.theoryStepSize({ L: sets[0].L, Li: sets[0].Li }, { compressor: topK(sets[0].d, sets[0].k), eta: sets[0].eta, p: sets[0].p }).source, count, v.details['violations']]);
  }
  // Teeth: a rule off by one part in 10⁹ is refuted (one set suffices: the identity has no slack to hide it).
  const c0 = sets[0];
  for (const entry of covered.filter((m) => m.id === 'ef21')) {
    const mine = (paperRule(entry.id, c0) ?? Number.NaN) * (1 + 1e-9);
    const theirs = implementationRule(entry, c0);
    verdicts.push(identityVerdict({ ...ctx, check: `teeth: ${entry.id} against its rule × (1 + 1e-9)`, claim: 'γ_theory = (1 + 1e-9)·rule', expectation: 'may-fail' }, { lhs: theirs, rhs: mine, scale: Math.abs(theirs) + Math.abs(mine) }));
  }
  const uncovered = methods.filter((m) => paperRule(m.id, c0) === undefined).map((m) => m.id);
  return {
    verdicts,
    tables: [{ title: 'Methods with a theory step, and the rule the registry cites', columns: ['method', 'registry’s source', 'constant sets', 'mismatches'], rows }],
    notes: [
      `${count} constant sets: n ≤ 8 nodes, L_i log-uniform in [0.1, 100], L between min L_i and their mean, top-k with d ≤ 64, η and p uniform in (0, 1]. Tolerance 1e-12 of the two values' sum.`,
      `Methods without a theory step (the registry says so, and \`efcheck run --gamma theory\` reports it): ${uncovered.join(', ')}.`,
    ],
  };
}

export const theorem: Theorem = { meta, check };
