/**
 * The layering rules of biome.json (rng/stats/linalg → compressors → problems/oracles → algorithms →
 * check/adversary → theorems → report → cli, docs/design.md §4) reject what they should and nothing else: each
 * probe file is linted in a scratch copy of the configuration, as `npm test`'s `biome check` lints the repository.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const BIOME = join(ROOT, 'node_modules', '.bin', 'biome');
const scratch = mkdtempSync(join(tmpdir(), 'efcheck-boundaries-'));
copyFileSync(join(ROOT, 'biome.json'), join(scratch, 'biome.json'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const FORBIDDEN: readonly (readonly [string, string])[] = [
  ['src/linalg', '../compressors/top-k.ts'],
  ['src/rng', '../../theorems/index.ts'],
  ['src/compressors', '../algorithms/ef21.ts'],
  ['src/oracles', '../algorithms/run.ts'],
  ['src/algorithms/methods', '../../check/types.ts'],
  ['src/adversary', '../report/claim.ts'],
  ['src/report', '../cli/main.ts'],
  ['src/report', '../../theorems/index.ts'],
  ['theorems/ef21', '../../src/report/markdown.ts'],
  ['theorems/ef21', '../../src/cli/main.ts'],
];
const ALLOWED: readonly (readonly [string, string])[] = [
  ['src/compressors', '../linalg/select.ts'],
  ['src/algorithms/methods', '../../compressors/top-k.ts'],
  ['src/check', '../algorithms/registry.ts'],
  ['theorems/ef21', '../../src/report/verdict.ts'],
  ['theorems/ef21', '../../src/adversary/climb.ts'],
  ['src/cli', '../../theorems/index.ts'],
];

/** One probe file per case, each holding one import; biome lints them all in one run. */
function flaggedProbes(cases: readonly (readonly [string, string])[]): Set<string> {
  const paths = cases.map(([dir, specifier], i) => {
    const path = `${dir}/probe-${i}.ts`;
    mkdirSync(join(scratch, dir), { recursive: true });
    writeFileSync(join(scratch, path), `import { value } from '${specifier}';\n\nexport const probe = value;\n`);
    return path;
  });
  let out = '';
  try {
    execFileSync(BIOME, ['lint', '--vcs-enabled=false', '--max-diagnostics=none', ...paths], {
      cwd: scratch,
      stdio: 'pipe',
    });
  } catch (e) {
    out = String((e as { stdout?: Buffer }).stdout ?? '') + String((e as { stderr?: Buffer }).stderr ?? '');
  }
  const flagged = new Set<string>();
  for (const m of out.matchAll(/^(\S+\.ts):\d+:\d+ lint\/style\/noRestrictedImports/gm)) flagged.add(m[1]);
  return flagged;
}

describe('import boundaries', () => {
  const flagged = flaggedProbes([...FORBIDDEN, ...ALLOWED]);

  it.each(FORBIDDEN.map(([dir, specifier], i) => [dir, specifier, i] as const))(
    '%s may not import %s',
    (dir, _specifier, i) => {
      expect(flagged.has(`${dir}/probe-${i}.ts`)).toBe(true);
    },
  );

  it.each(ALLOWED.map(([dir, specifier], i) => [dir, specifier, FORBIDDEN.length + i] as const))(
    '%s may import %s',
    (dir, _specifier, i) => {
      expect(flagged.has(`${dir}/probe-${i}.ts`)).toBe(false);
    },
  );
});
