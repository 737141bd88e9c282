/**
 * The outcome table of a tuned sweep (tuned-runs.ts): per method and setting, the tail score S on the evaluation
 * streams (mean ± se) and the multiple of γ_EF21 the tuning chose.
 */
import type { TableSpec } from '../../types.ts';
import { runScores, scoreText, type MethodSpec, type SettingResult } from './tuned-runs.ts';

/** `axis` names the swept quantity ('B', 'n'), `axisValues` its value per setting, in the order of `results`. */
export function finalScoreTable(
  axis: string,
  axisValues: readonly number[],
  multiples: readonly number[],
  methods: readonly Pick<MethodSpec, 'label'>[],
  results: readonly SettingResult[],
  caption: string,
): TableSpec {
  return {
    title: 'Final ‖∇f‖² (tail score S, mean ± se over evaluation streams) and the tuned γ',
    columns: ['method', ...axisValues.flatMap((v) => [`S at ${axis}=${v}`, `γ/γ_EF21 at ${axis}=${v}`])],
    rows: methods.map((spec, j) => [
      spec.label,
      ...results.flatMap((r) => [scoreText(runScores(r.runs[j])), multiples[r.tunings[j].best]]),
    ]),
    caption,
  };
}
