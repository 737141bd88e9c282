import { describe, expect, it } from 'vitest';
import { ModuleShapeError, userModuleFamily } from '../../src/check/user-module.ts';

const compress = (x: Float64Array): Float64Array => Float64Array.from(x);

describe('the user module adapter', () => {
  const bad: [string, unknown, RegExp][] = [
    ['a non-object', 42, /default export must be an object/],
    ['no compress', { contract: { kind: 'unbiased', omega: 0 } }, /no compress\(x, random\) function/],
    ['no contract', { name: 'm', compress }, /contract must be/],
    ['an unknown kind', { name: 'm', contract: { kind: 'biased', alpha: 0.5 }, compress }, /contract.kind must be/],
    [
      'alpha as a string',
      { name: 'm', contract: { kind: 'contractive', alpha: '1/4' }, compress },
      /alpha must be a number or a function of d/,
    ],
    [
      'alpha above 1',
      { name: 'm', contract: { kind: 'contractive', alpha: 1.5 }, compress },
      /0 < alpha ≤ 1, got 1.5 at d=1/,
    ],
    [
      'negative omega',
      { name: 'm', contract: { kind: 'unbiased', omega: -1 }, compress },
      /omega must be a finite number ≥ 0/,
    ],
    [
      'an alpha(d) that throws',
      {
        name: 'm',
        contract: {
          kind: 'contractive',
          alpha: () => {
            throw new Error('no');
          },
        },
        compress,
      },
      /alpha\(1\) threw Error: no/,
    ],
  ];
  for (const [what, value, message] of bad) {
    it(`rejects ${what} with a one-line ModuleShapeError`, () => {
      let caught: unknown;
      try {
        userModuleFamily(value, 'm.ts');
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(ModuleShapeError);
      expect((caught as Error).message).toMatch(message);
      expect((caught as Error).message).not.toContain('\n');
    });
  }

  it('evaluates alpha as a function of d and hands compress the checker’s uniforms', () => {
    const seen: number[] = [];
    const family = userModuleFamily(
      {
        name: 'm',
        contract: { kind: 'contractive', alpha: (d: number) => 1 / d },
        compress: (x: Float64Array, random: () => number) => {
          seen.push(random());
          return Float64Array.from(x);
        },
      },
      'm.ts',
    );
    const subject = family.at(4);
    expect(subject.contract).toEqual({ kind: 'contractive', alpha: 0.25 });
    const { draws } = subject.run(Float64Array.of(1, 2, 3, 4), { hi: 1, lo: 2 } as never);
    expect(draws).toBe(1);
    expect(seen[0]).toBeGreaterThanOrEqual(0);
    expect(seen[0]).toBeLessThan(1);
  });
});
