/**
 * One claim's check, run the same way in the report's own thread and in a worker of the claim pool
 * (src/cli/claim-pool.ts): the claim gets the run's seed and budget and nothing else — never its position in the
 * run, nor which worker runs it — so that results do not depend on scheduling. Kept apart from generate.ts so a
 * worker does not load the renderer (vega) it never uses.
 */
import type { Budget, ClaimMeta, ClaimResult } from './claim.ts';
import { errorVerdict } from './verdict.ts';

export interface ReportItem {
  readonly meta: ClaimMeta;
  check(seed: number, budget: Budget): Promise<ClaimResult>;
}

export interface ItemOutcome {
  readonly meta: ClaimMeta;
  readonly result: ClaimResult;
  /** Wall time of check(); printed, never written into pages. */
  readonly seconds: number;
  /** check() threw (or its worker died); the result then holds one failed verdict with the message. */
  readonly threw: boolean;
}

/** What a claim that could not finish reports: one failed verdict carrying the message. */
export function errorResult(meta: ClaimMeta, seed: number, budget: Budget, message: string): ClaimResult {
  return {
    verdicts: [
      errorVerdict(
        {
          id: meta.id,
          check: 'check() ran to completion',
          claim: meta.statement,
          seed,
          budget,
          provenance: meta.provenance,
        },
        message,
      ),
    ],
    notes: [`The check threw before producing verdicts: ${message}`],
  };
}

export async function runItem(item: ReportItem, seed: number, budget: Budget): Promise<ItemOutcome> {
  const t0 = performance.now();
  try {
    const result = await item.check(seed, budget);
    return { meta: item.meta, result, seconds: (performance.now() - t0) / 1000, threw: false };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return {
      meta: item.meta,
      result: errorResult(item.meta, seed, budget, message),
      seconds: (performance.now() - t0) / 1000,
      threw: true,
    };
  }
}

/** Claims are found by id (--only, the pool's workers, shard shares), so two claims with one id are an error. */
export function assertDistinctIds(items: readonly ReportItem[]): void {
  const ids = new Set<string>();
  for (const it of items) {
    if (ids.has(it.meta.id)) throw new RangeError(`report: duplicate claim id '${it.meta.id}'`);
    ids.add(it.meta.id);
  }
}

/** Figure files are named after the claim and the figure, so two figures of one claim with one name would collide. */
export function assertDistinctFigureNames(o: ItemOutcome): void {
  const names = new Set<string>();
  for (const f of o.result.figures ?? []) {
    if (names.has(f.name)) throw new RangeError(`report: ${o.meta.id} returns two figures named '${f.name}'`);
    names.add(f.name);
  }
}
