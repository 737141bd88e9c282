/**
 * The partial results file a shard run writes (`efcheck report --shard i/N` → `shard-i-of-N.json`) and
 * `efcheck merge` reads: the shard's entries exactly as results.json would hold them, plus what merging needs to
 * refuse shards that do not belong together (seed, budget, selection, commit, package versions). Written with
 * toJson, so every number survives the trip (docs/scale.md).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Budget } from './claim.ts';
import { fromJson, toJson } from './json.ts';
import type { PageEntry } from './markdown.ts';
import type { Shard } from './shard.ts';
import type { Stamp } from './stamp.ts';

/** Bumped whenever the layout changes; merge refuses files of another format. */
export const SHARD_FORMAT = 'efcheck-shard/1';

export interface ShardFile {
  readonly format: typeof SHARD_FORMAT;
  readonly shard: Shard;
  readonly seed: number;
  readonly budget: Budget;
  readonly only: readonly string[] | null;
  /** Every claim id of the whole run, in report order (the union of all shares). */
  readonly selection: readonly string[];
  /** This shard's stamp: commit, Node and packages, date and the shard's wall time. */
  readonly stamp: Stamp;
  /** This shard's share, in report order. */
  readonly entries: readonly PageEntry[];
}

/** A shard file and where it was read from (for messages). */
export interface LoadedShard {
  readonly path: string;
  readonly file: ShardFile;
}

const NAME = /^shard-\d+-of-\d+\.json$/;

export function shardFileName(s: Shard): string {
  return `shard-${s.index}-of-${s.count}.json`;
}

/** Writes the file into `dir` (created if missing) and returns its path. */
export function writeShardFile(dir: string, file: ShardFile): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, shardFileName(file.shard));
  writeFileSync(path, toJson(file));
  return path;
}

function readOne(path: string): LoadedShard {
  let value: unknown;
  try {
    value = fromJson<unknown>(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new RangeError(`merge: ${path} is not readable JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  const format = value !== null && typeof value === 'object' ? (value as { format?: unknown }).format : undefined;
  if (format !== SHARD_FORMAT) {
    throw new RangeError(
      `merge: ${path} is not an ${SHARD_FORMAT} file (format ${JSON.stringify(format) ?? 'missing'}); write shards with this efcheck's report --shard`,
    );
  }
  return { path, file: value as ShardFile };
}

/**
 * Every shard file among `paths`: a path that is a folder contributes its `shard-*-of-*.json` files (a download
 * of CI artifacts is one folder per shard; a Slurm array writes them all into one), a file path is read as is.
 * Sorted by path within a folder, so messages are stable.
 */
export function readShardFiles(paths: readonly string[]): LoadedShard[] {
  const out: LoadedShard[] = [];
  for (const p of paths) {
    if (!existsSync(p)) throw new RangeError(`merge: ${p}: no such file or folder`);
    if (statSync(p).isDirectory()) {
      const names = readdirSync(p)
        .filter((n) => NAME.test(n))
        .sort();
      if (names.length === 0) throw new RangeError(`merge: ${p} holds no shard-*-of-*.json file`);
      for (const n of names) out.push(readOne(join(p, n)));
    } else out.push(readOne(p));
  }
  return out;
}
