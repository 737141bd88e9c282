/**
 * Kills the surviving mutants of compose.ts found by `npm run mutation` (reports/mutation-score.md): rule 3's
 * wire format, the strict ω < 1 of rule 1, the propagation of "no exact moments" and the deterministic flag.
 */
import { describe, expect, it } from 'vitest';
import { key } from '../rng/key.ts';
import { compose } from './compose.ts';
import { natural } from './natural.ts';
import { randK } from './rand-k.ts';
import { topK } from './top-k.ts';
import type { Compressor } from './types.ts';

describe('compose (mutation kills)', () => {
  it('rule 3 (unbiased ∘ unbiased) sends the outer message only: natural’s 12 bits per coordinate, no indices', () => {
    const c = compose(natural(8), randK(8, 2, { scaled: true }));
    const out = c.compress(Float64Array.of(1.5, -3, 0.25, 7, -0.1, 2, 9, -4), key(11));
    expect(c.bits(out)).toEqual({ values: 8 * 12, indices: 0 });
    expect(c.bits(out)).toEqual(natural(8).bits(out));
  });

  it('rule 1 refuses ω = 1 exactly: α = α_T(1 − ω) would be 0, no contraction (docs/theory.md §1.1 row 16)', () => {
    const outer = randK(2, 1, { scaled: true }); // ω = d/k − 1 = 1
    expect(outer.contract).toEqual({ kind: 'unbiased', omega: 1 });
    expect(() => compose(outer, topK(2, 1))).toThrow(/needs ω < 1/);
    expect(compose(outer, topK(2, 1), { rescale: true }).contract).toEqual({ kind: 'contractive', alpha: 0.25 });
  });

  it('expectation() is undefined, not a crash, when the outer stage has no exact moments at T(x)', () => {
    const x = Float64Array.of(3, -1, 0.5, 2);
    const { expectation: _none, ...bare } = natural(4);
    const withoutMoments: Compressor = bare;
    const declining: Compressor = { ...natural(4), expectation: () => undefined };
    expect(compose(withoutMoments, topK(4, 2)).expectation?.(x)).toBeUndefined();
    expect(compose(declining, topK(4, 2)).expectation?.(x)).toBeUndefined();
  });

  it('is deterministic exactly when both stages are: rand-k with k = d is, top-k is, natural is not', () => {
    const all = randK(4, 4, { scaled: true }); // keeps every coordinate, ω = 0
    expect(compose(all, topK(4, 2)).deterministic).toBe(true);
    expect(compose(natural(4), topK(4, 2)).deterministic).toBe(false);
    expect(compose(all, randK(4, 2)).deterministic).toBe(false);
  });
});
