/**
 * The three arms of ef21-vs-ef21w-steps — EF21 at γ_QM = 1/(L + L̃ξ(α)), EF21 at γ_AM = 1/(L + L_AM ξ(α)) and EF21-W
 * at γ_AM — run without tuning from x⁰ = 0, g_i⁰ = ∇f_i(x⁰); the step rules they use; and what the page shows of
 * them: the rate bound along each run (observed), the tables, the convergence figures and the notes.
 */
import { ef21AmStepSize, ef21StepSize, xi } from '../../../src/algorithms/step-sizes.ts';
import type { Compressor } from '../../../src/compressors/types.ts';
import { exactOracle } from '../../../src/oracles/exact.ts';
import type { LogisticProblem } from '../../../src/problems/logistic-regression.ts';
import { lArith, lTilde } from '../../../src/problems/types.ts';
import type { Key } from '../../../src/rng/key.ts';
import { asObserved, deterministicVerdict, type Sides, type Verdict } from '../../../src/report/verdict.ts';
import type { LineFigure, TableSpec } from '../../types.ts';
import type { ClaimContext } from '../../_lib/claim-context.ts';
import { fmt } from '../../_lib/fmt.ts';
import { convergenceFigures, runMethod, type MethodSpec, type Run } from './tuned-runs.ts';

export interface StepRuleSizes {
  readonly digits: number;
  readonly nodes: number;
  /** Factor on node 0's feature values (L_0's loss part grows by scale²). */
  readonly scale: number;
  readonly k: number;
  /** Rounds T (a multiple of 8); ‖∇f(x^t)‖² is recorded every round (the rate check sums all of them). */
  readonly rounds: number;
}

export interface StepRules {
  readonly lAM: number;
  readonly lQM: number;
  readonly lVar: number;
  readonly gammaQM: number;
  readonly gammaAM: number;
}

/** L_AM, L_QM = L̃, L_var = L_QM² − L_AM² and both step sizes for a contractive α [docs/theory.md §4.1, §3.2, §4.2]. */
export function stepRules(p: Pick<LogisticProblem, 'L' | 'Li'>, alpha: number): StepRules {
  const lAM = lArith(p);
  const lQM = lTilde(p);
  return { lAM, lQM, lVar: lQM * lQM - lAM * lAM, gammaQM: ef21StepSize(p, alpha), gammaAM: ef21AmStepSize(p, alpha) };
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

/**
 * The rate bound each rule guarantees, (1/T)Σ_{t<T}‖∇f(x^t)‖² ≤ 2(f(x⁰) − f_inf)/(γT) (`rate`: both sides along an
 * arm's run), one verdict per arm, reported as observed: the bound is many times the measured average on every
 * run, so a pass would claim no power (the stated reason gives the smallest factor).
 */
export function observedRateVerdicts(
  ctx: ClaimContext,
  arms: readonly Arm[],
  rate: (a: Arm) => Sides,
  T: number,
): Verdict[] {
  const room = Math.min(...arms.map((a) => rate(a).rhs / rate(a).lhs));
  const observedBecause = `the bound is at least ${room.toPrecision(3)}× the measured average on every run at T = ${T}: only an error of that factor in γ or in f(x⁰) − f_inf could break it, so a pass would claim no power; ef21-rate checks the same inequality with teeth and an adversary`;
  return arms.map((a) =>
    asObserved(
      deterministicVerdict(
        {
          ...ctx,
          provenance: 'D',
          check: `rate along the run: ${a.label}`,
          claim: `(1/T)Σ_{t<T}‖∇f(x^t)‖² ≤ 2(f(x⁰) − f_inf)/(γT), T = ${T}`,
          details: { gamma: a.gamma, rounds: T },
        },
        rate(a),
      ),
      observedBecause,
    ),
  );
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

/** ‖∇f(x^t)‖² of each arm against rounds and against bits. */
export function stepRuleFigures(
  arms: readonly Arm[],
  compressor: Compressor,
  sizes: Pick<StepRuleSizes, 'nodes' | 'scale'>,
  rules: StepRules,
): LineFigure[] {
  const lines = arms.map((a) => ({ label: `${a.label}, γ=${fmt(a.gamma)}`, runs: [a.run] }));
  const caption = `n = ${sizes.nodes}, node 0 scaled ×${sizes.scale}; L_AM = ${fmt(rules.lAM)}, L_QM = ${fmt(rules.lQM)}. EF21-W and EF21 at the AM step coincide up to rounding (top-k is positively homogeneous).`;
  return convergenceFigures('steps', `EF21 step rules, MNIST even/odd, ${compressor.name}`, lines, caption);
}

/** Where the heterogeneity comes from and why k = 78; no tuning, the resolution of "faster", the rate bounds. */
export function stepRuleNotes(fasterBy: number): string[] {
  return [
    "The heterogeneity is synthetic: the EF21-W paper's own mechanism for making the L_i differ (and its datasets, n = 1000 clients, Top1) were not retrieved (docs/theory.md §4.5); one node's features are scaled instead, as docs/theory.md §4.5 [R] suggests. k = 78 (α ≈ 0.1, the α of Top1 on a 10-feature dataset) rather than Top1 on d = 784 (α ≈ 0.001) keeps the theory steps large enough to show progress in a few thousand rounds.",
    `No step size is tuned: each run uses its theory rule. "Faster" is resolved to ${100 * fasterBy}%: the AM average must lie that far below the QM one, so a rule with no gain fails (the teeth). The rate bounds are the pathwise Lyapunov consequence of each rule (G_0 = 0 because g_i⁰ = ∇f_i(x⁰); f_inf = 0 is a valid lower bound for the logistic loss), a derived form of the cited theorems; they hold with wide margins here and are reported as observed.`,
  ];
}
