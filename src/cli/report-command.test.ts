import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidArgumentError } from 'commander';
import { afterAll, describe, expect, it } from 'vitest';
import { assertWritableFolder, DEFAULT_OUT, parseSeed } from './report-command.ts';

const dir = mkdtempSync(join(tmpdir(), 'efcheck-report-cmd-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

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
  });
});
