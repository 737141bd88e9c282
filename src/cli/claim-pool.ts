/**
 * The report's claims on a pool of worker threads (tinypool), `efcheck report --jobs N`: a ClaimRunner with the
 * same contract as runItems — outcomes in item order — so results.json and every page are byte-identical to a
 * one-thread run. Each claim gets the run's seed and budget only (run-item.ts), never its position or its
 * worker; workers look the claim up by id in the registry they import themselves (claim-worker.ts), since a
 * theorem's check() cannot be sent to a thread.
 *
 * At most `jobs` claims are handed to the pool at a time, so a claim "starts" (onItemStart, the progress bar's
 * running list) when a worker really takes it, not when it is queued.
 */
import Tinypool from 'tinypool';
import { fromJson } from '../report/json.ts';
import type { ClaimResult } from '../report/claim.ts';
import type { ClaimRunner } from '../report/generate.ts';
import { assertDistinctFigureNames, assertDistinctIds, errorResult, type ItemOutcome } from '../report/run-item.ts';
import type { ClaimTask, ClaimTaskResult } from './claim-worker.ts';

/**
 * From the compiled package the worker is plain JavaScript; from the sources (tsx, vitest) it is TypeScript and
 * starts through a boot file that registers tsx in the new thread first.
 */
function workerFile(): URL {
  return import.meta.url.endsWith('.ts')
    ? new URL('./claim-worker-boot.mjs', import.meta.url)
    : new URL('./claim-worker.js', import.meta.url);
}

/**
 * A runner on `jobs` worker threads, for items of the registry (theorems/index.ts) only. A claim whose worker dies
 * (out of memory, process.exit) is reported like a check that threw, and the pool replaces the worker.
 */
export function claimPool(jobs: number): ClaimRunner {
  if (!Number.isSafeInteger(jobs) || jobs < 1) throw new RangeError(`--jobs must be a positive integer, got ${jobs}`);
  return async (items, o) => {
    assertDistinctIds(items);
    const threads = Math.max(1, Math.min(jobs, items.length));
    // execArgv []: the parent's `--import tsx` would be ignored by a Node 20 worker anyway; the boot file does it.
    const pool = new Tinypool({ filename: workerFile().href, minThreads: threads, maxThreads: threads, execArgv: [] });
    const outcomes: ItemOutcome[] = new Array<ItemOutcome>(items.length);
    let next = 0;
    let done = 0;
    const lane = async (): Promise<void> => {
      while (next < items.length) {
        const i = next++;
        const { meta } = items[i];
        o.onItemStart?.(meta, i, items.length);
        const t0 = performance.now();
        const task: ClaimTask = { id: meta.id, seed: o.seed, budget: o.budget };
        let outcome: ItemOutcome;
        try {
          const r = (await pool.run(task)) as ClaimTaskResult;
          outcome = { meta, result: fromJson<ClaimResult>(r.result), seconds: r.seconds, threw: r.threw };
        } catch (e) {
          const message = `the claim's worker failed: ${e instanceof Error ? e.message : String(e)}`;
          outcome = {
            meta,
            result: errorResult(meta, o.seed, o.budget, message),
            seconds: (performance.now() - t0) / 1000,
            threw: true,
          };
        }
        assertDistinctFigureNames(outcome);
        outcomes[i] = outcome;
        o.onItemDone?.(outcome, done++, items.length);
      }
    };
    try {
      await Promise.all(Array.from({ length: threads }, lane));
    } finally {
      await pool.destroy();
    }
    return outcomes;
  };
}
