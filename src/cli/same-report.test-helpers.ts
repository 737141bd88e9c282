/**
 * For the specs of --jobs, --shard/merge and the compiled package: two report folders hold the same files, byte
 * for byte, except README.md, which is compared after `readme` has removed what may differ (its stamp).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect } from 'vitest';

/** Every file under `dir`, relative and sorted. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

/** The index page without its clock: date and wall time may differ between two runs of one seed and budget. */
export const withoutClock = (md: string): string => md.replace(/^- date: .*$/m, '- date: …');

/** The index page without its stamp section (a merged report's lists the shards). */
export const withoutStamp = (md: string): string => md.slice(0, md.indexOf('\n## Stamp\n'));

export function expectSameReport(
  expected: string,
  actual: string,
  readme: (md: string) => string = withoutClock,
): void {
  const files = filesUnder(expected);
  expect(files).toContain('results.json');
  expect(filesUnder(actual)).toEqual(files);
  for (const f of files) {
    const [x, y] = [readFileSync(join(expected, f)), readFileSync(join(actual, f))];
    if (f === 'README.md') expect(readme(y.toString('utf8'))).toBe(readme(x.toString('utf8')));
    else expect(y.equals(x), `${f} differs`).toBe(true);
  }
}
