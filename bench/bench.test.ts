import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { benchData, benchProblem, topKCount } from './harness.ts';
import { benchMain } from './run.ts';

const dir = mkdtempSync(join(tmpdir(), 'efcheck-bench-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run bench (smoke, no timing assertions)', () => {
  it('writes JSON with both rates, their ratio and machine facts, and NumPy reproduces efcheck bit for bit', async () => {
    const out = join(dir, 'bench.json');
    await benchMain([
      '--quick',
      '--silent',
      '--nodes',
      '1,3',
      '--dims',
      '64',
      '--reps',
      '2',
      '--triad',
      '65536',
      '--out',
      out,
    ]);
    const report = JSON.parse(readFileSync(out, 'utf8')) as {
      machine: Record<string, unknown>;
      triad: { length: number; bytesPerSecond: number };
      adversary: { space: string; adversaryExcess: number; samplingExcess: number; adversaryCpuSeconds: number }[];
      results: {
        method: string;
        n: number;
        d: number;
        k: number;
        rounds: number;
        reps: number;
        ratio: number;
        identical: boolean;
        efcheck: { roundsPerSecond: number; samples: number[] };
        numpy: { roundsPerSecond: number; samples: number[] };
        bandwidth: {
          bytesPerRound: number;
          efcheckBytesPerSecond: number;
          efcheckOfTriad: number;
          numpyOfTriad: number;
        };
      }[];
    };
    expect(report.machine).toMatchObject({
      node: process.version,
      cpuCount: expect.any(Number) as unknown as number,
      numpy: expect.any(String) as unknown as string,
    });
    // The adversary section: on spaces whose worst case is known it reaches it (seeded, so exact), where random
    // sampling of as many candidates falls short.
    expect(report.triad.length).toBe(65536);
    expect(report.triad.bytesPerSecond).toBeGreaterThan(0);
    expect(report.adversary.length).toBe(3);
    for (const a of report.adversary) {
      expect(Math.abs(a.adversaryExcess), a.space).toBeLessThan(1e-6);
      expect(a.samplingExcess, a.space).toBeLessThan(-1e-4);
    }
    expect(report.results.map((r) => `${r.method} n=${r.n} d=${r.d}`)).toEqual([
      'ef21 n=1 d=64',
      'ef21 n=3 d=64',
      'ef21-sgdm n=1 d=64',
      'ef21-sgdm n=3 d=64',
    ]);
    for (const r of report.results) {
      expect(r.k).toBe(1);
      expect(r.efcheck.samples).toHaveLength(2);
      expect(r.numpy.samples).toHaveLength(2);
      expect(r.efcheck.roundsPerSecond).toBeGreaterThan(0);
      expect(r.ratio).toBe(r.efcheck.roundsPerSecond / r.numpy.roundsPerSecond);
      // Bandwidth share: 8·d·(6 + 2n) (EF21) or 8·d·(6 + 4n) (EF21-SGDM) bytes a round against the triad.
      expect(r.bandwidth.bytesPerRound).toBe(8 * r.d * (6 + (r.method === 'ef21' ? 2 : 4) * r.n));
      expect(r.bandwidth.efcheckOfTriad).toBeCloseTo(
        (r.bandwidth.bytesPerRound * r.efcheck.roundsPerSecond) / report.triad.bytesPerSecond,
        9,
      );
      expect(r.bandwidth.numpyOfTriad).toBeGreaterThan(0);
      // Same problem, same k, same rounds, same operation order: the final x agree to the last bit (SHA-256).
      expect(r.identical).toBe(true);
    }
  });

  it('builds a problem whose gradient is a ⊙ x − s_i u, with a_j ∈ [1, 2), distinct, and k = ⌈d/100⌉', () => {
    const { a, u, s } = benchData(3, 500);
    const p = benchProblem(3, 500);
    const x = Float64Array.from({ length: 500 }, (_, j) => Math.cos(j));
    const g = p.gradI(2, x);
    for (let j = 0; j < 500; j++) expect(g[j]).toBe(a[j] * x[j] - s[2] * u[j]);
    expect(Math.min(...a)).toBeGreaterThanOrEqual(1);
    expect(Math.max(...a)).toBeLessThan(2);
    expect(new Set(a).size).toBe(500);
    expect(p.L).toBe(Math.max(...a));
    expect([topKCount(50), topKCount(1000), topKCount(1001)]).toEqual([1, 10, 11]);
  });
});
