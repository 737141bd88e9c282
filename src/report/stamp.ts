/**
 * The stamp of a report run: commit (with a dirty flag), seed, budget, Node and package versions, date and wall
 * time, and for a report merged from shards, one line per shard. `collectStamp` reads git and node_modules
 * (impure, called once by the generator); `formatStamp` is pure. Only the index page carries date, wall time and
 * shards, so that same seed and budget give byte-identical group pages however the claims were run.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Budget } from './claim.ts';
import { PACKAGE_ROOT } from './package-root.ts';
import { shardLabel, type Shard } from './shard.ts';

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
  /** The run's wall time; for a merged report, the sum over its shards. */
  readonly wallSeconds: number;
  /** Present when the report was merged from shards (`efcheck merge`): when each ran and for how long. */
  readonly shards?: readonly ShardStamp[];
}

/** One shard of a merged report, as its index page lists it. */
export interface ShardStamp {
  readonly shard: Shard;
  readonly node: string;
  readonly date: string;
  readonly wallSeconds: number;
}

const STAMPED_PACKAGES = [
  'fast-check',
  'vega',
  'vega-lite',
  '@resvg/resvg-js',
  'jstat',
  'seedrandom',
  'mathjs',
  'typescript',
  'tsx',
] as const;

function git(args: readonly string[]): string | null {
  try {
    // GIT_OPTIONAL_LOCKS=0: `git status` must not refresh (write) the index while a report reads it.
    const env = { ...process.env, GIT_OPTIONAL_LOCKS: '0' };
    return execFileSync('git', args as string[], {
      cwd: PACKAGE_ROOT,
      encoding: 'utf8',
      env,
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return null;
  }
}

/**
 * Where Node would find `name`: node_modules/ of the package root or of a folder above it (an installed efcheck
 * shares its dependencies' folder with the project that installed it).
 */
function installedPackageJson(name: string): string {
  const at = (dir: string): string => join(dir, 'node_modules', name, 'package.json');
  for (let dir = PACKAGE_ROOT; dirname(dir) !== dir; dir = dirname(dir)) if (existsSync(at(dir))) return at(dir);
  return at(PACKAGE_ROOT);
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
  // An installed efcheck lives inside someone else's checkout: their commit says nothing about this code.
  const top = git(['rev-parse', '--show-toplevel']);
  const ours = top !== null && realpathSync(top) === realpathSync(PACKAGE_ROOT);
  const commit = (ours ? git(['rev-parse', 'HEAD']) : null) ?? 'unknown';
  const status = commit === 'unknown' ? null : git(['status', '--porcelain', '--untracked-files=no']);
  const packages: Record<string, string> = { efcheck: versionOf(join(PACKAGE_ROOT, 'package.json')) };
  for (const p of STAMPED_PACKAGES) packages[p] = versionOf(installedPackageJson(p));
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
    ...(s.shards === undefined
      ? [`- date: ${s.date}; wall time: ${s.wallSeconds.toFixed(1)} s`]
      : shardLines(s.shards, s)),
  ].join('\n');
}

function shardLines(shards: readonly ShardStamp[], merged: Pick<Stamp, 'date' | 'wallSeconds'>): string[] {
  const longest = Math.max(0, ...shards.map((x) => x.wallSeconds));
  return [
    `- merged from ${shards.length} shard${shards.length === 1 ? '' : 's'}: ${shards.map((x) => `${shardLabel(x.shard)} (${x.date}, ${x.wallSeconds.toFixed(1)} s, Node ${x.node})`).join('; ')}`,
    `- date: ${merged.date} (merge); wall time: ${merged.wallSeconds.toFixed(1)} s over all shards, ${longest.toFixed(1)} s the longest`,
  ];
}
