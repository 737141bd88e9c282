/**
 * Shard files → the results and stamp of one report, identical to a single run's apart from the stamp (which lists
 * the shards). Refuses, with a one-line RangeError, shards that do not belong to one run: another seed, budget,
 * selection, shard count, commit or package versions, a shard missing or given twice, or a share that is not the
 * one shareOf assigns (docs/scale.md).
 */
import type { ResultsFile } from './generate.ts';
import type { PageEntry } from './markdown.ts';
import { shardLabel, shareOf } from './shard.ts';
import type { LoadedShard } from './shard-file.ts';
import type { Stamp } from './stamp.ts';

export interface MergedReport {
  readonly results: ResultsFile;
  readonly stamp: Stamp;
}

const base = (path: string): string => path.split(/[\\/]/).pop() ?? path;

/** Throws unless `key` of every shard equals the first shard's; `what` names it in the message. */
function agree(shards: readonly LoadedShard[], what: string, key: (s: LoadedShard) => unknown): void {
  const first = JSON.stringify(key(shards[0]));
  const other = shards.find((s) => JSON.stringify(key(s)) !== first);
  if (other !== undefined) {
    const show = (s: LoadedShard): string => `${base(s.path)}: ${JSON.stringify(key(s))}`;
    throw new RangeError(
      `merge: the shards are not from one run: they differ in ${what} (${show(shards[0])}, ${show(other)})`,
    );
  }
}

export function mergeShards(shards: readonly LoadedShard[], now: Date = new Date()): MergedReport {
  if (shards.length === 0) throw new RangeError('merge: no shard files given');
  agree(shards, 'seed', (s) => s.file.seed);
  agree(shards, 'budget', (s) => s.file.budget);
  agree(shards, 'the --only selection', (s) => s.file.only);
  agree(shards, 'the claims selected (a different registry)', (s) => s.file.selection);
  agree(shards, 'shard count', (s) => s.file.shard.count);
  agree(shards, 'commit', (s) => s.file.stamp.commit);
  agree(shards, 'package versions', (s) => s.file.stamp.packages);

  const { count } = shards[0].file.shard;
  const byIndex = new Map<number, LoadedShard>();
  for (const s of shards) {
    const seen = byIndex.get(s.file.shard.index);
    if (seen !== undefined)
      throw new RangeError(`merge: shard ${shardLabel(s.file.shard)} is given twice (${seen.path}, ${s.path})`);
    byIndex.set(s.file.shard.index, s);
  }
  const missing = Array.from({ length: count }, (_, k) => k + 1).filter((i) => !byIndex.has(i));
  if (missing.length > 0)
    throw new RangeError(
      `merge: missing shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${count}`).join(', ')}`,
    );

  const { selection } = shards[0].file;
  const entries = new Map<string, PageEntry>();
  const ordered = [...byIndex.values()].sort((a, b) => a.file.shard.index - b.file.shard.index);
  for (const s of ordered) {
    const expected = shareOf(selection, s.file.shard);
    const got = s.file.entries.map((e) => e.meta.id);
    if (JSON.stringify(got) !== JSON.stringify(expected)) {
      throw new RangeError(
        `merge: ${base(s.path)} holds ${got.join(', ') || 'no claim'}, not the share of shard ${shardLabel(s.file.shard)} (${expected.join(', ') || 'no claim'})`,
      );
    }
    for (const e of s.file.entries) entries.set(e.meta.id, e);
  }

  const first = ordered[0].file;
  const dirty = ordered.map((s) => s.file.stamp.dirty);
  const stamp: Stamp = {
    commit: first.stamp.commit,
    dirty: dirty.includes(true) ? true : dirty.includes(null) ? null : false,
    seed: first.seed,
    budget: first.budget,
    only: first.only,
    node: [...new Set(ordered.map((s) => s.file.stamp.node))].join(', '),
    packages: first.stamp.packages,
    date: now.toISOString(),
    wallSeconds: ordered.reduce((t, s) => t + s.file.stamp.wallSeconds, 0),
    shards: ordered.map((s) => ({
      shard: s.file.shard,
      node: s.file.stamp.node,
      date: s.file.stamp.date,
      wallSeconds: s.file.stamp.wallSeconds,
    })),
  };
  return {
    results: {
      seed: first.seed,
      budget: first.budget,
      only: first.only,
      entries: selection.map((id) => entries.get(id) as PageEntry),
    },
    stamp,
  };
}
