import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from './main.ts';

afterEach(() => {
  process.exitCode = undefined;
  vi.restoreAllMocks();
});

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  const code = await main(args);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('efcheck worst-case', () => {
  it('answers for a tight claim at any (κ, δ) with ρ, the worst V⁺/V and m*', async () => {
    const r = await run([
      'worst-case',
      'ef21-tight',
      '--kappa',
      '37',
      '--delta',
      '0.33',
      '--seed',
      '4',
      '--effort',
      'quick',
      '--json',
    ]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as {
      claim: string;
      rho: number;
      worst: number;
      worstRatio: number;
      criticalMultiplier: number | null;
      instance: object;
      replay: string;
    };
    expect(j.claim).toBe('ef21-tight');
    expect(j.worst).toBeLessThanOrEqual(j.rho * (1 + 1e-12));
    expect(j.worst).toBeGreaterThan(j.rho * (1 - 1e-6));
    expect(j.criticalMultiplier).not.toBeNull();
    expect(j.criticalMultiplier as number).toBeLessThan(1.05);
    expect(j.replay).toBe('npm run efcheck -- worst-case ef21-tight --kappa 37 --delta 0.33 --seed 4 --effort quick');
  });

  it('exits 1 with the violation when the multiplier is above m*', async () => {
    const r = await run(['worst-case', 'ef-tight', '--multiplier', '1.5', '--seed', '2', '--effort', 'quick']);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^VIOLATED ef-tight at γ = 1.5·γ_theory/);
    expect(r.out).toContain('replay: npm run efcheck -- worst-case ef-tight --multiplier 1.5 --seed 2 --effort quick');
  });

  it.each([
    [['worst-case', 'no-such-claim'], /unknown claim 'no-such-claim'/],
    [['worst-case', 'compressor-catalogue'], /not a one-step inequality the adversary searches/],
    [['worst-case', 'ef21-tight', '--delta', '1'], /--delta must be a number in \(0, 1\)/],
    [['worst-case', 'ef21-tight', '--kappa', '1'], /--kappa must be a number in \(1, 1e8\]/],
    [['worst-case', 'ef21-tight', '--multiplier', 'NaN'], /--multiplier must be a number/],
    [['worst-case', 'ef21-tight', '--seed', '-3'], /--seed must be a non-negative integer/],
    [['worst-case', 'ef21-tight', '--effort', 'huge'], /--effort must be one of quick, default, deep/],
  ])('bad input %j gets one line and exit 2', async (args, message) => {
    const r = await run(args);
    expect(r.code).toBe(2);
    expect(r.err.split('\n')).toHaveLength(1);
    expect(r.err).toMatch(message);
  });
});
