/**
 * EF-SGD with an absolute compressor: the memory term of its bound is L²γ²Δ², derived form.
 *
 * Setting: f = (1/n)Σf_i L-smooth (nonconvex allowed), per-node noise E‖ĝ_i − ∇f_i‖² ≤ σ² independent over nodes.
 *   One step: quadratics f_i = ½xᵀA_i x − b_iᵀx (n ≤ 3, d ≤ 5) from arbitrary states; runs: least squares with
 *   Gaussian noise (_lib/absolute-runs.ts).
 * Algorithm: EF-SGD as src/algorithms/ef14.ts: p_i = ĝ_i(x^t) + e_i, c_i = C(p_i), e_i ← p_i − c_i,
 *   x^{t+1} = x^t − γ(1/n)Σc_i, with C absolute, ‖C(v) − v‖² ≤ Δ² for all v: the hard threshold C_λ
 *   (src/compressors/hard-threshold.ts, Δ² = dλ²). Then ‖e_i‖ ≤ Δ always and z = x^{t+1} − γē (ef14VirtualIterate)
 *   runs SGD, z⁺ = z − γḡ(x^{t+1}), with x^{t+1} − z = γē.
 * Claim: for γ ≤ 1/(2L), from every state, E f(z⁺) − f(z) ≤ −(γ/4)‖∇f(x⁺)‖² + Lγ²σ²/(2n) + L²γ³Δ²/2; summed,
 *   (1/T)Σ_{t<T}E‖∇f(x^t)‖² ≤ 4(f(x⁰) − f_inf)/(γT) + 2Lγσ²/n + 2L²γ²Δ².
 * Kind: upper-in-expectation. One step: exact expectation (two-point noise ±v_i, 2ⁿ outcomes through ef14.ts's step),
 *   pathwise over arbitrary states, and an identity at the worst state; the averaged bound on runs, z = 6 Student t,
 *   is observed: the runs sit several-fold below it, where a missing memory term would pass too.
 * Reference: Sahu, Dutta, Abdelmoniem, Banerjee, Canini, Kalnis (2021), NeurIPS: EF-SGD with an absolute compressor
 *   (their bound was not retrieved); docs/theory.md §8, derived form [D] (smoothness, polarization, ‖ē‖ ≤ Δ).
 * Teeth: at the worst state (∇f(z) = 0, A_i = L·I, |p_j| → λ⁻: every step of the derivation an equality) the bound
 *   with Δ²/4, and the step 1/L (2× the rule), must fail; the adversary finds m*; the compressor checker must refute
 *   a hard threshold declaring dλ²/4 and one with the λ-for-λ² slip.
 */
import { foldIn, key } from '../../src/rng/key.ts';
import { asObserved, deterministicVerdict, verdictOverTrials } from '../../src/report/verdict.ts';
import {
  budgetSizes,
  byBudget,
  theoremFile,
  type Budget,
  type Theorem,
  type TheoremMeta,
  type TheoremResult,
} from '../types.ts';
import { claimContext } from '../_lib/claim-context.ts';
import { adversaryCheck, adversaryNote } from '../_lib/power.ts';
import { seededTrials } from '../_lib/seeded-trials.ts';
import { absoluteCatalogueVerdicts } from './_lib/absolute-catalogue.ts';
import { methodSides } from './_lib/absolute-one-step.ts';
import { absoluteNotes, runsTable, runVerdicts, stepJson } from './_lib/absolute-report.ts';
import { boundFigure, runSetting, runsByLambda } from './_lib/absolute-runs.ts';
import { absoluteSpace } from './_lib/absolute-space.ts';
import { randomMethodStep, worstMethodStep } from './_lib/absolute-states.ts';

export const meta: TheoremMeta = {
  id: 'ef-sgd-absolute-bound',
  title: 'EF-SGD with an absolute compressor: one-step and averaged bounds with the memory term L²γ²Δ²',
  group: 'total-error',
  paper: { authors: 'Sahu et al.', year: 2021 },
  theorem: 'EF-SGD with absolute compressors (their bound not retrieved)',
  provenance: 'D',
  kind: 'upper-in-expectation',
  statement:
    'f L-smooth, ‖C(v) − v‖² ≤ Δ², per-node noise σ², γ ≤ 1/(2L): E f(z⁺) − f(z) ≤ −(γ/4)‖∇f(x⁺)‖² + Lγ²σ²/(2n) + L²γ³Δ²/2 for the corrected iterate z of EF-SGD (ef14.ts), hence (1/T)Σ_{t<T}E‖∇f(x^t)‖² ≤ 4(f(x⁰) − f_inf)/(γT) + 2Lγσ²/n + 2L²γ²Δ² (docs/theory.md §8, derived form)',
  file: theoremFile(import.meta.url),
};

