import { describe, expect, it } from 'vitest';
import type { ClaimMeta } from './claim.ts';
import type { PageEntry } from './markdown.ts';
import { mergeShards } from './merge-shards.ts';
import { shareOf, type Shard } from './shard.ts';
import { SHARD_FORMAT, type LoadedShard, type ShardFile } from './shard-file.ts';
import { formatStamp, stampLine, type Stamp } from './stamp.ts';
import { deterministicVerdict } from './verdict.ts';

const selection: ClaimMeta[] = ['a', 'b', 'c', 'd', 'e'].map((id) => ({
  id: `claim-${id}`,
  title: `Claim ${id}`,
  group: 'compressors',
  paper: { authors: 'A', year: 2020 },
  theorem: 'Thm 1',
  provenance: 'D',
  kind: 'deterministic',
  statement: 'x ≤ 1 (docs/theory.md §0)',
  file: `theorems/${id}.ts`,
}));
const entry = (i: number): PageEntry => ({
  meta: selection[i],
  result: {
    verdicts: [
      deterministicVerdict(
        { id: selection[i].id, check: 'c', claim: 'x ≤ 1', seed: 3, budget: 'quick', provenance: 'D' },
        { lhs: i, rhs: 10, scale: 1 },
      ),
    ],
  },
});
const stamp: Stamp = {
  commit: 'a'.repeat(40),
  dirty: false,
  seed: 3,
  budget: 'quick',
  only: null,
  node: 'v20.20.2',
  packages: { efcheck: '0.1.0', 'fast-check': '4.10.2' },
  date: '2026-01-01T00:00:00.000Z',
  wallSeconds: 2,
};

/** Shard i/N of a run over `selection`, holding exactly its share, as `efcheck report --shard` writes it. */
function shard(index: number, count: number, edit: (f: ShardFile) => ShardFile = (f) => f): LoadedShard {
  const s: Shard = { index, count };
  const ids = selection.map((m) => m.id);
  const file: ShardFile = {
    format: SHARD_FORMAT,
    shard: s,
    seed: 3,
    budget: 'quick',
    only: null,
    selection: ids,
    stamp,
    entries: shareOf(ids, s).map((id) => entry(ids.indexOf(id))),
  };
  return { path: `/runs/shard-${index}-of-${count}.json`, file: edit(file) };
}

describe('merging shard files', () => {
  it('assembles the entries in report order, whatever order the shards come in, and lists the shards in the stamp', () => {
    const { results, stamp: merged } = mergeShards(
      [shard(3, 3), shard(1, 3), shard(2, 3)],
      new Date('2026-01-02T00:00:00Z'),
    );
    expect(results.entries.map((e) => e.meta.id)).toEqual(selection.map((m) => m.id));
    expect(results.entries).toEqual(selection.map((_, i) => entry(i)));
    expect({ seed: results.seed, budget: results.budget, only: results.only }).toEqual({
      seed: 3,
      budget: 'quick',
      only: null,
    });
    // Group pages carry only commit, seed and budget: the same line as a single run's.
    expect(stampLine(merged)).toBe(stampLine(stamp));
    expect(merged.wallSeconds).toBe(6);
    expect(formatStamp(merged)).toContain(
      'merged from 3 shards: 1/3 (2026-01-01T00:00:00.000Z, 2.0 s, Node v20.20.2); 2/3',
    );
  });

  it('refuses, in one line, shards that are not from one run', () => {
    const cases: [LoadedShard[], RegExp][] = [
      [
        [shard(1, 2), shard(2, 2, (f) => ({ ...f, seed: 4 }))],
        /differ in seed \(shard-1-of-2\.json: 3, shard-2-of-2\.json: 4\)/,
      ],
      [[shard(1, 2), shard(2, 2, (f) => ({ ...f, budget: 'deep' }))], /differ in budget/],
      [
        [shard(1, 2), shard(2, 2, (f) => ({ ...f, stamp: { ...f.stamp, commit: 'b'.repeat(40) } }))],
        /differ in commit/,
      ],
      [
        [
          shard(1, 2),
          shard(2, 2, (f) => ({
            ...f,
            stamp: { ...f.stamp, packages: { ...f.stamp.packages, 'fast-check': '9.9.9' } },
          })),
        ],
        /differ in package versions/,
      ],
      [[shard(1, 2), shard(2, 2, (f) => ({ ...f, only: ['x'] }))], /differ in the --only selection/],
      [[shard(1, 2), shard(2, 3)], /differ in shard count/],
      [[shard(1, 3), shard(3, 3)], /missing shard 2\/3/],
      [[shard(1, 2), shard(1, 2), shard(2, 2)], /shard 1\/2 is given twice/],
      [[shard(1, 2), shard(2, 2, (f) => ({ ...f, entries: f.entries.slice(1) }))], /not the share of shard 2\/2/],
      [[], /no shard files/],
    ];
    for (const [shards, message] of cases) {
      let error: unknown;
      try {
        mergeShards(shards);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(RangeError);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).not.toContain('\n');
    }
  });

  it('marks the merged report dirty when any shard ran on a dirty tree', () => {
    const { stamp: merged } = mergeShards([
      shard(1, 2),
      shard(2, 2, (f) => ({ ...f, stamp: { ...f.stamp, dirty: true } })),
    ]);
    expect(merged.dirty).toBe(true);
  });
});
