/**
 * One sweep of saddle-sweep.ts together with what the iterations claim fits on it: per cell the ratio of the
 * compressed method's hitting time to SGD's, and the log–log fit of that ratio on d over every cell (hitting-fit.ts;
 * docs/saddles.md).
 */
import type { SlopeFit } from '../../../src/stats/log-log-fit.ts';
import type { Key } from '../../../src/rng/key.ts';
import { hittingRatios, ratioFit, type RatioPoints } from './hitting-fit.ts';
import { saddleSweep, type SaddleInstance, type SweepMethod, type SweepRun } from './saddle-sweep.ts';

export interface FittedSweep {
  readonly dims: readonly number[];
  readonly seeds: number;
  readonly cells: SweepRun[];
  /** T_compressed/T_SGD per cell where both reached an ε-SOSP. */
  readonly points: RatioPoints;
  readonly fit: SlopeFit;
}

/** Every (d, seed) cell of SGD and `compressed` on one instance, both on the same noise, and the fit of their ratio. */
export function fittedSweep(
  root: Key,
  dims: readonly number[],
  seeds: number,
  compressed: Exclude<SweepMethod, 'sgd'>,
  instance: SaddleInstance = 'strict-saddle',
): FittedSweep {
  const cells = saddleSweep(root, dims, seeds, { instance, methods: ['sgd', compressed] });
  const points = hittingRatios(cells, compressed, 'sgd');
  return { dims, seeds, cells, points, fit: ratioFit(points) };
}
