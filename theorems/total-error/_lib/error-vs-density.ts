/**
 * top-k-best-k-term's picture: the relative error ‖p − C(p)‖²/‖p‖² of top-k and of a random k-subset against k/d
 * (d = 64, Gaussian p), with the contract bound 1 − k/d.
 */
import { chooseK, normal } from '../../../src/rng/sample.ts';
import { foldIn, split, type Key } from '../../../src/rng/key.ts';
import type { ReadonlyVector, Vector } from '../../../src/linalg/vector.ts';
import type { LineFigure, TableSpec } from '../../types.ts';

export function errorVsDensity(
  root: Key,
  draws: number,
  compressionError: (p: ReadonlyVector, c: ReadonlyVector) => number,
  topKOutput: (p: ReadonlyVector, k: number) => Vector,
  restrict: (p: ReadonlyVector, subset: ArrayLike<number>) => Vector,
): { table: TableSpec; figure: LineFigure } {
  const d = 64;
  const ks = [1, 2, 4, 8, 16, 24, 32, 40, 48, 56, 60, 63];
  const top: [number, number][] = [];
  const rnd: [number, number][] = [];
  const bound: [number, number][] = [];
  const rows: (string | number)[][] = [];
  for (const k of ks) {
    let sTop = 0;
    let sRnd = 0;
    for (let t = 0; t < draws; t++) {
      const [kp, kR] = split(foldIn(foldIn(foldIn(root, 5), k), t));
      const p = normal(kp, d);
      const norm = compressionError(p, new Float64Array(d));
      sTop += compressionError(p, topKOutput(p, k)) / norm;
      sRnd += compressionError(p, restrict(p, chooseK(kR, d, k))) / norm;
    }
    top.push([k / d, sTop / draws]);
    rnd.push([k / d, sRnd / draws]);
    bound.push([k / d, 1 - k / d]);
    if ([1, 8, 32, 56].includes(k)) rows.push([k, k / d, sTop / draws, sRnd / draws, 1 - k / d]);
  }
  return {
    table: {
      title: `Relative error ‖p − C(p)‖²/‖p‖², d = ${d}, p ~ N(0, I), mean over ${draws} draws`,
      columns: ['k', 'k/d', 'top-k', 'random k-subset', 'contract bound 1 − k/d'],
      rows,
    },
    figure: {
      kind: 'line',
      name: 'error-vs-density',
      title: `Relative compression error, d = ${d}, Gaussian p`,
      x: { label: 'k/d' },
      y: { label: '‖p − C(p)‖² / ‖p‖²', log: true },
      series: [
        { name: 'top-k', points: top },
        { name: 'random k-subset (rand-k mask)', points: rnd },
        { name: '1 − k/d (top-k contract, α = k/d)', points: bound, reference: true },
      ],
      caption: `Mean over ${draws} Gaussian draws per k. The random k-subset sits on 1 − k/d in expectation; top-k lies below it, increasingly so as k/d grows.`,
    },
  };
}
