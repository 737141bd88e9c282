/**
 * EF21-BC's bookkeeping invariant (docs/theory.md §3.6): the master and every worker hold bit-identical g^t. The
 * implementation keeps one g; here a worker's own copy is replayed from what it receives — g⁰ (sent dense) and each
 * broadcast b^{t+1} = C_M(g̃^{t+1} − g^t), recomputed with the key split src/algorithms/ef21-bc.ts documents
 * ([noise, worker compression, master compression]) — and added to its copy. Any drift (a master that steps with
 * something other than what it sends, a different key, a lost round) shows as a nonzero entry difference.
 */
import { ef21Bc } from '../../../src/algorithms/ef21-bc.ts';
import { parseCompressorSpec } from '../../../src/compressors/registry.ts';
import { totalBits } from '../../../src/compressors/types.ts';
import { exactOracle } from '../../../src/oracles/exact.ts';
import { foldIn, split, type Key } from '../../../src/rng/key.ts';
import { integerBelow } from '../../../src/rng/sample.ts';
import { verdictOverTrials, type Trial, type Verdict, type VerdictContext } from '../../../src/report/verdict.ts';
import { compressingSpecs, seededCompressingInstance } from './compressing-trial.ts';
import { ef21BcGamma } from './bc-constants.ts';
import { contractiveAlpha } from './ef21-step.ts';
import { randomSpecs } from './instances.ts';

export interface BroadcastReplay {
  /**
   * Per run: lhs = the entries (over all rounds) where g_worker and g_master differ in any bit, plus the rounds whose
   * downlink bill is not the message's size; rhs = 0.
   */
  readonly trials: Trial[];
  readonly runs: number;
  readonly rounds: number;
}

/** `runs` seeded runs of `rounds` rounds at the derived step, C_w from compressingSpecs, C_M random. */
export function broadcastReplay(k: Key, runs: number, rounds: number): BroadcastReplay {
  const trials: Trial[] = [];
  for (let r = 0; r < runs; r++) {
    const [kInst, kW, kM, kInit, kRun] = split(foldIn(k, r), 5);
    const instance = seededCompressingInstance(kInst, 'quadratic');
    const { problem } = instance;
    const d = problem.dim;
    const Cw = parseCompressorSpec(compressingSpecs(d)[integerBelow(kW, compressingSpecs(d).length)], d);
    const CM = parseCompressorSpec(randomSpecs(d)[integerBelow(kM, randomSpecs(d).length)], d);
    const gamma = ef21BcGamma(problem, contractiveAlpha(Cw), contractiveAlpha(CM));
    const alg = ef21Bc({ gamma, compressor: Cw, masterCompressor: CM });
    const oracle = exactOracle(problem);
    let state = alg.init(oracle, kInit);
    const worker = Float64Array.from(state.g);
    let mismatches = 0;
    for (let t = 0; t < rounds; t++) {
      const kt = foldIn(kRun, t);
      const next = alg.step(state, oracle, kt);
      const diff = new Float64Array(d);
      for (let j = 0; j < d; j++) diff[j] = next.gTilde[j] - state.g[j];
      const b = CM.compress(diff, split(kt, 3)[2]);
      for (let j = 0; j < d; j++) worker[j] += b[j];
      for (let j = 0; j < d; j++) if (!Object.is(worker[j], next.g[j])) mismatches++;
      // The downlink bill must be the message the worker received.
      if (next.downlinkBits - state.downlinkBits !== totalBits(CM.bits(b))) mismatches++;
      state = next;
    }
    trials.push({
      lhs: mismatches,
      rhs: 0,
      scale: 1,
      instance: { problem: instance.json, workerCompressor: Cw.name, masterCompressor: CM.name, gamma, rounds },
    });
  }
  return { trials, runs, rounds };
}

/** The identity verdict (tolerance 0) over seeded replays, and the note that says what was replayed. */
export function broadcastCheck(
  ctx: Omit<VerdictContext, 'check' | 'claim'>,
  k: Key,
  runs: number,
): { verdict: Verdict; note: string } {
  const replay = broadcastReplay(k, runs, 20);
  const verdict = verdictOverTrials(
    {
      ...ctx,
      check: 'workers that add the broadcast b to their g hold the master’s g bit for bit',
      claim: 'g_worker = g_master (every entry, every round), downlink bill = bits(b)',
    },
    'identity',
    replay.trials,
    { rtol: 0, floor: 0 },
  );
  const note = `Bookkeeping: ${runs} runs of ${replay.rounds} rounds of src/algorithms/ef21-bc.ts at γ_BC with random C_M; a worker's copy of g changes only by the broadcast b (recomputed with the documented key split), compared bit for bit.`;
  return { verdict, note };
}
