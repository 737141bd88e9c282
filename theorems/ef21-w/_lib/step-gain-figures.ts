/**
 * The measured side of ef21w-step-gain: the gain γ_AM/γ_QM = (L + L_QM ξ)/(L + L_AM ξ) over the family
 * L_i = (1, …, 1, r), and EF21 at γ_QM against EF21-W at γ_AM on the example (docs/theory.md §4.3).
 */
import type { Trajectory } from '../../../src/algorithms/run.ts';
import type { LineFigure, TableSpec } from '../../types.ts';
import { lArithmeticMean, lQuadraticMean, xi } from '../../ef21/_lib/constants.ts';

/** γ_AM/γ_QM in closed form, (L + L_QM ξ)/(L + L_AM ξ). */
export function gainClosedForm(L: number, lQm: number, lAm: number, alpha: number): number {
  return (L + lQm * xi(alpha)) / (L + lAm * xi(alpha));
}

/** The gain for L_i = (1, …, 1, r), f_i = (L_i/2)‖x‖² (so L = L_AM), α = 1/2, n ∈ {4, 16, 100}. */
export function gainFamily(): { table: TableSpec; figure: LineFigure } {
  const rs = [1, 2, 5, 10, 30, 100, 300, 1_000, 10_000];
  const series = [4, 16, 100].map((n) => ({
    name: `n = ${n}`,
    points: rs.map((r) => {
      const Li = [...new Array<number>(n - 1).fill(1), r];
      const L = lArithmeticMean(Li); // f_i = (L_i/2)‖x‖²: L = L_AM
      return [r, gainClosedForm(L, lQuadraticMean(Li), L, 0.5)] as [number, number];
    }),
  }));
  const rows = series.flatMap((s) =>
    s.points.filter(([r]) => [10, 100, 10_000].includes(r)).map(([r, g]) => [s.name, r, g]),
  );
  return {
    table: {
      title: 'Gain γ_AM/γ_QM for L_i = (1, …, 1, r), f_i = (L_i/2)‖x‖², α = 1/2',
      columns: ['n', 'r', 'γ_AM/γ_QM'],
      rows,
    },
    figure: {
      kind: 'line',
      name: 'gain-vs-heterogeneity',
      title: 'Step-size gain γ_AM/γ_QM for L_i = (1, …, 1, r)',
      x: { label: 'r = L_max/L_min', log: true },
      y: { label: 'γ_AM/γ_QM', log: true },
      series,
      caption:
        'Equal constants give no gain; one dominant node (r ≫ n) gives a gain that grows with n, since L_QM/L_AM can reach √n.',
    },
  };
}

/** Rounds to ‖∇f(x^t)‖² ≤ 1e-10·‖∇f(x⁰)‖² and the two curves, EF21 at γ_QM against EF21-W at γ_AM. */
type Run = Pick<Trajectory<unknown>, 'rounds' | 'gradNormSq'>;

export function convergenceComparison(
  runQm: Run,
  runW: Run,
  gammaQm: number,
  gammaAm: number,
  T: number,
): { table: TableSpec; figure: LineFigure } {
  const curve = (tr: Run): [number, number][] =>
    tr.rounds.map((t, i) => [t, tr.gradNormSq[i]] as [number, number]).filter(([, g]) => g > 0);
  const threshold = 1e-10 * runQm.gradNormSq[0];
  const reach = (tr: Run): number | string => {
    const i = tr.gradNormSq.findIndex((g) => g <= threshold);
    return i < 0 ? `> ${T}` : tr.rounds[i];
  };
  return {
    table: {
      title: `Rounds to ‖∇f(x^t)‖² ≤ 1e-10·‖∇f(x⁰)‖² on L_i = (1, 1, 1, 100), top-1, x⁰ = (1, −2)`,
      columns: ['method', 'γ', 'rounds'],
      rows: [
        ['EF21, γ_QM', gammaQm, reach(runQm)],
        ['EF21-W, γ_AM', gammaAm, reach(runW)],
      ],
    },
    figure: {
      kind: 'line',
      name: 'convergence',
      title: 'EF21 at γ_QM vs EF21-W at γ_AM, L_i = (1, 1, 1, 100), top-1',
      x: { label: 't' },
      y: { label: '‖∇f(x^t)‖²', log: true },
      series: [
        { name: `EF21, γ_QM = ${gammaQm.toPrecision(4)}`, points: curve(runQm) },
        { name: `EF21-W, γ_AM = ${gammaAm.toPrecision(4)}`, points: curve(runW) },
      ],
      caption:
        'Same method (for top-k EF21-W is EF21), two step-size rules: the AM rule converges in about 1/1.666 of the rounds.',
    },
  };
}
