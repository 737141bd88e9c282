import fc from 'fast-check';

/**
 * Every property run is replayable: FC_SEED fixes fast-check's seed (CI sets a fresh one and prints it),
 * FC_RUNS scales the number of runs. Without FC_SEED a fresh seed is drawn and printed once per worker.
 */
const seedText = process.env.FC_SEED;
const seed = seedText !== undefined && seedText !== '' ? Number(seedText) : (Date.now() ^ (process.pid << 8)) | 0;
if (!Number.isInteger(seed)) throw new RangeError(`vitest.setup: FC_SEED must be an integer, got ${seedText}`);
const runsText = process.env.FC_RUNS;
const numRuns = runsText !== undefined && runsText !== '' ? Number(runsText) : 100;
fc.configureGlobal({ seed, numRuns });
const flag = globalThis as { __efcheckSeedPrinted?: boolean };
if (flag.__efcheckSeedPrinted !== true) {
  flag.__efcheckSeedPrinted = true;
  console.log(`[efcheck] fast-check seed ${seed} (replay: FC_SEED=${seed} npm test), numRuns ${numRuns}`);
}