const CLAIM = 'E f(z⁺) − f(z) ≤ −(γ/4)‖∇f(x⁺)‖² + Lγ²σ²/(2n) + L²γ³Δ²/2';
const AVERAGED = '(1/T)Σ_{t<T}E‖∇f(x^t)‖² ≤ 4(f(x⁰) − f_inf)/(γT) + 2Lγσ²/n + 2L²γ²Δ²';
/** Rounding of the enumeration: ≤ 8 outcomes of f, each a sum over ≤ 5 coordinates. */
const RTOL = 1e-11;
const WORST_STATE_RTOL = 1e-7;
/** The worst state's shape: the bound is tight there for every d, n, L, λ, σ. */
const WORST = { d: 3, n: 2, L: 2, lambda: 0.3, sigma: 0.7 } as const;

export async function check(seed: number, budget: Budget): Promise<TheoremResult> {
  const { trials } = budgetSizes(budget);
  const { T, runs } = byBudget(budget, {
    quick: { T: 100, runs: 8 },
    default: { T: 400, runs: 24 },
    deep: { T: 2_000, runs: 64 },
  });
  const root = key(seed);
  const ctx = { ...claimContext(meta, seed, budget), claim: CLAIM };
  const steps = seededTrials(root, 1, trials, (k) => {
    const m = randomMethodStep(k);
    return { s: methodSides(m), instance: stepJson(m) };
  });
  const worst = (multiplier: number, deltaFactor: number) =>
    methodSides(worstMethodStep(WORST, multiplier), multiplier, deltaFactor);
  const atWorst = worst(1, 1);
  const adv = adversaryCheck(
    { ...ctx, check: 'one step, adversarial quadratic, memories and noise' },
    absoluteSpace(),
    foldIn(root, 2),
    budget,
  );
  const setting = runSetting(foldIn(root, 3));
  const byLambda = runsByLambda(setting, foldIn(root, 4), runs, T);
  const teeth = (check: string, claim: string, sides: { lhs: number; rhs: number; scale: number }) =>
    deterministicVerdict({ ...ctx, check, claim, expectation: 'may-fail', counterexample: { ...WORST } }, sides);
  return {
    verdicts: [
      verdictOverTrials(
        { ...ctx, check: `one step from arbitrary states through ef14.ts (${trials}; exact over the noise signs)` },
        'deterministic',
        steps.map(({ s, instance }) => ({ ...s, instance })),
        { rtol: RTOL },
      ),
      verdictOverTrials(
        {
          ...ctx,
          claim: 'E f(z⁺) over the 2ⁿ sign patterns = the quadratic closed form',
          check: 'enumeration through ef14.ts = closed form (the adversary’s left side)',
        },
        'identity',
        steps.map(({ s }) => ({ lhs: s.lhs, rhs: s.closed, scale: s.scale })),
        { rtol: RTOL },
      ),
      // An identity, not ≤: every step of the derivation is tight at this state, so a loose constant (2× the memory
      // term, say) shows as a gap here. The state's |p_j| = λ(1 − ε) leaves a deficit of order ε ≈ 1e-9, hence 1e-7.
      verdictOverTrials(
        {
          ...ctx,
          check: 'the worst state at γ = 1/(2L): equality up to (1 − ε)², judged as an identity',
          details: { ratio: 1 + (atWorst.lhs - atWorst.rhs) / atWorst.scale },
        },
        'identity',
        [atWorst],
        { rtol: WORST_STATE_RTOL },
      ),
      teeth('teeth: Δ²/4 in place of Δ² (worst state)', CLAIM.replace('Δ²/2', 'Δ²/8'), worst(1, 1 / 4)),
      teeth('teeth: γ = 1/L, twice the rule (worst state)', `${CLAIM} at γ = 1/L`, worst(2, 1)),
      ...adv.verdicts,
      ...runVerdicts({ ...ctx, claim: AVERAGED }, setting, byLambda).map((v) =>
        v.expectation === 'may-fail'
          ? v
          : asObserved(
              v,
              'the runs stay several-fold below the averaged bound, which would pass even without its memory term: the one-step inequality, tight at the worst state, is what judges the constants',
            ),
      ),
      ...absoluteCatalogueVerdicts(foldIn(root, 5), meta.id, seed, budget, meta.provenance),
    ],
    power: [adv.power],
    tables: [runsTable(setting, byLambda, T)],
    figures: [boundFigure(setting, byLambda)],
    notes: [...absoluteNotes(trials, T, runs), adversaryNote(adv.power, 'γ = 1/(2L)')],
  };
}

export const theorem: Theorem = { meta, check, adversary: { space: () => absoluteSpace() } };
