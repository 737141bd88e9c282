import { Command, CommanderError } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { registerMethodCommand, runMethodCommand, type MethodCommandOptions } from './method-command.ts';

// The command is driven through runMethodCommand and a program of its own: src/cli/main.ts also loads the theorem
// registry, which this command never needs.
afterEach(() => {
  vi.restoreAllMocks();
});

async function run(
  target: string,
  opts: Partial<MethodCommandOptions>,
): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  const code = await runMethodCommand(target, { effort: 'default', ...opts });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('efcheck method', () => {
  it('exits 0 for EF21 with the L̃ rule, printing the worst ratio and m*', async () => {
    const r = await run('examples/my-ef21.ts', { seed: '1' });
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^PASS my-ef21: no violation found \(class contractive, effort default\)/);
    expect(r.out).toMatch(/worst ratio 1 \+ \(lhs − rhs\)\/scale at γ = gamma: 0\.9\d+ at n = \d, d = \d/);
    expect(r.out).toMatch(/m\* ∈ \(1\.000, 1\.011\]/);
    expect(r.out).toContain('replay: npm run efcheck -- method examples/my-ef21.ts --seed 1');
  });

  it('exits 1 for the L_AM slip, printing the shrunk counterexample, both sides and the replay command', async () => {
    const r = await run('examples/my-ef21-am-slip.ts', { seed: '1' });
    expect(r.code).toBe(1);
    expect(r.out).toMatch(
      /^FAIL my-ef21-am-slip: E Φ\(step\(state\)\) exceeds Φ\(state\) − decrease by [\d.e-]+ \(ratio 1\.\d+\) at γ = gamma, n = 2, d = [12]/,
    );
    expect(r.out).toMatch(/lhs E Φ\(step\(state\)\) = [-\d.e]+, rhs Φ\(state\) − decrease = [-\d.e]+/);
    expect(r.out).toContain('counterexample (shrunk): {"n":2');
    expect(r.out).toContain('replay: npm run efcheck -- method examples/my-ef21-am-slip.ts --seed 1');
  });

  it('--json prints the verdict as one object', async () => {
    const r = await run('examples/my-ef21.ts', { seed: '2', effort: 'quick', json: true });
    expect(r.code).toBe(0);
    const v = JSON.parse(r.out) as {
      status: string;
      seed: number;
      worstRatio: number;
      criticalMultiplier: number | null;
    };
    expect(v).toMatchObject({ status: 'pass', seed: 2 });
    expect(v.worstRatio).toBeLessThanOrEqual(1 + 1e-9);
  });

  it('a defect found while searching exits 1 with the function and the input', async () => {
    const r = await run('src/method-check/fixtures/throws-on-three-nodes.ts', { seed: '1', effort: 'quick' });
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^FAIL throws-on-three-nodes: step threw Error: not implemented for three nodes\n/);
    expect(r.out).toContain('input: {"n":3');
  });

  it.each([
    [
      'examples/my-ef21.ts',
      { effort: 'huge' },
      /^efcheck method: --effort must be one of quick, default, deep, got 'huge'$/,
    ],
    [
      'examples/my-ef21.ts',
      { class: 'biased' },
      /^efcheck method: --class must be contractive or unbiased, got 'biased'$/,
    ],
    ['examples/my-ef21.ts', { seed: '-3' }, /^efcheck method: --seed must be a non-negative integer, got '-3'$/],
    ['examples/my-ef21.ts', { class: 'unbiased' }, /declares class contractive only$/],
    ['examples/no-such-method.ts', {}, /^efcheck method: examples\/no-such-method.ts: no such file$/],
    ['src/method-check/fixtures/missing-step.ts', {}, /has no step function/],
    ['src/method-check/fixtures/wrong-shape.ts', {}, /fails on a benign probe instance.*step returned g = undefined/],
    ['src/method-check/fixtures/throws-always.ts', {}, /parameters threw TypeError: c.lipschitz is undefined$/],
    ['src/method-check/fixtures/mutates-input.ts', {}, /step wrote into its input state's g\[0\]/],
  ] as const)('%s %j: one line and exit 2', async (target, opts, message) => {
    const r = await run(target, { seed: '1', ...opts });
    expect(r.code).toBe(2);
    expect(r.err.split('\n')).toHaveLength(1);
    expect(r.err).toMatch(message);
    expect(r.out).toBe('');
  });

  it('--help shows the examples', async () => {
    const program = new Command('efcheck').exitOverride();
    let help = '';
    const writeOut = (s: string): void => {
      help += s;
    };
    program.configureOutput({ writeOut });
    registerMethodCommand(program);
    for (const c of program.commands) c.exitOverride().configureOutput({ writeOut });
    await expect(program.parseAsync(['method', '--help'], { from: 'user' })).rejects.toBeInstanceOf(CommanderError);
    expect(help).toContain('Usage: efcheck method [options] <module>');
    expect(help).toContain('--class <class>');
    expect(help).toContain('npm run efcheck -- method examples/my-ef21.ts --seed 1');
    expect(help).toContain('npm run efcheck -- method examples/my-ef21-am-slip.ts --seed 1   # exit 1');
  });
});
