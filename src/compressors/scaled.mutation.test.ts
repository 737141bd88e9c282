/**
 * Kills the surviving mutants of scaled.ts found by `npm run mutation` (reports/mutation-score.md): the receiver's
 * unscaling, the propagation of "no exact moments", and the bound the scaleBy error states.
 */
import { describe, expect, it } from 'vitest';
import { key } from '../rng/key.ts';
import { compose } from './compose.ts';
import { natural } from './natural.ts';
import { randK } from './rand-k.ts';
import { asContractive, scaleBy, unscale } from './scaled.ts';
import type { Compressor } from './types.ts';

describe('scaled compressors (mutation kills)', () => {
  it('unscale divides every entry by s, so the receiver recovers C(x) from s·C(x)', () => {
    expect(Array.from(unscale(Float64Array.of(3, -6, 0, 1.5), 1.5))).toEqual([2, -4, 0, 1]);
  });

  it('bills C/(1 + ω) as C’s own message: a natural-compression escape stays 12 + 64 bits', () => {
    // |t| = 1.5·2^1023 is not a power of two and 2^1024 is not a double: natural sends it unchanged as an escape
    // (natural.ts header), 76 bits; a power of two would cost 12.
    const t = 1.5 * 2 ** 1023;
    const cc = asContractive(natural(2));
    const out = cc.compress(Float64Array.of(t, 0), key(3));
    expect(natural(2).bits(Float64Array.of(t, 0))).toEqual({ values: 76 + 12, indices: 0 });
    expect(cc.bits(out)).toEqual({ values: 76 + 12, indices: 0 });
  });

  it('has no exact moments when the wrapped compressor has none, or has none at this x', () => {
    const x = Float64Array.of(1.3, -0.7, 2.9, 0.2);
    const { expectation: _none, ...bare } = natural(4);
    const noMoments: Compressor = bare;
    expect(asContractive(noMoments).expectation).toBeUndefined();
    // compose(…) with a random inner stage returns undefined from expectation(): the wrapper passes that on.
    const composed = compose(natural(4), randK(4, 2, { scaled: true }));
    expect(composed.expectation?.(x)).toBeUndefined();
    const wrapped = asContractive(composed);
    expect(wrapped.expectation?.(x)).toBeUndefined();
  });

  it('scaleBy states the admissible bound 2/(1 + ω) when it refuses s', () => {
    // natural: ω = 1/8, so 2/(1 + ω) = 16/9.
    expect(() => scaleBy(natural(4), 2)).toThrow(`s < 2/(1 + ω) = ${16 / 9}, got s=2`);
  });
});
