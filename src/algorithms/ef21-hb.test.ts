import { describe, expect, it } from 'vitest';
import { topK } from '../compressors/top-k.ts';
import { ef21Hb } from './ef21-hb.ts';

describe('EF21-HB parameters', () => {
  it('accepts the heavy-ball weight η ∈ [0, 1) and rejects η < 0, η ≥ 1 and NaN with the value in the message', () => {
    const C = topK(2, 1);
    for (const eta of [0, 0.5, 0.999]) expect(() => ef21Hb({ gamma: 0.1, eta, compressor: C })).not.toThrow();
    for (const eta of [-0.1, -1e-300, 1, 2, Number.NaN])
      expect(() => ef21Hb({ gamma: 0.1, eta, compressor: C })).toThrow(/ef21-hb: need η ∈ \[0, 1\)/);
  });
});
