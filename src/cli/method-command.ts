/**
 * `efcheck method <module> [--class contractive|unbiased] [--effort quick|default|deep] [--seed N] [--json]`:
 * checks a researcher's own error-feedback method (src/method-check/user-method.ts) — does its Lyapunov function
 * decrease by the claimed amount in one step, from any state, at its own step size, against the adversarial
 * compressor of its class? Exit codes: 0 no violation found (the worst ratio and m* printed), 1 a violation or a
 * defect of the module's code (the shrunk instance, both sides, the replay command), 2 the module cannot be loaded
 * or lacks the shape, or bad flags (one line saying why).
 */
import { randomInt } from 'node:crypto';
import type { Command } from 'commander';
import { ModuleShapeError } from '../check/user-module.ts';
import { checkMethod } from '../method-check/check-method.ts';
import { formatMethodVerdict } from '../method-check/format-method-verdict.ts';
import { isMethodEffort, METHOD_EFFORTS } from '../method-check/method-effort.ts';
import type { CompressorClass } from '../method-check/user-method.ts';

export interface MethodCommandOptions {
  readonly class?: string;
  readonly effort: string;
  readonly seed?: string;
  readonly json?: boolean;
}

class UsageError extends Error {}

export async function runMethodCommand(target: string, opts: MethodCommandOptions): Promise<number> {
  try {
    if (!isMethodEffort(opts.effort))
      throw new UsageError(`--effort must be one of ${METHOD_EFFORTS.join(', ')}, got '${opts.effort}'`);
    if (opts.class !== undefined && opts.class !== 'contractive' && opts.class !== 'unbiased')
      throw new UsageError(`--class must be contractive or unbiased, got '${opts.class}'`);
    const seed = opts.seed === undefined ? randomInt(0x80000000) : Number(opts.seed);
    if (opts.seed !== undefined && !(opts.seed.trim() !== '' && Number.isSafeInteger(seed) && seed >= 0))
      throw new UsageError(`--seed must be a non-negative integer, got '${opts.seed}'`);
    const verdict = await checkMethod(target, {
      seed,
      effort: opts.effort,
      ...(opts.class === undefined ? {} : { class: opts.class as CompressorClass }),
    });
    console.log(opts.json === true ? JSON.stringify(verdict, null, 2) : formatMethodVerdict(verdict));
    return verdict.status === 'pass' ? 0 : 1;
  } catch (e) {
    if (e instanceof ModuleShapeError || e instanceof UsageError || e instanceof RangeError) {
      const line = e.message.split('\n')[0];
      console.error(`efcheck method: ${line}`);
      if (opts.json === true) console.log(JSON.stringify({ status: 'error', target, error: line }));
      return 2;
    }
    throw e;
  }
}

export function registerMethodCommand(program: Command): void {
  program
    .command('method')
    .description(
      'check your own error-feedback method: its Lyapunov function must decrease at its step size, against the adversary (exit 0 holds, 1 violated, 2 cannot load)',
    )
    .argument(
      '<module>',
      '.ts/.js module default-exporting { name, class, state, parameters, step, lyapunov, decrease } (see README, "Check your own method")',
    )
    .option(
      '--class <class>',
      'compressor class to check against: contractive | unbiased (default: the first the module declares)',
    )
    .option('--effort <level>', `search size: ${METHOD_EFFORTS.join(' | ')}`, 'default')
    .option('--seed <n>', 'seed of the search (printed; replays it exactly); default: fresh')
    .option('--json', 'print the verdict as one JSON object')
    .addHelpText(
      'after',
      '\nExamples:\n  npm run efcheck -- method examples/my-ef21.ts --seed 1\n  npm run efcheck -- method examples/my-ef21-am-slip.ts --seed 1   # exit 1: a counterexample\n  npm run efcheck -- method examples/my-ef21-sgdm.ts --effort quick --json',
    )
    .action(async (target: string, opts: MethodCommandOptions) => {
      process.exitCode = await runMethodCommand(target, opts);
    });
}
