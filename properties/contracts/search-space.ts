/**
 * assertSearchSpaceContract: what every adversary search space (src/adversary/types.ts) must do, checked on seeded
 * samples, so that each space's spec is one line. decode(encode(c), c) = c (the climber moves the coordinates it was
 * given and nothing else); sides are a pure function of (candidate, multiplier); every shrink is exactly one node
 * or one coordinate smaller; no candidate's ratio is ±∞ (NaN is allowed: the climber reads it as −∞).
 */
import { expect } from 'vitest';
import { ratioOf, type SearchSpace } from '../../src/adversary/types.ts';
import { foldIn, key } from '../../src/rng/key.ts';

export function assertSearchSpaceContract<C>(space: SearchSpace<C>, samples = 30, seed = 3): void {
  for (let r = 0; r < samples; r++) {
    const c = space.sample(foldIn(key(seed), r));
    expect(space.decode(space.encode(c), c)).toEqual(c);
    expect(space.sides(c, 1)).toEqual(space.sides(c, 1));
    expect(Math.abs(ratioOf(space.sides(c, 1)))).not.toBe(Infinity);
    const { n, d } = space.size(c);
    for (const s of space.shrink?.(c) ?? []) {
      const z = space.size(s);
      expect(z.n + z.d).toBe(n + d - 1);
      expect(Math.abs(ratioOf(space.sides(s, 1)))).not.toBe(Infinity);
    }
  }
}
