import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { runReport } from '../cli/report-command.ts';
import { theorems } from '../../theorems/index.ts';
import type { Theorem } from '../../theorems/types.ts';
import { envBudget } from './env-budget.ts';
import { fromJson } from './json.ts';
import type { ResultsFile } from './generate.ts';
import { deterministicVerdict } from './verdict.ts';

const dirs: string[] = [];
const tmp = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'efcheck-report-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Every relative Markdown link `](target)` in a file, with its optional #anchor. */
function links(md: string): { file: string; anchor: string | null }[] {
  const out: { file: string; anchor: string | null }[] = [];
  for (const m of md.matchAll(/\]\(([^)\s]+)\)/g)) {
    const target = m[1];
    if (/^[a-z]+:/i.test(target)) continue;
    const [file, anchor] = target.split('#');
    out.push({ file, anchor: anchor ?? null });
  }
  return out;
}

/** A theorem that fails: its claim is false on the first instance, with a counterexample. */
const broken: Theorem = {
  meta: {
    ...theorems[0].meta,
    id: 'broken-claim',
    title: 'A false claim | with a pipe',
    statement: '1 ≤ 0 (docs/theory.md §0)',
  },
  check: async (seed, budget) => ({
    verdicts: [
      deterministicVerdict(
        {
          id: 'broken-claim',
          check: 'one instance',
          claim: '1 ≤ 0',
          seed,
          budget,
          provenance: 'D',
          counterexample: { x: [1, 2] },
        },
        { lhs: 1, rhs: 0, scale: 1 },
      ),
      deterministicVerdict(
        {
          id: 'broken-claim',
          check: 'teeth that never bite',
          claim: '0 ≤ 1',
          seed,
          budget,
          provenance: 'D',
          expectation: 'may-fail',
        },
        { lhs: 0, rhs: 1, scale: 1 },
      ),
    ],
  }),
};
const throwing: Theorem = {
  meta: { ...theorems[0].meta, id: 'throwing-claim' },
  check: async () => {
    throw new Error('boom');
  },
};

