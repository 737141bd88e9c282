/**
 * The stamp of a report run: commit (with a dirty flag), seed, budget, Node and package versions, date and wall
 * time. `collectStamp` reads git and node_modules (impure, called once by the generator); `formatStamp` is pure.
 * Only the index page carries date and wall time, so that same seed and budget give byte-identical group pages.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Budget } from './claim.ts';

export interface Stamp {
  /** `git rev-parse HEAD`, or 'unknown' outside a git checkout. */
  readonly commit: string;
  /** Uncommitted changes in the work tree; null when git could not tell. */
  readonly dirty: boolean | null;
  readonly seed: number;
  readonly budget: Budget;
  /** The --only selection, or null for the full registry. */
  readonly only: readonly string[] | null;
  readonly node: string;
  /** efcheck's version and the versions of the packages that shape the numbers and pictures. */
  readonly packages: Readonly<Record<string, string>>;
  /** ISO 8601, UTC. */
  readonly date: string;
  readonly wallSeconds: number;
}

const REPO_ROOT = dirname(dirname(dirname(fileURLToPath(import.meta.url))));
const STAMPED_PACKAGES = ['fast-check', 'vega', 'vega-lite', '@resvg/resvg-js', 'jstat', 'seedrandom', 'mathjs', 'typescript', 'tsx'] as const;

function git(args: readonly string[]): string | null {
  try {
    // GIT_OPTIONAL_LOCKS=0: `git status` must not refresh (write) the index while a report reads it.
    const env = { ...process.env, GIT_OPTIONAL_LOCKS: '0' };
    return execFileSync('git', args as string[], { cwd: REPO_ROOT, encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

function versionOf(packageJson: string): string {
  try {
    const v = (JSON.parse(readFileSync(packageJson, 'utf8')) as { version?: unknown }).version;
    return typeof v === 'string' ? v : 'unknown';
  } catch {
    return 'unknown';
  }
}

export function collectStamp(run: {
  readonly seed: number;
  readonly budget: Budget;
  readonly only: readonly string[] | null;
  readonly wallSeconds: number;
  readonly now?: Date;
}): Stamp {
  const commit = git(['rev-parse', 'HEAD']) ?? 'unknown';
  const status = commit === 'unknown' ? null : git(['status', '--porcelain', '--untracked-files=no']);
  const packages: Record<string, string> = { efcheck: versionOf(join(REPO_ROOT, 'package.json')) };
  for (const p of STAMPED_PACKAGES) packages[p] = versionOf(join(REPO_ROOT, 'node_modules', p, 'package.json'));
  return {
    commit,
    dirty: status === null ? null : status.length > 0,
    seed: run.seed,
    budget: run.budget,
    only: run.only,
    node: process.version,
    packages,
    date: (run.now ?? new Date()).toISOString(),
    wallSeconds: run.wallSeconds,
  };
}

function commitText(s: Pick<Stamp, 'commit' | 'dirty'>): string {
  const short = s.commit === 'unknown' ? 'unknown' : s.commit.slice(0, 12);
  return s.dirty === true ? `${short} (dirty)` : short;
}

/** The deterministic part (no clock): for group pages. */
export function stampLine(s: Pick<Stamp, 'commit' | 'dirty' | 'seed' | 'budget'>): string {
  return `Commit \`${commitText(s)}\`, seed ${s.seed}, budget \`${s.budget}\`.`;
}

/** The full stamp, as a Markdown list, for the index page. */
export function formatStamp(s: Stamp): string {
  const pkgs = Object.entries(s.packages)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  return [
    `- commit: \`${commitText(s)}\`${s.commit !== 'unknown' ? ` (\`${s.commit}\`)` : ''}`,
    `- seed: ${s.seed}, budget: \`${s.budget}\`${s.only !== null ? `, only: ${s.only.map((i) => `\`${i}\``).join(', ')}` : ''}`,
    `- Node ${s.node}; ${pkgs}`,
    `- date: ${s.date}; wall time: ${s.wallSeconds.toFixed(1)} s`,
  ].join('\n');
}
