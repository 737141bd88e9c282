import { describe, expect, it } from 'vitest';
import { bandwidth, measureTriad, PER_NODE_VECTORS, roundBytes, SHARED_VECTORS } from './bandwidth.ts';

describe('bandwidth yardstick (bench/bandwidth.ts)', () => {
  it('counts 8·d·(6 + 2n) bytes a round for EF21 and 8·d·(6 + 4n) for EF21-SGDM', () => {
    expect(SHARED_VECTORS).toEqual(['read x', 'read g', 'read a', 'read u', 'write x⁺', 'write g⁺']);
    expect(PER_NODE_VECTORS.ef21).toEqual(['read g_i', 'write g_i⁺']);
    expect(PER_NODE_VECTORS['ef21-sgdm']).toEqual(['read g_i', 'read v_i', 'write g_i⁺', 'write v_i⁺']);
    for (const n of [1, 10, 100])
      for (const d of [1e3, 1e5, 1e6]) {
        expect(roundBytes('ef21', n, d)).toEqual({ sharedVectors: 6, perNodeVectors: 2, bytes: 8 * d * (6 + 2 * n) });
        expect(roundBytes('ef21-sgdm', n, d).bytes).toBe(8 * d * (6 + 4 * n));
      }
    // Worked values: n = 1, d = 10³ is 8 vectors of 8 kB; n = 100, d = 10⁶ EF21-SGDM is 406 vectors of 8 MB.
    expect(roundBytes('ef21', 1, 1000).bytes).toBe(64_000);
    expect(roundBytes('ef21-sgdm', 100, 1e6).bytes).toBe(3_248_000_000);
  });

  it('turns rounds per second into bytes per second and a share of the triad', () => {
    const b = bandwidth('ef21', 10, 1000, 500, 250, 1e9);
    expect(b.bytesPerRound).toBe(8 * 1000 * 26);
    expect(b.efcheckBytesPerSecond).toBe(208_000 * 500);
    expect(b.efcheckOfTriad).toBeCloseTo(0.104, 12);
    expect(b.numpyOfTriad).toBeCloseTo(0.052, 12);
    expect(bandwidth('ef21-sgdm', 1, 1000, 1, null, 1e9).numpyOfTriad).toBeNull();
  });

  it('times a (small) triad: 3·8·N bytes a pass, the best pass reported', () => {
    const t = measureTriad(1 << 14, 3);
    expect(t.bytesPerPass).toBe(3 * 8 * (1 << 14));
    expect(t.samples).toHaveLength(3);
    expect(t.bytesPerSecond).toBe(Math.max(...t.samples));
    expect(t.bytesPerWallSecond).toBeGreaterThan(0);
  });
});
