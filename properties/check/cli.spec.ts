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
    expect(text).toContain(
      `replay: npm run efcheck -- compressor examples/broken-rand-k.ts --seed ${specSeed()} --effort quick`,
    );
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
    const code = await runCompressorCommand('no-such-compressor:k=2', {
      seed: String(specSeed()),
      effort: 'quick',
      maxDim: '65536',
    });
    expect(code).toBe(2);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(/not a built-in compressor spec/);
  });

  it('honours a valid --max-dim: every dimension tried is at most the cap', async () => {
    const code = await runCompressorCommand('top-k:k=2', {
      seed: String(specSeed()),
      effort: 'quick',
      json: true,
      maxDim: '6',
    });
    expect(code).toBe(0);
    const v = JSON.parse(out.join('\n')) as { tried: { dimensions: number[] } };
    expect(Math.max(...v.tried.dimensions)).toBe(6);
    expect(Math.min(...v.tried.dimensions)).toBe(2);
  });

  it('ends a compress that never returns with FAIL (exit 1), the input that hung it, the seed and the replay command', async () => {
    const started = Date.now();
    const code = await runCompressorCommand('properties/check/fixtures/hangs-on-ties.ts', {
      seed: String(specSeed()),
      effort: 'quick',
      timeout: '200',
    });
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(code).toBe(1);
    const text = out.join('\n');
    expect(text).toMatch(
      /^FAIL hangs-on-ties: timeout — compress did not return within 200 ms at d=2 \(call \d+ of the run\)$/m,
    );
    expect(text).toContain('counterexample (d=2): x = [1, 1]');
    expect(text).toContain(`seed ${specSeed()},`);
    expect(text).toContain(
      `replay: npm run efcheck -- compressor properties/check/fixtures/hangs-on-ties.ts --seed ${specSeed()} --effort quick --timeout 200`,
    );
    expect(err).toEqual([]);
  });

  it('prints a hang as a JSON verdict with --json', async () => {
    const code = await runCompressorCommand('properties/check/fixtures/hangs-on-ties.ts', {
      seed: String(specSeed()),
      effort: 'quick',
      timeout: '100',
      json: true,
    });
    expect(code).toBe(1);
    const v = JSON.parse(out.join('\n')) as {
      status: string;
      seed: number;
      failure: { kind: string; d: number; x: number[] };
      tried: { dimensions: number[] };
    };
    expect(v).toMatchObject({ status: 'fail', seed: specSeed(), failure: { kind: 'timeout', d: 2, x: [1, 1] } });
    expect(v.tried.dimensions).toContain(2);
  });

  for (const [what, target] of [
    ['unbiased', 'properties/check/fixtures/qsgd-textbook.ts'],
    ['contractive', 'properties/check/fixtures/qsgd-textbook-contractive.ts'],
  ] as const) {
    it(`passes the textbook QSGD (${what}) with a note: its NaN comes only where ‖x‖² overflows or underflows to 0`, async () => {
      expect(await run(target)).toBe(0);
      const text = out.join('\n');
      expect(text).toMatch(/^PASS qsgd-textbook/);
      expect(text).toMatch(
        /\n {2}note: non-finite output only where ‖x‖² (overflows|underflows to 0|overflows or underflows to 0): judged on inputs with ‖x‖ in \[\S+, \S+\] \(\d+ inputs? set aside; --strict-range fails on them\)\n/,
      );
    });

    it(`fails the textbook QSGD (${what}) on finiteness with --strict-range, which the replay command keeps`, async () => {
      expect(await runCompressorCommand(target, { seed: String(specSeed()), effort: 'quick', strictRange: true })).toBe(
        1,
      );
      const text = out.join('\n');
      expect(text).toMatch(/^FAIL qsgd-textbook\S*: finiteness — compress returned NaN/);
      expect(text).toContain(`--seed ${specSeed()} --effort quick --strict-range`);
    });
  }

  for (const file of ['nan-outputs.ts', 'zero-entries.ts']) {
    it(`still fails properties/broken/${file} (non-finite or wrong output at ordinary magnitudes) under the range rule`, async () => {
      expect(await run(`properties/broken/${file}`)).toBe(1);
      expect(out.join('\n')).toMatch(/^FAIL /);
      expect(out.join('\n')).not.toContain('note:');
    });
  }

  for (const timeout of ['-1', '0', '1.5', 'abc', '', '12ms', '86400001']) {
    it(`exits 2 with one line for --timeout '${timeout}' (whole milliseconds in [1, 86400000])`, async () => {
      const code = await runCompressorCommand('examples/my-top-k.ts', {
        seed: String(specSeed()),
        effort: 'quick',
        timeout,
      });
      expect(code).toBe(2);
      expect(err).toEqual([
        `efcheck compressor: --timeout must be a whole number of milliseconds in [1, 86400000], got '${timeout}'`,
      ]);
    });
  }

  it('exits 2 with one line when the declared contract never returns at some d', async () => {
    const code = await runCompressorCommand('properties/check/fixtures/hangs-in-contract.ts', {
      seed: String(specSeed()),
      effort: 'quick',
      timeout: '200',
    });
    expect(code).toBe(2);
    expect(err).toEqual([
      'efcheck compressor: hangs-in-contract: the declared contract at d=3 did not return within 200 ms',
    ]);
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
