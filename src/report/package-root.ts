/**
 * The folder holding efcheck's own package.json: the repository when run from the sources (src/…), the installed
 * package when run from the compiled files (dist/src/…). Found by walking up from this module rather than by a
 * fixed number of `..`, because the compiled files sit one folder deeper than the sources.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findPackageRoot(start: string): string {
  for (let at = start; ; at = dirname(at)) {
    if (existsSync(join(at, 'package.json'))) return at;
    if (dirname(at) === at) throw new Error(`efcheck: no package.json above ${start}`);
  }
}

export const PACKAGE_ROOT: string = findPackageRoot(dirname(fileURLToPath(import.meta.url)));
