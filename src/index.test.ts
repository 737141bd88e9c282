import { describe, expect, it } from 'vitest';
import * as efcheck from './index.ts';

describe('the public surface', () => {
  it('exposes the compressors, methods and the checker a user needs, and the checker tells a true α from a false one', () => {
    const honest = efcheck.checkCompressor(efcheck.topK(8, 2), { seed: 1, effort: 'quick' });
    expect(honest.status).toBe('pass');
    // The same top-k claiming α = 1/2 at d = 8, k = 2 overstates its contraction: all-equal x gives 1 − k/d = 3/4.
    const overstated: efcheck.Compressor = { ...efcheck.topK(8, 2), contract: { kind: 'contractive', alpha: 0.5 } };
    expect(efcheck.checkCompressor(overstated, { seed: 1, effort: 'quick' }).status).toBe('fail');
    expect(efcheck.methods.map((m) => m.id)).toContain('ef21-sgdm');
  });
});
