/**
 * What adiana-rounds-vs-kappa shows beside its verdicts: the rounds table over κ, the figure of DIANA against ADIANA
 * (the crossover of docs/theory.md §A1.5) and the notes (docs/unbiased-compression.md).
 */
import type { SlopeFit } from '../../../src/stats/log-log-fit.ts';
import type { LineFigure, TableSpec } from '../../types.ts';
import { fmt } from '../../_lib/fmt.ts';
import { slopeText } from './exponent-law.ts';
import { columnMean, type KappaSweep } from './kappa-sweep.ts';

export interface KappaFits {
  readonly tuned: SlopeFit;
  readonly published: SlopeFit;
  readonly diana: SlopeFit;
  readonly agd: SlopeFit;
}

export function kappaTable(
  sweep: KappaSweep,
  c: { readonly n: number; readonly d: number; readonly k: number; readonly omega: number; readonly epsilon: number },
): TableSpec {
  const m = (rows: readonly (readonly number[])[], a: number): number => columnMean(rows, a);
  return {
    title: `Exact rounds to E[f − f*] ≤ ${c.epsilon}·(f(x⁰) − f*), n = ${c.n}, d = ${c.d}, rand-${c.k} (ω = ${c.omega}); geometric means over ${sweep.tuned.length} instances`,
    columns: [
      'κ',
      'ADIANA, tuned η: T*',
      'tuned η·L',
      'ADIANA, published: T',
      'DIANA, derived γ: T',
      'AGD (uncompressed): T',
      'T_DIANA/T_ADIANA (published)',
      'T*/T_AGD',
    ],
    rows: sweep.kappas.map((kappa, a) => [
      kappa,
      m(sweep.tuned, a),
      m(sweep.eta, a),
      m(sweep.published, a),
      m(sweep.diana, a),
      m(sweep.agd, a),
      m(sweep.diana, a) / m(sweep.published, a),
      m(sweep.tuned, a) / m(sweep.agd, a),
    ]),
    caption:
      'Every ADIANA and DIANA count is exact (the per-coordinate second-moment laws, nothing sampled); AGD runs agd.ts with exact gradients. η is tuned on the grid 2^{−j/8}/L, j ≥ 0, the other ADIANA parameters follow it by the published rule.',
  };
}

export function crossoverFigure(
  sweep: KappaSweep,
  crossPublished: number | null,
  crossTuned: number | null,
): LineFigure {
  const series = (name: string, rows: readonly (readonly number[])[]) => ({
    name,
    points: sweep.kappas.map((k, a) => [k, columnMean(rows, a)] as [number, number]),
  });
  const at = (k: number | null): string => (k === null ? 'outside the grid' : `κ ≈ ${fmt(k)}`);
  return {
    kind: 'line',
    name: 'diana-adiana-crossover',
    title: 'DIANA against ADIANA over κ: exact rounds to ε',
    x: { label: 'κ = L/μ', log: true },
    y: { label: 'rounds to ε', log: true },
    series: [
      series('DIANA (derived γ)', sweep.diana),
      series('ADIANA (published parameters)', sweep.published),
      series('ADIANA (tuned η)', sweep.tuned),
      series('AGD (uncompressed)', sweep.agd),
    ],
    caption: `DIANA grows like κ, ADIANA like √κ: DIANA meets ADIANA at the published parameters at ${at(crossPublished)}, and ADIANA with tuned η at ${at(crossTuned)}.`,
  };
}

export function kappaNotes(fits: KappaFits, window: number, margin: number): string[] {
  return [
    `Fits over κ ≥ ${window}, one intercept per instance (ln T against ln κ): tuned ADIANA ${slopeText(fits.tuned)}; published ADIANA ${slopeText(fits.published)}; DIANA ${slopeText(fits.diana)}; AGD (not judged) ${slopeText(fits.agd)}.`,
    `Margin ${margin}: rounds to ε carry the log factor's transient and the ω additive term, so the exponent is 1/2 (or 1) only as κ → ∞; the measured offsets from the asymptotic exponents are ≤ 0.02 (30 seeds at quick, seed 1 at default), and the margin is 2.5 times that and a tenth of the distance to the wrong exponents.`,
    'Why ADIANA is accelerated at any fixed step: θ1 = min{1/4, sqrt(ημ/p)} makes the rate ~ sqrt(ημp), and the published η does not depend on κ, so the rounds grow like √κ; the tuned η·L moves only a grid step or two across κ (see the table), which widens the tuned fit’s interval. DIANA’s derived step γ = 1/(L + 6ωL_max/n) does not depend on κ either, and its rate 1 − γμ gives κ¹.',
  ];
}
