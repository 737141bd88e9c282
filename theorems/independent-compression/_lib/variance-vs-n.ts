/**
 * The simulator against the exact aggregated variance, and the picture against n (docs/theory.md §1.3): scaled
 * rand-k(k = 2, d = 8) on identical unit inputs a_i = a, independent keys against the shared key
 * (src/algorithms/validate.ts compressorKey), n ∈ {1, 2, …, 64}; at n = 8 the sample mean is judged two-sided
 * against the exact value at z = 6.
 */
import { randK } from '../../../src/compressors/rand-k.ts';
import type { Compressor } from '../../../src/compressors/types.ts';
import type { Randomness } from '../../../src/algorithms/validate.ts';
import { norm2sq, type ReadonlyVector } from '../../../src/linalg/vector.ts';
import { foldIn, type Key } from '../../../src/rng/key.ts';
import { normal } from '../../../src/rng/sample.ts';
import { meanSe } from '../../../src/stats/mean-se.ts';
import type { Verdict, VerdictContext } from '../../../src/report/verdict.ts';
import type { LineFigure, TableSpec } from '../../types.ts';
import { aggregateErrorSample, sharedRandKAggregateLaw } from './aggregate-law.ts';
import { twoSidedVerdicts } from '../../_lib/two-sided-verdicts.ts';

export interface VarianceVsN {
  /** Two-sided at n = 8: independent and shared keys, each ≤ and ≥ its exact value. */
  readonly verdicts: readonly Verdict[];
  readonly table: TableSpec;
  readonly figure: LineFigure;
  readonly draws: number;
}

/** `oneOverN`: the claim's 1/n side, (1/n²)Σ_i E‖C(a_i) − a_i‖², the exact variance of independent nodes. */
export function varianceVsN(
  ctx: Omit<VerdictContext, 'check' | 'claim'>,
  root: Key,
  samples: number,
  oneOverN: (C: Compressor, as: readonly ReadonlyVector[]) => number,
): VarianceVsN {
  const d = 8;
  const kk = 2;
  const omega = d / kk - 1;
  const C = randK(d, kk, { scaled: true });
  const a0 = normal(foldIn(root, 2), d);
  const aNorm = Math.sqrt(norm2sq(a0));
  const a = a0.map((v) => v / aNorm);
  const ns = [1, 2, 4, 8, 16, 32, 64];
  const rows: (string | number)[][] = [];
  const indepPts: [number, number][] = [];
  const sharedPts: [number, number][] = [];
  const verdicts: Verdict[] = [];
  const draws = Math.max(200, Math.ceil(samples / 10));
  for (const n of ns) {
    const as = Array.from({ length: n }, () => a);
    const exactIndep = oneOverN(C, as);
    const exactShared = sharedRandKAggregateLaw(as, kk).variance;
    const sample = (r: Randomness, stream: number): number[] =>
      Array.from({ length: draws }, (_, s) =>
        aggregateErrorSample(C, as, foldIn(foldIn(foldIn(root, stream), n), s), r),
      );
    const mi = meanSe(sample('independent', 3));
    const ms = meanSe(sample('shared', 4));
    rows.push([n, exactIndep, mi.mean, mi.se, exactShared, ms.mean, ms.se, omega / n]);
    indepPts.push([n, mi.mean]);
    sharedPts.push([n, ms.mean]);
    if (n === 8) {
      const c = (what: string, bound: number, s: typeof mi, r: string) =>
        twoSidedVerdicts(
          (side) => ({
            ...ctx,
            claim: `E‖agg − ā‖² ${side} ${what}`,
            check: `simulator, ${r} keys, n = 8, rand-k(k=2,d=8,scaled), a_i = a, ‖a‖ = 1: mean ${side} exact`,
          }),
          s,
          bound,
        );
      verdicts.push(...c('(ω/n)‖a‖²', exactIndep, mi, 'independent'), ...c('ω‖a‖²', exactShared, ms, 'shared'));
    }
  }
  return {
    verdicts,
    draws,
    table: {
      title: `Aggregated variance E‖(1/n)ΣC_i(a) − a‖² against n: rand-k(k=2,d=8,scaled) (ω = 3), identical inputs a_i = a, ‖a‖ = 1; Monte Carlo over ${draws} draws per n`,
      columns: [
        'n',
        'independent: exact (ω/n)‖a‖²',
        'independent: mean',
        'se',
        'shared: exact ω‖a‖²',
        'shared: mean',
        'se',
        'ω/n',
      ],
      rows,
    },
    figure: {
      kind: 'line',
      name: 'variance-vs-n',
      title: 'Aggregated compression variance against n, rand-k(k=2,d=8,scaled), a_i = a, ‖a‖ = 1',
      x: { label: 'nodes n', log: true },
      y: { label: 'E‖(1/n)ΣC_i(a) − a‖²', log: true },
      series: [
        { name: 'independent (measured)', points: indepPts },
        { name: 'shared (measured)', points: sharedPts },
        {
          name: 'ω/n (independent, exact)',
          points: ns.map((n) => [n, omega / n] as [number, number]),
          reference: true,
        },
        { name: 'ω (shared, exact)', points: ns.map((n) => [n, omega] as [number, number]), reference: true },
      ],
      caption:
        'Independent draws fall like ω/n; with shared randomness and identical inputs every node drops the same coordinates and the variance stays ω.',
    },
  };
}
