/**
 * The three arms of ef21-vs-ef21w-steps — EF21 at γ_QM = 1/(L + L̃ξ(α)), EF21 at γ_AM = 1/(L + L_AM ξ(α)) and EF21-W
 * at γ_AM — run without tuning from x⁰ = 0, g_i⁰ = ∇f_i(x⁰), and the tables that describe them.
 */
import { xi } from '../../../src/algorithms/step-sizes.ts';
import type { Compressor } from '../../../src/compressors/types.ts';
import { exactOracle } from '../../../src/oracles/exact.ts';
import type { LogisticProblem } from '../../../src/problems/logistic-regression.ts';
import type { Key } from '../../../src/rng/key.ts';
import type { TableSpec } from '../../types.ts';
import { fmt } from '../../_lib/fmt.ts';
import { runMethod, type MethodSpec, type Run } from './tuned-runs.ts';

export interface StepRules {
  readonly lAM: number;
  readonly lQM: number;
  readonly lVar: number;
  readonly gammaQM: number;
  readonly gammaAM: number;
}

export interface Arm {
  readonly label: string;
  readonly rule: 'QM' | 'AM';
  readonly gamma: number;
  readonly spec: MethodSpec;
  readonly run: Run;
  /** The theorem whose rate bound the run is held to. */
  readonly source: string;
}

/** QM, AM and EF21-W at AM, in that order; exact gradients and top-k, so every run is deterministic. */
export function stepRuleArms(
  problem: LogisticProblem,
  compressor: Compressor,
  rules: StepRules,
  T: number,
  k: Key,
): Arm[] {
  const oracle = exactOracle(problem);
  return [
    {
      label: 'EF21, QM step 1/(L + L̃ξ)',
      rule: 'QM' as const,
      gamma: rules.gammaQM,
      spec: { id: 'ef21', label: 'EF21', params: {} },
      source: 'EF21 Thm 1, derived form (docs/theory.md §3.2)',
    },
    {
      label: 'EF21, AM step 1/(L + L_AM ξ)',
      rule: 'AM' as const,
      gamma: rules.gammaAM,
      spec: { id: 'ef21', label: 'EF21', params: {} },
      source: 'RGB 2024 Thm 3, derived form (docs/theory.md §4.2 route 3)',
    },
    {
      label: 'EF21-W, AM step 1/(L + L_AM ξ)',
      rule: 'AM' as const,
      gamma: rules.gammaAM,
      spec: { id: 'ef21-w', label: 'EF21-W', params: {} },
      source: 'RGB 2024 Thm 2, derived form (docs/theory.md §4.2 route 2)',
    },
  ].map((a) => ({ ...a, run: runMethod(a.spec, a.gamma, compressor, oracle, T, k, 1) }));
}

/** First recorded round with ‖∇f(x^t)‖² ≤ fraction·‖∇f(x⁰)‖², or null. */
export function roundsToReach(run: Run, fraction: number): number | null {
  const target = fraction * run.gradNormSq[0];
  for (let p = 0; p < run.rounds.length; p++) if (run.gradNormSq[p] <= target) return run.rounds[p];
  return null;
}

export interface ArmTableInput {
  readonly problem: LogisticProblem;
  readonly compressor: Compressor;
  readonly alpha: number;
  readonly rules: StepRules;
  readonly arms: readonly Arm[];
  readonly T: number;
  readonly f0: number;
  readonly seed: number;
  readonly sizes: { readonly digits: number; readonly nodes: number; readonly scale: number };
  readonly lambda: number;
}

/** The settings, the smoothness constants and steps, then the outcome of each arm. */
export function stepRuleTables(d: ArmTableInput): TableSpec[] {
  const { problem: p, rules, T, sizes: s } = d;
  return [
    {
      title: 'Settings',
      columns: ['setting', 'value'],
      rows: [
        ['data', `${s.digits} real MNIST digits (seeded sample, seed ${d.seed}), even ↦ +1, odd ↦ −1, d = 784`],
        [
          'nodes n',
          `${s.nodes}, shuffled even split; node 0's feature values × ${s.scale} (its loss curvature × ${s.scale * s.scale})`,
        ],
        ['problem', `logistic regression + λΣx²/(1+x²), λ = ${d.lambda}`],
        ['compressor', d.compressor.name],
        ['oracle', 'exact local gradients; g_i⁰ = ∇f_i(x⁰), x⁰ = 0'],
        ['rounds T', `${T}, ‖∇f(x^t)‖² recorded every round`],
      ],
    },
    {
      title: 'Smoothness constants and step sizes',
      columns: ['quantity', 'value'],
      rows: [
        ['L_i (node 0 scaled)', p.Li.map(fmt).join(', ')],
        ['L (of f)', fmt(p.L)],
        ['L_AM = (1/n)ΣL_i', fmt(rules.lAM)],
        ['L_QM = L̃ = sqrt((1/n)ΣL_i²)', fmt(rules.lQM)],
        ['L_var = L_QM² − L_AM²', fmt(rules.lVar)],
        ['α = k/d, ξ(α)', `${fmt(d.alpha)}, ${fmt(xi(d.alpha))}`],
        ['γ_QM = 1/(L + L̃ξ(α))', fmt(rules.gammaQM)],
        ['γ_AM = 1/(L + L_AM ξ(α))', fmt(rules.gammaAM)],
        ['γ_AM / γ_QM', fmt(rules.gammaAM / rules.gammaQM)],
      ],
    },
    {
      title: `Convergence after T = ${T} rounds (exact gradients, deterministic)`,
      columns: [
        'method and step',
        'γ',
        '‖∇f(x^T)‖²',
        'rounds to ‖∇f‖² ≤ ‖∇f(x⁰)‖²/10',
        'rounds to ‖∇f‖² ≤ ‖∇f(x⁰)‖²/100',
        'rate bound from',
      ],
      rows: d.arms.map((a) => {
        const last = a.run.gradNormSq[a.run.gradNormSq.length - 1];
        const r10 = roundsToReach(a.run, 0.1);
        const r100 = roundsToReach(a.run, 0.01);
        return [
          a.label,
          fmt(a.gamma),
          a.run.divergedAt === null ? fmt(last) : `diverged at t=${a.run.divergedAt}`,
          r10 === null ? `> ${T}` : r10,
          r100 === null ? `> ${T}` : r100,
          a.source,
        ];
      }),
      caption: `‖∇f(x⁰)‖² = ${fmt(d.arms[0].run.gradNormSq[0])}, f(x⁰) = ${fmt(d.f0)}, f_inf ≥ ${p.fInf}.`,
    },
  ];
}
