import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../report/package-root.ts';
import { runReport } from './report-command.ts';
import { expectSameReport, withoutStamp } from './same-report.test-helpers.ts';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'efcheck-shards-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `efcheck <args>` from the sources, as `npm run efcheck` runs it, in a process of its own. */
async function efcheck(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await run(process.execPath, ['--import', 'tsx', join(PACKAGE_ROOT, 'src/cli/main.ts'), ...args], {
      cwd: PACKAGE_ROOT,
      env: { ...process.env, INIT_CWD: '' },
    });
    return { code: 0, ...r };
  } catch (e) {
    const x = e as { code?: number; stdout?: string; stderr?: string };
    return { code: x.code ?? -1, stdout: x.stdout ?? '', stderr: x.stderr ?? '' };
  }
}

// Three fast claims, so that the two shards are uneven (2 + 1) and one of them has a figure.
const IDS = 'top-k-best-k-term,perm-k-variance,independent-vs-shared';

describe('efcheck report --shard i/N and efcheck merge', () => {
  it('two shard processes merged give the report of one run, apart from the stamp, which lists the shards', async () => {
    const shards = [1, 2].map((i) =>
      efcheck([
        'report',
        '--budget',
        'quick',
        '--seed',
        '3',
        '--only',
        IDS,
        '--jobs',
        '1',
        '--shard',
        `${i}/2`,
        '--out',
        join(dir, `s${i}`),
      ]),
    );
    const single = join(dir, 'single');
    await runReport({ budget: 'quick', seed: 3, out: single, only: IDS.split(','), progress: 'silent' });
    for (const s of await Promise.all(shards)) expect(s.code, s.stderr).toBe(0);
    const first = JSON.parse(readFileSync(join(dir, 's1', 'shard-1-of-2.json'), 'utf8')) as {
      entries: { meta: { id: string } }[];
    };
    // Round-robin over the selection in registry order (independent-vs-shared, perm-k-variance, top-k-best-k-term).
    expect(first.entries.map((e) => e.meta.id)).toEqual(['independent-vs-shared', 'top-k-best-k-term']);

    const merged = join(dir, 'merged');
    const m = await efcheck(['merge', join(dir, 's1'), join(dir, 's2'), '--out', merged]);
    expect(m.code, m.stderr).toBe(0);
    expectSameReport(single, merged, withoutStamp);
    const readme = readFileSync(join(merged, 'README.md'), 'utf8');
    expect(readme).toMatch(/- merged from 2 shards: 1\/2 \(.*\); 2\/2 \(/);
    expect(readme).toContain(
      `- seed: 3, budget: \`quick\`, only: \`top-k-best-k-term\`, \`perm-k-variance\`, \`independent-vs-shared\``,
    );

    // A shard of another run (here: another seed) is refused in one line, with exit code 2, before anything is written.
    const other = join(dir, 'other');
    mkdirSync(other);
    const s2 = readFileSync(join(dir, 's2', 'shard-2-of-2.json'), 'utf8');
    writeFileSync(join(other, 'shard-2-of-2.json'), s2.replace('"seed": 3', '"seed": 4'));
    const bad = await efcheck(['merge', join(dir, 's1'), other, '--out', join(dir, 'refused')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^efcheck: merge: the shards are not from one run: they differ in seed/),
    ]);
  });
});
