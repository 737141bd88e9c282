/**
 * The LIBSVM / SVMlight text format the field's datasets come in: one sample per line,
 *   <label> <index>:<value> <index>:<value> …   (indices 1-based and increasing; '#' starts a comment)
 * Errors name the line: "libsvm: line 17: expected index:value, got 'abc'".
 */
import { validateDataset, type Dataset } from './dataset.ts';

export interface LibsvmOptions {
  /** Number of features; default: the largest index seen. An index above it is an error. */
  readonly dim?: number;
  /**
   * 'binary': two label values, the smaller ↦ −1 and the larger ↦ +1 (so {0,1}, {1,2} and {−1,+1} all become
   * ±1, the EF21 authors' convention, docs/theory.md §3.9); 'multiclass': distinct labels sorted ↦ ids 0 … c−1;
   * 'auto' (default): binary when at most two distinct labels occur; 'regression': labels kept as real targets.
   */
  readonly labels?: 'binary' | 'multiclass' | 'auto' | 'regression';
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * @example
 * readLibsvm('1 1:0.5 3:2\n0 2:1\n').labels;
 * // returns Float64Array [1, -1]
 */
export function readLibsvm(text: string, options: LibsvmOptions = {}): Dataset {
  const lines = text.split(/\r?\n/);
  const rawLabels: number[] = [];
  const rowPtr: number[] = [0];
  const colIdx: number[] = [];
  const values: number[] = [];
  let maxIndex = 0;
  for (let ln = 0; ln < lines.length; ln++) {
    const where = `libsvm: line ${ln + 1}`;
    const hash = lines[ln].indexOf('#');
    const body = (hash >= 0 ? lines[ln].slice(0, hash) : lines[ln]).trim();
    if (body === '') continue;
    const fields = body.split(/\s+/);
    const label = fields[0];
    if (!NUMBER.test(label)) throw new RangeError(`${where}: expected a numeric label, got '${label}'`);
    let previous = 0;
    for (let f = 1; f < fields.length; f++) {
      const field = fields[f];
      const colon = field.indexOf(':');
      const idxText = field.slice(0, colon);
      const valText = field.slice(colon + 1);
      if (idxText === 'qid') continue; // ranking data: the query id is not a feature
      if (colon <= 0 || !/^\d+$/.test(idxText) || !NUMBER.test(valText))
        throw new RangeError(`${where}: expected index:value, got '${field}'`);
      const index = Number(idxText);
      if (index < 1) throw new RangeError(`${where}: indices are 1-based, got '${field}'`);
      if (index <= previous) throw new RangeError(`${where}: indices must increase, got ${index} after ${previous}`);
      if (options.dim !== undefined && index > options.dim)
        throw new RangeError(`${where}: index ${index} exceeds dim=${options.dim}`);
      previous = index;
      const value = Number(valText);
      if (!Number.isFinite(value)) throw new RangeError(`${where}: value out of range in '${field}'`);
      if (value !== 0) {
        colIdx.push(index - 1);
        values.push(value);
      }
    }
    if (previous > maxIndex) maxIndex = previous;
    rawLabels.push(Number(label));
    rowPtr.push(colIdx.length);
  }
  if (rawLabels.length === 0) throw new RangeError('libsvm: no samples (empty input)');
  const dim = options.dim ?? maxIndex;
  if (!(Number.isInteger(dim) && dim >= 1)) throw new RangeError(`libsvm: need dim ≥ 1, got ${dim}`);

  const mode = options.labels ?? 'auto';
  const csr = {
    m: rawLabels.length,
    dim,
    rowPtr: Int32Array.from(rowPtr),
    colIdx: Int32Array.from(colIdx),
    values: Float64Array.from(values),
  };
  if (mode === 'regression')
    return validateDataset({
      ...csr,
      labels: Float64Array.from(rawLabels),
      task: 'regression',
      classes: 0,
      classLabels: [],
    });
  const distinct = [...new Set(rawLabels)].sort((a, b) => a - b);
  const binary = mode === 'binary' || (mode === 'auto' && distinct.length <= 2);
  let labels: Float64Array;
  let classLabels: number[];
  if (binary) {
    if (distinct.length > 2)
      throw new RangeError(
        `libsvm: binary labels requested but ${distinct.length} distinct labels occur (${distinct.slice(0, 5).join(', ')}…)`,
      );
    // With a single label value we cannot tell its side from order: positive values ↦ +1, others ↦ −1.
    const positive = distinct.length === 2 ? distinct[1] : distinct[0] > 0 ? distinct[0] : Infinity;
    labels = Float64Array.from(rawLabels, (y) => (y === positive ? 1 : -1));
    classLabels = distinct.length === 2 ? distinct : positive === Infinity ? [distinct[0], NaN] : [NaN, distinct[0]];
  } else {
    const id = new Map(distinct.map((y, k) => [y, k]));
    labels = Float64Array.from(rawLabels, (y) => id.get(y) ?? -1);
    classLabels = distinct;
  }
  return validateDataset({
    ...csr,
    labels,
    task: binary ? 'binary' : 'multiclass',
    classes: binary ? 2 : distinct.length,
    classLabels,
  });
}
