/**
 * The runs of adiana-rounds-vs-kappa: per seeded instance and condition number κ, the exact rounds to
 * E[f(·) − f*] ≤ ε(f(x⁰) − f*) of ADIANA with η tuned, ADIANA at the published parameters, DIANA at the derived
 * step (law-rounds.ts, all from the per-coordinate laws, nothing sampled), and AGD's rounds on f (agd.ts, exact
 * gradients); and where DIANA and ADIANA cross (docs/theory.md §A1.5; docs/unbiased-compression.md).
 */
import { averagedProblem, type ConditionedInstance } from './conditioned-instance.ts';
import { agdRounds } from './adiana-rounds.ts';
import { geo } from './exponent-law.ts';
import { adianaRounds, dianaRounds, publishedParameters, stableHint, tunedAdianaRounds } from './law-rounds.ts';

export interface KappaSetting {
  readonly omega: number;
  readonly epsilon: number;
  /** Grid points per octave of the tuned step. */
  readonly perOctave: number;
}

/** rows[r][a]: instance r at kappas[a]. */
export interface KappaSweep {
  readonly kappas: readonly number[];
  readonly tuned: number[][];
  readonly eta: number[][];
  readonly published: number[][];
  readonly diana: number[][];
  readonly agd: number[][];
}

function required(r: number | null, what: string, kappa: number): number {
  if (r === null) throw new RangeError(`kappaSweep: ${what} did not reach ε at κ = ${kappa}`);
  return r;
}

export function kappaSweep(
  instanceFor: (r: number, kappa: number) => ConditionedInstance,
  instances: number,
  kappas: readonly number[],
  s: KappaSetting,
): KappaSweep {
  const out: KappaSweep = { kappas, tuned: [], eta: [], published: [], diana: [], agd: [] };
  for (let r = 0; r < instances; r++) {
    const row = { tuned: [] as number[], eta: [] as number[], published: [] as number[], diana: [] as number[] };
    const agd: number[] = [];
    for (const kappa of kappas) {
      const inst = instanceFor(r, kappa);
      const law = { omega: s.omega, epsilon: s.epsilon };
      const t = tunedAdianaRounds(inst, law, stableHint(s.omega, inst.problem.n, s.perOctave), s.perOctave);
      row.tuned.push(t.rounds);
      row.eta.push(t.eta);
      row.published.push(required(adianaRounds(inst, law, publishedParameters(inst, s.omega)), 'ADIANA', kappa));
      row.diana.push(required(dianaRounds(inst, law), 'DIANA', kappa));
      agd.push(agdRounds({ ...inst, problem: averagedProblem(inst) }, s.epsilon));
    }
    out.tuned.push(row.tuned);
    out.eta.push(row.eta);
    out.published.push(row.published);
    out.diana.push(row.diana);
    out.agd.push(agd);
  }
  return out;
}

/** Column a's geometric mean over instances. */
export function columnMean(rows: readonly (readonly number[])[], a: number): number {
  return geo(rows.map((row) => row[a]));
}

/**
 * The κ at which DIANA's rounds meet `other`'s (geometric means over instances), by linear interpolation of
 * ln(T_DIANA/T_other) in ln κ between the first two grid points where its sign changes; null if it never does.
 */
export function crossover(sweep: KappaSweep, other: readonly (readonly number[])[]): number | null {
  const { kappas } = sweep;
  const gap = kappas.map((_, a) => Math.log(columnMean(sweep.diana, a) / columnMean(other, a)));
  for (let a = 0; a + 1 < kappas.length; a++) {
    if (gap[a] === 0) return kappas[a];
    if (gap[a] < 0 !== gap[a + 1] < 0) {
      const w = gap[a] / (gap[a] - gap[a + 1]);
      return Math.exp(Math.log(kappas[a]) + w * (Math.log(kappas[a + 1]) - Math.log(kappas[a])));
    }
  }
  return null;
}

/** The sweep restricted to the grid points with κ ≥ from (the large-κ window of the fits). */
export function window(sweep: KappaSweep, from: number): KappaSweep {
  const keep = sweep.kappas.map((k, a) => (k >= from ? a : -1)).filter((a) => a >= 0);
  const pick = (rows: number[][]) => rows.map((row) => keep.map((a) => row[a]));
  return {
    kappas: keep.map((a) => sweep.kappas[a]),
    tuned: pick(sweep.tuned),
    eta: pick(sweep.eta),
    published: pick(sweep.published),
    diana: pick(sweep.diana),
    agd: pick(sweep.agd),
  };
}
