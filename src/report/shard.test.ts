import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseShard, shareOf } from './shard.ts';

describe('shards of a report run', () => {
  it('reads i/N with 1 ≤ i ≤ N and says in one line what is wrong otherwise', () => {
    expect(parseShard('2/3')).toEqual({ index: 2, count: 3 });
    expect(parseShard(' 1 / 1 ')).toEqual({ index: 1, count: 1 });
    expect(() => parseShard('3/2')).toThrow(/shard index i must be between 1 and N = 2, got '3\/2'/);
    expect(() => parseShard('0/2')).toThrow(/between 1 and N = 2/);
    expect(() => parseShard('1/0')).toThrow(/count N must be at least 1/);
    for (const bad of ['', '1', '1/2/3', '-1/2', 'a/b', '1.5/2']) expect(() => parseShard(bad)).toThrow(/i\/N/);
  });

  test.prop([fc.uniqueArray(fc.string(), { maxLength: 40 }), fc.integer({ min: 1, max: 12 })])(
    'the shares of 1/N … N/N partition the selection, keep its order and differ in size by at most one',
    (selection, count) => {
      const shares = Array.from({ length: count }, (_, k) => shareOf(selection, { index: k + 1, count }));
      expect(shares.flat().sort()).toEqual([...selection].sort());
      for (const s of shares) expect(s).toEqual(selection.filter((x) => s.includes(x)));
      const sizes = shares.map((s) => s.length);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    },
  );
});
