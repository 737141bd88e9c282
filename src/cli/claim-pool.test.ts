import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { theorems } from '../../theorems/index.ts';
import { claimPool } from './claim-pool.ts';
import { runReport } from './report-command.ts';
import { expectSameReport, filesUnder } from './same-report.test-helpers.ts';

const dirs: string[] = [];
const tmp = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'efcheck-pool-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

// Fast at quick, with and without figures; four claims on two workers, so each worker runs more than one.
const IDS = ['top-k-best-k-term', 'perm-k-variance', 'naive-compression-diverges', 'independent-vs-shared'];

describe('efcheck report --jobs', () => {
  it('writes byte-identical results, pages and figures on two worker threads as in one thread', async () => {
    const [one, two] = [tmp(), tmp()];
    const a = await runReport({ budget: 'quick', seed: 4, out: one, only: IDS, progress: 'silent', jobs: 1 });
    const b = await runReport({ budget: 'quick', seed: 4, out: two, only: IDS, progress: 'silent', jobs: 2 });
    expect(b.verdicts).toEqual(a.verdicts);
    expect(filesUnder(one).some((f) => f.endsWith('.png'))).toBe(true);
    expectSameReport(one, two);
  });

  it('reports a claim whose worker fails as a failed check, and runs the others', async () => {
    const real = theorems.find((t) => t.meta.id === 'top-k-best-k-term');
    if (real === undefined) throw new Error('top-k-best-k-term is not registered');
    // Workers run claims by id from the registry they import: an id it does not know makes the task fail.
    const ghost = { ...real, meta: { ...real.meta, id: 'not-in-the-registry' } };
    const outcomes = await claimPool(2)([ghost, real], { seed: 1, budget: 'quick' });
    expect(outcomes.map((o) => [o.meta.id, o.threw])).toEqual([
      ['not-in-the-registry', true],
      ['top-k-best-k-term', false],
    ]);
    expect(outcomes[0].result.verdicts[0]).toMatchObject({ status: 'fail', check: 'check() ran to completion' });
    expect(outcomes[1].result.verdicts.every((v) => v.status === 'pass')).toBe(true);
  });
});