describe('the report generator', () => {
  // Every claim runs under the fresh seed CI draws (fast-check's, printed by vitest.setup.ts), at the quick budget
  // unless EFCHECK_BUDGET asks for more: each run is a new draw of every theorem check, teeth included.
  const seed = Math.abs(fc.readConfigureGlobal().seed ?? 1) % 1_000_000_000;
  const budget = envBudget('quick');

  // Every claim's check() runs once in theorems/_lib/registry-at-quick.ts; the whole report (pages, links, figures) is
  // rendered here for the claims that exercise every part of it: an adversary's power rows, line and fit figures.
  // EFCHECK_BUDGET=default (npm run test:deep) renders the whole registry at the report's budget.
  const rendered =
    budget === 'quick'
      ? ['ef21-tight', 'naive-compression-diverges', 'sgdm-error-vs-n']
      : theorems.map((t) => t.meta.id);
  const claims = theorems.filter((t) => rendered.includes(t.meta.id));

  it(
    `writes a complete, well-formed report (${rendered.length} claims, seed ${seed}, budget ${budget}) and every check behaves as the theory says`,
    async () => {
      const out = tmp();
      const summary = await runReport({
        budget,
        seed,
        out,
        only: budget === 'quick' ? rendered : null,
        progress: 'silent',
      });
      const failed = [...summary.failed, ...summary.inconclusive].map(
        (f) => `${f.id}: ${f.check} — replay: ${f.replay}`,
      );
      expect(failed, failed.join('\n')).toEqual([]);
      const readme = readFileSync(join(out, 'README.md'), 'utf8');
      // Every registered theorem has a row linking to its anchor.
      for (const t of claims) expect(readme).toContain(`[${t.meta.id}](${t.meta.group}.md#${t.meta.id})`);
      // Every link from every page resolves, anchors included.
      const pages = readdirSync(out).filter((f) => f.endsWith('.md'));
      expect(pages.length).toBeGreaterThan(1);
      let checked = 0;
      for (const page of pages) {
        const md = readFileSync(join(out, page), 'utf8');
        for (const l of links(md)) {
          const target = l.file === '' ? join(out, page) : resolve(out, l.file);
          expect(existsSync(target), `${page} links to missing ${l.file}`).toBe(true);
          if (l.anchor !== null)
            expect(readFileSync(target, 'utf8'), `${page} → ${l.file}#${l.anchor}`).toContain(
              `<a id="${l.anchor}"></a>`,
            );
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(claims.length);
      // Every figure the results announce exists as SVG, PNG and JSON, and each is what it claims to be.
      const results = fromJson<ResultsFile>(readFileSync(join(out, 'results.json'), 'utf8'));
      expect(results.entries.map((e) => e.meta.id)).toEqual(claims.map((t) => t.meta.id));
      // Every claim with an adversary reports its power: a worst ratio at the theory's constants and m* (or none).
      for (const t of claims.filter((x) => x.adversary !== undefined)) {
        const power = results.entries.find((e) => e.meta.id === t.meta.id)?.result.power ?? [];
        expect(power.length, `${t.meta.id} has an adversary but no power row`).toBeGreaterThan(0);
      }
      for (const e of results.entries) {
        for (const f of e.result.figures ?? []) {
          const stem = join(out, 'figures', `${e.meta.id}--${f.name}`);
          expect(readFileSync(`${stem}.svg`, 'utf8')).toMatch(/^<svg[\s\S]*<\/svg>$/);
          expect(Array.from(readFileSync(`${stem}.png`).subarray(0, 4))).toEqual([0x89, 0x50, 0x4e, 0x47]);
          expect(fromJson<{ figure: { name: string } }>(readFileSync(`${stem}.json`, 'utf8')).figure.name).toBe(f.name);
        }
      }
      expect(readme).toMatch(/- commit: `[0-9a-f]{12}|unknown/);
      expect(readme).toContain(`seed: ${seed}, budget: \`${budget}\``);
    },
    budget === 'quick' ? undefined : 4 * 3600_000,
  );

  it('gives the same pages for the same seed and budget, and different numbers for another seed', async () => {
    const id = theorems[0].meta.id;
    const page = `${theorems[0].meta.group}.md`;
    const [a, b, c] = [tmp(), tmp(), tmp()];
    await runReport({ budget: 'quick', seed: 5, out: a, only: [id], progress: 'silent' });
    await runReport({ budget: 'quick', seed: 5, out: b, only: [id], progress: 'silent' });
    await runReport({ budget: 'quick', seed: 6, out: c, only: [id], progress: 'silent' });
    for (const f of ['results.json', page])
      expect(readFileSync(join(a, f), 'utf8')).toBe(readFileSync(join(b, f), 'utf8'));
    expect(readFileSync(join(a, 'results.json'), 'utf8')).not.toBe(readFileSync(join(c, 'results.json'), 'utf8'));
  });

  it('shows a failed check in red with its counterexample and replay command, and counts a biteless companion as failed', async () => {
    const out = tmp();
    const summary = await runReport({
      budget: 'quick',
      seed: 2,
      out,
      only: null,
      progress: 'silent',
      registry: [broken, throwing],
    });
    expect(summary.verdicts.fail).toBe(3);
    const readme = readFileSync(join(out, 'README.md'), 'utf8');
    expect(readme).toContain('❌ **2 claims with failed checks**');
    expect(readme).toContain('A false claim \\| with a pipe');
    const page = readFileSync(join(out, `${broken.meta.group}.md`), 'utf8');
    expect(page).toContain('❌ **FAIL**');
    expect(page).toContain('"x": [');
    expect(page).toContain('npm run report -- --only broken-claim --seed 2 --budget quick');
    expect(page).toContain('❌ **no violation found (teeth)**');
    expect(page).toContain('error: boom');
  });

  it('rejects an unknown --only id before running anything', async () => {
    const out = tmp();
    await expect(
      runReport({ budget: 'quick', seed: 1, out, only: ['no-such-theorem'], progress: 'silent' }),
    ).rejects.toThrow(/unknown theorem id/);
    expect(existsSync(join(out, 'README.md'))).toBe(false);
    expect(dirname(out)).toBe(tmpdir());
  });
});
