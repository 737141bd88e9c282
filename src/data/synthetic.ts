/**
 * Seeded synthetic datasets for tests and benchmarks: sparse Gaussian features with labels from a planted linear
 * model (binary: sign, multiclass: argmax, regression: value plus noise), so problems built on them are neither
 * trivially separable nor pure noise.
 */
import { foldIn, type Key } from '../rng/key.ts';
import { normal, uniform } from '../rng/sample.ts';
import { fromDenseRows, type Dataset } from './dataset.ts';

export interface SyntheticOptions {
  readonly m: number;
  readonly dim: number;
  /** Fraction of non-zero features (default 1). */
  readonly density?: number;
  readonly task?: Dataset['task'];
  /** Classes for 'multiclass' (default 3). */
  readonly classes?: number;
  readonly key: Key;
}

export function syntheticDataset(options: SyntheticOptions): Dataset {
  const { m, dim, key } = options;
  const density = options.density ?? 1;
  const task = options.task ?? 'binary';
  const c = task === 'multiclass' ? (options.classes ?? 3) : 1;
  if (!(Number.isInteger(m) && m >= 1 && Number.isInteger(dim) && dim >= 1))
    throw new RangeError(`synthetic: need m, dim ≥ 1, got m=${m}, dim=${dim}`);
  const z = normal(foldIn(key, 0), m * dim);
  const u = uniform(foldIn(key, 1), m * dim);
  const w = normal(foldIn(key, 2), c * dim);
  const noise = normal(foldIn(key, 3), m);
  const rows = Array.from({ length: m }, (_, r) =>
    Float64Array.from({ length: dim }, (_, j) => (u[r * dim + j] < density ? z[r * dim + j] : 0)),
  );
  const labels = rows.map((a, r) => {
    const scores = Array.from(
      { length: c },
      (_, y) => a.reduce((s, v, j) => s + v * w[y * dim + j], 0) + 0.5 * noise[r],
    );
    if (task === 'binary') return scores[0] >= 0 ? 1 : -1;
    if (task === 'regression') return scores[0];
    return scores.indexOf(Math.max(...scores));
  });
  const meta =
    task === 'binary'
      ? { task, classes: 2, classLabels: [-1, 1] }
      : task === 'regression'
        ? { task, classes: 0, classLabels: [] }
        : { task, classes: c, classLabels: Array.from({ length: c }, (_, y) => y) };
  return fromDenseRows(rows, labels, meta);
}
