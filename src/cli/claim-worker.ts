/**
 * A worker thread of the claim pool (claim-pool.ts): runs one registered claim per task with runItem, exactly as
 * the report's own thread would. The result travels back as toJson text rather than as a structured clone,
 * because the report is rendered from that JSON anyway: NaN, ±∞ and typed arrays then arrive as results.json will
 * hold them, whatever the structured clone would have made of them.
 */
import { theorems } from '../../theorems/index.ts';
import type { Budget } from '../report/claim.ts';
import { toJson } from '../report/json.ts';
import { runItem } from '../report/run-item.ts';

export interface ClaimTask {
  readonly id: string;
  readonly seed: number;
  readonly budget: Budget;
}

export interface ClaimTaskResult {
  /** toJson(ClaimResult). */
  readonly result: string;
  readonly seconds: number;
  readonly threw: boolean;
}

const byId = new Map(theorems.map((t) => [t.meta.id, t]));

export default async function runClaimTask(task: ClaimTask): Promise<ClaimTaskResult> {
  const theorem = byId.get(task.id);
  if (theorem === undefined) throw new RangeError(`claim pool: no registered claim '${task.id}'`);
  const outcome = await runItem(theorem, task.seed, task.budget);
  return { result: toJson(outcome.result), seconds: outcome.seconds, threw: outcome.threw };
}
