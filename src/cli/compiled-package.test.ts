/**
 * The package as installed: dist/, run with plain node (no tsx, no vitest), through package.json's bin and
 * exports. dist/ is built by `prepare` on `npm ci`; the build is incremental, so building again here costs a
 * second or two after it and keeps a local run honest when the sources changed since the last build.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../report/package-root.ts';
import { runReport } from './report-command.ts';
import { expectSameReport } from './same-report.test-helpers.ts';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'efcheck-dist-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface PackageJson {
  readonly version: string;
  readonly bin: Readonly<Record<string, string>>;
  readonly exports: Readonly<Record<string, string | { readonly types: string; readonly default: string }>>;
}
const pkg = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as PackageJson;
const bin = join(PACKAGE_ROOT, pkg.bin.efcheck ?? '');

/** Plain node, in the package root, with none of the test runner's loaders. */
function node(args: readonly string[], cwd = PACKAGE_ROOT): Promise<{ stdout: string; stderr: string }> {
  return run(process.execPath, args as string[], { cwd, env: { ...process.env, NODE_OPTIONS: '', INIT_CWD: '' } });
}

beforeAll(() => {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  try {
    execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], {
      cwd: PACKAGE_ROOT,
      stdio: 'pipe',
      encoding: 'utf8',
    });
  } catch (e) {
    // tsc reports type errors on stdout.
    throw new Error(`npm run build failed:\n${(e as { stdout?: string }).stdout ?? String(e)}`);
  }
}, 300_000);

describe('the compiled package (dist/)', () => {
  it('maps bin and every export to a built file with its declarations', () => {
    expect(readFileSync(bin, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    for (const [name, target] of Object.entries(pkg.exports)) {
      if (typeof target === 'string') {
        expect(existsSync(join(PACKAGE_ROOT, target)), name).toBe(true);
        continue;
      }
      expect(target.default, name).toMatch(/^\.\/dist\/.*\.js$/);
      expect(existsSync(join(PACKAGE_ROOT, target.default)), `${name} → ${target.default}`).toBe(true);
      expect(existsSync(join(PACKAGE_ROOT, target.types)), `${name} → ${target.types}`).toBe(true);
    }
  });

  it('answers --version and --help with plain node', async () => {
    expect((await node([bin, '--version'])).stdout.trim()).toBe(pkg.version);
    const help = (await node([bin, '--help'])).stdout;
    for (const command of ['report', 'merge', 'compressor', 'method', 'run', 'worst-case'])
      expect(help).toContain(`  ${command} `);
  });

  it('is importable as `efcheck` and `efcheck/contracts` from plain node', async () => {
    const script = [
      "const e = await import('efcheck');",
      "const c = await import('efcheck/contracts');",
      "const v = e.checkCompressor(e.topK(8, 2), { seed: 1, effort: 'quick' });",
      "console.log(JSON.stringify({ at: import.meta.resolve('efcheck'), status: v.status, contract: typeof c.assertCompressorContract }));",
    ].join('\n');
    const out = JSON.parse((await node(['--input-type=module', '-e', script])).stdout) as {
      at: string;
      status: string;
      contract: string;
    };
    expect(out).toEqual({ at: expect.stringMatching(/\/dist\/src\/index\.js$/), status: 'pass', contract: 'function' });
  });

  it('loads a user’s TypeScript compressor and method through tsx, loaded for them on demand', async () => {
    const compressor = await node([
      bin,
      'compressor',
      join(PACKAGE_ROOT, 'examples/my-top-k.ts'),
      '--effort',
      'quick',
      '--seed',
      '1',
    ]);
    expect(compressor.stdout).toMatch(/^PASS my-top-k/);
    const method = await node([
      bin,
      'method',
      join(PACKAGE_ROOT, 'examples/my-ef21.ts'),
      '--effort',
      'quick',
      '--seed',
      '1',
    ]);
    expect(method.stdout).toMatch(/my-ef21/);
  });

  it('writes the same report on its worker pool as the sources do in one thread', async () => {
    const only = 'top-k-best-k-term,perm-k-variance';
    const [fromSources, fromDist] = [join(dir, 'sources'), join(dir, 'dist')];
    await runReport({ budget: 'quick', seed: 2, out: fromSources, only: only.split(','), progress: 'silent' });
    await node([bin, 'report', '--budget', 'quick', '--seed', '2', '--only', only, '--jobs', '2', '--out', fromDist]);
    expectSameReport(fromSources, fromDist);
  });

  it('packs dist/, README, LICENSE, examples and docs, and nothing else', async () => {
    // --ignore-scripts: prepack would rebuild dist/ from scratch under the other tests' feet.
    const npm = process.env.npm_execpath;
    const args = ['pack', '--dry-run', '--json', '--ignore-scripts'];
    const { stdout } = npm?.endsWith('.js')
      ? await node([npm, ...args])
      : await run('npm', args, { cwd: PACKAGE_ROOT });
    const files = (JSON.parse(stdout) as { files: { path: string }[] }[])[0].files.map((f) => f.path);
    const outside = files.filter(
      (f) => !/^(dist|examples|docs)\//.test(f) && !['README.md', 'LICENSE', 'package.json'].includes(f),
    );
    expect(outside).toEqual([]);
    expect(
      files.filter((f) => /\.(test|spec)\.|\.tsbuildinfo$|(^|\/)(bench|reports|properties|fixtures)\//.test(f)),
    ).toEqual([]);
    for (const f of [
      'LICENSE',
      'README.md',
      'dist/src/index.js',
      'dist/src/index.d.ts',
      'dist/src/cli/main.js',
      'dist/src/cli/claim-worker.js',
      'dist/theorems/index.js',
    ])
      expect(files).toContain(f);
  });
});
