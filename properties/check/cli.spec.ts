import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCompressorCommand } from '../../src/cli/compressor-command.ts';
import { specSeed } from './spec-seed.ts';

let out: string[] = [];
let err: string[] = [];
beforeEach(() => {
  out = [];
  err = [];
  vi.spyOn(console, 'log').mockImplementation((s: unknown) => void out.push(String(s)));
  vi.spyOn(console, 'error').mockImplementation((s: unknown) => void err.push(String(s)));
});
afterEach(() => vi.restoreAllMocks());

const run = (target: string, json = false): Promise<number> =>
  runCompressorCommand(target, { seed: String(specSeed()), effort: 'quick', ...(json ? { json } : {}) });

describe('efcheck compressor <module>', () => {
  it('exits 0 on the README example and prints the worst ratio against the bound', async () => {
    expect(await run('examples/my-top-k.ts')).toBe(0);
    expect(out.join('\n')).toMatch(/^PASS my-top-k/);
    expect(out.join('\n')).toMatch(/tightness 1/);
  });

  it('exits 1 on the broken example, printing the counterexample and the replay command', async () => {
    expect(await run('examples/broken-rand-k.ts')).toBe(1);
    const text = out.join('\n');
    expect(text).toMatch(/^FAIL broken-rand-k: bias/);
    expect(text).toContain('counterexample (d=');
    expect(text).toContain(`replay: npm run efcheck -- compressor examples/broken-rand-k.ts --seed ${specSeed()} --effort quick`);
  });

  it('prints a JSON verdict with --json', async () => {
    expect(await run('examples/broken-rand-k.ts', true)).toBe(1);
    const v = JSON.parse(out.join('\n')) as { status: string; failure: { kind: string; x: number[] } };
    expect(v.status).toBe('fail');
    expect(v.failure.kind).toBe('bias');
  });

  it('checks a built-in spec from the registry', async () => {
    expect(await run('top-k:k=2')).toBe(0);
  });

  it('exits 2 with one line, instead of spinning, when no dimension up to --max-dim is supported', async () => {
    const code = await runCompressorCommand('top-k:k=2', { seed: String(specSeed()), effort: 'quick', maxDim: '1' });
    expect(code).toBe(2);
    expect(err).toEqual(['efcheck compressor: top-k:k=2: no supported dimension in [1, 1]']);
  });

  for (const maxDim of ['1e9', '65537', '0', '-3', '2.5', 'abc', '']) {
    it(`exits 2 with one line for --max-dim '${maxDim}' (an integer in [1, 65536] is required)`, async () => {
      const code = await runCompressorCommand('top-k:k=2', { seed: String(specSeed()), effort: 'quick', maxDim });
      expect(code).toBe(2);
      expect(err).toEqual([`efcheck compressor: --max-dim must be an integer in [1, 65536], got '${maxDim}'`]);
    });
  }

  it('accepts --max-dim 65536, the cap itself (the next error is about the target, not the flag)', async () => {
    const code = await runCompressorCommand('no-such-compressor:k=2', { seed: String(specSeed()), effort: 'quick', maxDim: '65536' });
    expect(code).toBe(2);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(/not a built-in compressor spec/);
  });

  it('honours a valid --max-dim: every dimension tried is at most the cap', async () => {
    const code = await runCompressorCommand('top-k:k=2', { seed: String(specSeed()), effort: 'quick', json: true, maxDim: '6' });
    expect(code).toBe(0);
    const v = JSON.parse(out.join('\n')) as { tried: { dimensions: number[] } };
    expect(Math.max(...v.tried.dimensions)).toBe(6);
    expect(Math.min(...v.tried.dimensions)).toBe(2);
  });

  for (const [target, reason] of [
    ['properties/check/fixtures/does-not-exist.ts', /no such file/],
    ['properties/check/fixtures/not-a-compressor.ts', /no compress\(x, random\) function/],
    ['properties/check/fixtures/bad-alpha.ts', /0 < alpha ≤ 1, got 2 at d=1/],
    ['properties/check/fixtures/throws-on-import.ts', /cannot be loaded: Error: cannot initialise/],
    ['no-such-compressor:k=2', /not a built-in compressor spec/],
    ['top-k:k=1,k=2', /top-k: parameter k given twice/],
  ] as const) {
    it(`exits 2 with a one-line reason for ${target}`, async () => {
      expect(await run(target)).toBe(2);
      expect(err).toHaveLength(1);
      expect(err[0]).toMatch(reason);
      expect(err[0]).not.toContain('\n');
    });
  }
});
