/**
 * A claim's seeded one-step trials as a TrialRunner (random-trial-verdicts.ts): `count` keys on the stream
 * (seededTrials), each drawn into a trial by the claim's seeder, judged by the claim's sides function and recorded
 * as a counterexample with trialJson.
 */
import type { Key } from '../../../src/rng/key.ts';
import type { Sides } from '../../../src/report/verdict.ts';
import { seededTrials } from '../../_lib/seeded-trials.ts';
import type { TrialRunner } from './random-trial-verdicts.ts';
import { trialJson, type Ef21Trial, type Family, type Pool } from './seeded-trial.ts';

/** What trialJson records of a drawn trial. */
export type DrawnTrial = Pick<Ef21Trial, 'instance' | 'compressor' | 'gamma' | 'state'> & {
  readonly gammaMax?: number;
};

/**
 * @example
 * const run = trialRunner(root, seededTrial, (tr) => ef21LyapunovSides(tr.instance, tr.compressor, tr.gamma, tr.state));
 */
export function trialRunner<T extends DrawnTrial>(
  root: Key,
  draw: (k: Key, family: Family, pool: Pool, multiplier: number | 'fraction') => T,
  sides: (trial: T) => Sides,
): TrialRunner {
  return (stream, count, family, pool, m) =>
    seededTrials(root, stream, count, (k) => {
      const trial = draw(k, family, pool, m);
      return { ...sides(trial), instance: trialJson(trial) };
    });
}
