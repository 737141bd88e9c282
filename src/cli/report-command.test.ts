import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidArgumentError } from 'commander';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { main } from './main.ts';
import {
  assertWritableFolder,
  DEFAULT_OUT,
  DEFAULT_SHARD_OUT,
  parseJobs,
  parseSeed,
  parseShardOption,
} from './report-command.ts';

const dir = mkdtempSync(join(tmpdir(), 'efcheck-report-cmd-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

/** Runs the CLI in this process and returns its exit code and what it wrote to stderr. */
async function cli(args: readonly string[]): Promise<{ code: number; stderr: string }> {
  const err: string[] = [];
  vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => {
    err.push(String(s));
    return true;
  });
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(`${a.map(String).join(' ')}\n`));
  const code = await main(args);
  return { code, stderr: err.join('') };
}

describe('efcheck report: bad input fails before any claim runs', () => {
  it('rejects a file in the place of the output folder, and a folder that cannot be created', () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'x');
    expect(() => assertWritableFolder(file)).toThrow(/exists and is not a folder/);
    expect(() => assertWritableFolder(join(file, 'below'))).toThrow(/cannot write there \(E[A-Z]+\)/);
    expect(() => assertWritableFolder('/proc/efcheck-x')).toThrow(/cannot write there/);
    expect(() => assertWritableFolder(join(dir, 'new', 'nested'))).not.toThrow();
  });

  it('takes seeds as non-negative integers, like run and compressor', () => {
    expect(parseSeed('12')).toBe(12);
    for (const bad of ['-5', '1.5', 'x', '']) expect(() => parseSeed(bad)).toThrow(InvalidArgumentError);
  });

  it('writes the committed reports into the package’s own reports/, whatever the working directory', () => {
    expect(DEFAULT_OUT).toMatch(/[\\/]reports$/);
    expect(DEFAULT_OUT.startsWith('/')).toBe(true);
    expect(DEFAULT_SHARD_OUT).toBe(join(DEFAULT_OUT, 'shards'));
  });

  it('takes --jobs as a positive integer and --shard as i/N with 1 ≤ i ≤ N', () => {
    expect(parseJobs('3')).toBe(3);
    for (const bad of ['0', '-1', '1.5', 'x', '']) expect(() => parseJobs(bad)).toThrow(InvalidArgumentError);
    expect(parseShardOption('2/2')).toEqual({ index: 2, count: 2 });
    for (const bad of ['3/2', '0/2', '1/0', '1', 'a/b'])
      expect(() => parseShardOption(bad)).toThrow(InvalidArgumentError);
  });

  it('answers bad --jobs, --shard and merge input with one line and exit code 2, before any claim runs', async () => {
    const cases: [string[], RegExp][] = [
      [['report', '--jobs', '0'], /--jobs must be a positive integer, got '0'/],
      [['report', '--shard', '3/2'], /shard index i must be between 1 and N = 2, got '3\/2'/],
      [['merge', join(dir, 'no-such-folder')], /^efcheck: merge: .*no-such-folder: no such file or folder$/],
    ];
    for (const [args, message] of cases) {
      const r = await cli(args);
      expect(r.code, args.join(' ')).toBe(2);
      const lines = r.stderr.trim().split('\n');
      expect(lines, args.join(' ')).toHaveLength(1);
      expect(lines[0]).toMatch(message);
    }
  });
});
