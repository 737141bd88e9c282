/**
 * The adversary's cost, beside its reference in the same run: for a few tight-claim spaces, where the worst ratio
 * is known (ρ, so ratio − 1 = 0 is the answer), the adversary and plain random sampling each get the same number of
 * evaluations of the inequality; the table shows what each reaches and the CPU time it took. Random sampling is the
 * reference because it is what the claims did before the adversary.
 */
import { cpuUsage } from 'node:process';
import { ratioOf, type SearchSpace } from '../src/adversary/types.ts';
import { worstCase } from '../src/adversary/worst-case.ts';
import { foldIn, key } from '../src/rng/key.ts';
import { ef21Method, efMethod } from '../theorems/tight/_lib/tight-methods.ts';
import { tightSpace, type TightCandidate } from '../theorems/tight/_lib/tight-space.ts';

export interface AdversaryBenchRow {
  readonly space: string;
  /** The budget each side was given. */
  readonly evaluations: number;
  /** What the adversary spent (a climb stops early once no step improves). */
  readonly adversaryEvaluations: number;
  /** V⁺/(ρV) − 1 at the worst candidate found: 0 is the known answer, below 0 falls short. */
  readonly adversaryExcess: number;
  readonly samplingExcess: number;
  readonly adversaryCpuSeconds: number;
  readonly samplingCpuSeconds: number;
}

const PROBES: readonly { readonly name: string; readonly space: () => SearchSpace<TightCandidate> }[] = [
  {
    name: 'EF, κ = 10, δ = 0.5',
    space: () => tightSpace({ method: efMethod, kappa: 10, delta: 0.5, workers: [1, 1], compressors: ['adversarial'] }),
  },
  {
    name: 'EF21, κ = 100, δ = 0.25',
    space: () =>
      tightSpace({ method: ef21Method, kappa: 100, delta: 0.25, workers: [1, 1], compressors: ['adversarial'] }),
  },
  {
    name: 'EF21, 2–4 workers, κ = 10, δ = 0.1',
    space: () =>
      tightSpace({ method: ef21Method, kappa: 10, delta: 0.1, workers: [2, 4], compressors: ['adversarial'] }),
  },
];

function cpuSeconds<T>(f: () => T): { value: T; seconds: number } {
  const before = cpuUsage();
  const value = f();
  const used = cpuUsage(before);
  return { value, seconds: (used.user + used.system) / 1e6 };
}

/** Each probe at each total evaluation count; restarts of 2000 evaluations each (the tight claims' climb length). */
export function adversaryBench(totals: readonly number[] = [2_000, 12_000, 60_000], seed = 1): AdversaryBenchRow[] {
  const rows: AdversaryBenchRow[] = [];
  for (const probe of PROBES) {
    const space = probe.space();
    for (const total of totals) {
      const restarts = Math.max(1, Math.round(total / 2000));
      const a = cpuSeconds(() =>
        worstCase(space, 1, key(seed), { restarts, evaluations: Math.round(total / restarts), shrink: false }),
      );
      const s = cpuSeconds(() => {
        let best = -Infinity;
        for (let r = 0; r < total; r++)
          best = Math.max(best, ratioOf(space.sides(space.sample(foldIn(key(seed + 1), r)), 1)));
        return best;
      });
      rows.push({
        space: probe.name,
        evaluations: total,
        adversaryEvaluations: a.value.evaluations,
        adversaryExcess: a.value.ratio - 1,
        samplingExcess: s.value - 1,
        adversaryCpuSeconds: a.seconds,
        samplingCpuSeconds: s.seconds,
      });
    }
  }
  return rows;
}

export function adversaryLine(r: AdversaryBenchRow): string {
  return [
    r.space.padEnd(36),
    String(r.evaluations).padStart(7),
    String(r.adversaryEvaluations).padStart(7),
    r.adversaryExcess.toExponential(2).padStart(10),
    r.samplingExcess.toExponential(2).padStart(10),
    r.adversaryCpuSeconds.toFixed(3).padStart(8),
    r.samplingCpuSeconds.toFixed(3).padStart(8),
  ].join('  ');
}

export const ADVERSARY_HEADER = [
  'space'.padEnd(36),
  ' budget',
  '  spent',
  'adversary',
  '  sampling',
  ' adv cpu',
  'smp cpu',
].join('  ');
