/**
 * theory-step-sizes' comparisons of the registry's theory steps with the papers' rules: per covered method, one
 * identity verdict over every constant set and a table row naming the source the registry cites; the coverage count
 * (no registry theory step without a paper rule); and the teeth, each rule scaled by 1 + offset on one constant set.
 */
import { methods, type MethodEntry } from '../../../src/algorithms/registry.ts';
import { identityVerdict, verdictOverTrials, type Trial, type Verdict } from '../../../src/report/verdict.ts';
import type { ClaimContext } from '../../_lib/claim-context.ts';
import type { TableSpec } from '../../types.ts';
import { implementationRule, registryHasRule, type PaperRule } from './registry-step.ts';
import type { ConstantSet } from './seeded-constants.ts';

export interface CoveredMethod {
  readonly entry: MethodEntry;
  readonly rule: PaperRule;
}

/** The registry's methods that have a paper rule, in registry order. */
export function coveredMethods(rules: ReadonlyMap<string, PaperRule>): CoveredMethod[] {
  return methods.flatMap((m) => {
    const rule = rules.get(m.id);
    return rule === undefined ? [] : [{ entry: m, rule }];
  });
}

/** The registry's methods without a paper rule (the coverage verdict checks that none has a theory step). */
export function uncoveredMethods(rules: ReadonlyMap<string, PaperRule>): string[] {
  return methods.filter((m) => !rules.has(m.id)).map((m) => m.id);
}

const COMPRESSOR_OF_RULE: Record<PaperRule['compressor'], string> = {
  contractive: 'top-k, α = k/d',
  unbiased: 'scaled rand-k, ω = d/k − 1',
  none: '—',
};

/** Per covered method: registry γ (lhs) = paper rule (rhs) over every set; the table row cites the registry's source. */
export function ruleAgreement(
  ctx: ClaimContext,
  covered: readonly CoveredMethod[],
  sets: readonly ConstantSet[],
): { verdicts: Verdict[]; table: TableSpec } {
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
      source = implementationRule(entry, rule, sets[0]).source;
    } catch (e) {
      source = `(none: ${(e as Error).message})`;
    }
    rows.push([entry.id, COMPRESSOR_OF_RULE[rule.compressor], source, sets.length, v.details.violations]);
  }
  return {
    verdicts,
    table: {
      title: 'Methods with a theory step, and the rule the registry cites',
      columns: ['method', 'compressor of the rule', 'registry’s source', 'constant sets', 'mismatches'],
      rows,
    },
  };
}

/** #{registry methods whose theory step gives a rule for one of `sets` but which have no paper rule} = 0. */
export function coverageVerdict(
  ctx: ClaimContext,
  rules: ReadonlyMap<string, PaperRule>,
  sets: readonly ConstantSet[],
): Verdict {
  const unchecked = methods.filter((m) => !rules.has(m.id) && sets.some((c) => registryHasRule(m, c))).map((m) => m.id);
  return identityVerdict(
    {
      ...ctx,
      check: 'coverage: every registry theory step has a paper rule here',
      claim: '#{registry methods with a theory rule and no paper rule} = 0',
      ...(unchecked.length > 0 ? { counterexample: unchecked } : {}),
    },
    { lhs: unchecked.length, rhs: 0, scale: 0 },
  );
}

/** Teeth: registry γ = (1 + offset)·rule on one constant set, per covered method; each must be refuted. */
export function ruleTeeth(
  ctx: ClaimContext,
  covered: readonly CoveredMethod[],
  c: ConstantSet,
  offset: number,
): Verdict[] {
  return covered.map(({ entry, rule }) => {
    const mine = rule.gamma(c) * (1 + offset);
    const theirs = implementationRule(entry, rule, c).gamma;
    return identityVerdict(
      {
        ...ctx,
        check: `teeth: ${entry.id} against its rule × (1 + ${offset})`,
        claim: `γ_theory = (1 + ${offset})·rule`,
        expectation: 'may-fail',
      },
      { lhs: theirs, rhs: mine, scale: Math.abs(theirs) + Math.abs(mine) },
    );
  });
}
