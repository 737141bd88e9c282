/**
 * Kills the surviving name mutants of the momentum methods found by `npm run mutation` (reports/mutation-score.md):
 * reports print `alg.name` verbatim (docs/design.md §2.5), so B_init must appear exactly when it is not the default 1.
 */
import { describe, expect, it } from 'vitest';
import { topK } from '../compressors/top-k.ts';
import { ef21Sgd2m } from './ef21-sgd2m.ts';
import { ef21Sgdm } from './ef21-sgdm.ts';

describe('EF21-SGDM and EF21-SGD2M names (mutation kills)', () => {
  it('carry γ, η and the compressor, and B_init only when it is not 1', () => {
    const C = topK(3, 1);
    expect(ef21Sgdm({ gamma: 0.1, eta: 0.5, compressor: C }).name).toBe('ef21-sgdm(γ=0.1,η=0.5,top-k(k=1,d=3))');
    expect(ef21Sgdm({ gamma: 0.1, eta: 0.5, compressor: C, bInit: 1 }).name).toBe('ef21-sgdm(γ=0.1,η=0.5,top-k(k=1,d=3))');
    expect(ef21Sgdm({ gamma: 0.1, eta: 0.5, compressor: C, bInit: 4 }).name).toBe('ef21-sgdm(γ=0.1,η=0.5,top-k(k=1,d=3),bInit=4)');
    expect(ef21Sgd2m({ gamma: 0.2, eta: 1, compressor: C }).name).toBe('ef21-sgd2m(γ=0.2,η=1,top-k(k=1,d=3))');
    expect(ef21Sgd2m({ gamma: 0.2, eta: 1, compressor: C, bInit: 8 }).name).toBe('ef21-sgd2m(γ=0.2,η=1,top-k(k=1,d=3),bInit=8)');
  });
});
