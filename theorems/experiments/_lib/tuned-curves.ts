/**
 * The convergence curves of one setting of a tuned sweep (tuned-runs.ts): ‖∇f(x^t)‖² against rounds and against
 * bits, one line per method at the step size its tuning chose (mean over the evaluation streams).
 */
import type { LineFigure } from '../../../src/report/figure.ts';
import { convergenceFigures, type MethodSpec, type SettingResult } from './tuned-runs.ts';

/** Each line is labelled with the chosen multiple of γ_EF21 from `multiples`. */
export function tunedCurves(
  name: string,
  title: string,
  methods: readonly MethodSpec[],
  multiples: readonly number[],
  result: SettingResult,
  caption: string,
): LineFigure[] {
  const lines = methods.map((spec, j) => ({
    label: `${spec.label}, γ=γ_EF21·${multiples[result.tunings[j].best]}`,
    runs: result.runs[j],
  }));
  return convergenceFigures(name, title, lines, caption);
}
