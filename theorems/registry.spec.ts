import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { README_PATH, renderTheoremsReadme } from '../scripts/theorems-readme.ts';
import { GROUPS } from '../src/report/claim.ts';
import { theorems } from './index.ts';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const metas = theorems.map((t) => t.meta);

describe('the theorem registry', () => {
  it('agrees with theorems/README.md (regenerate with `npm run theorems:readme`)', () => {
    const committed = existsSync(README_PATH) ? readFileSync(README_PATH, 'utf8') : '(missing)';
    expect(committed, 'theorems/README.md is stale: run `npm run theorems:readme`').toBe(renderTheoremsReadme(metas));
  });

  it('has a .spec.ts beside every theorem file, and every file exists', () => {
    const missing = metas.flatMap((m) => {
      const file = join(ROOT, m.file);
      const spec = file.replace(/\.ts$/, '.spec.ts');
      return [
        ...(existsSync(file) ? [] : [`${m.id}: ${m.file} does not exist`]),
        ...(existsSync(spec) ? [] : [`${m.id}: no ${m.file.replace(/\.ts$/, '.spec.ts')}`]),
      ];
    });
    expect(missing).toEqual([]);
  });

  it('uses unique kebab-case ids and known groups, in report (group) order', () => {
    const ids = metas.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    const order = GROUPS.map((g) => g.id as string);
    const ranks = metas.map((m) => order.indexOf(m.group));
    expect(ranks.every((r) => r >= 0)).toBe(true);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });

  it('cites its source (a docs/ page or a docs/theory.md section) in every statement and explains every known gap', () => {
    for (const m of metas) {
      expect(m.statement, m.id).toMatch(/docs\/[a-z0-9-]+\.md/);
      if (m.status === 'known-gap') expect(m.gap ?? '', m.id).not.toBe('');
    }
  });

  it('keeps theorem files under theorems/ and names them after their id', () => {
    for (const m of metas) {
      expect(m.file, m.id).toMatch(/^theorems\/.+\.ts$/);
      expect(m.file.split('/').at(-1), m.id).toBe(`${m.id}.ts`);
    }
  });
});
