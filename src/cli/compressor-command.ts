/**
 * `efcheck compressor <module> [--seed N] [--json] [--effort quick|default|thorough] [--max-dim d] [--timeout ms]
 * [--strict-range]`: checks a user's compressor module (or a built-in spec such as 'top-k:k=2') against its
 * declared contract. A module runs in a worker thread under a per-call time limit (src/check/check-module.ts), so a
 * compress that never returns is a failure, not a hang; built-in specs run in this thread (trusted code, and a
 * worker's start-up would triple the time of the quickest checks).
 * Exit codes: 0 no violation found at the stated confidence; 1 violated (contract, purity, reproducibility, shape,
 * a call past the time limit), counterexample printed; 2 the module cannot be loaded or lacks the required shape,
 * or a flag is malformed.
 */
import { randomInt } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { specFamily } from '../check/catalogue.ts';
import { DEFAULT_CALL_TIMEOUT_MS } from '../check/call-time-limit.ts';
import { checkFamily } from '../check/check-family.ts';
import { checkModule } from '../check/check-module.ts';
import { isEffort } from '../check/effort.ts';
import { formatVerdict } from '../check/format-verdict.ts';
import {
  ContractDeclarationError,
  type Budget,
  type CompressorFamily,
  type CompressorVerdict,
  type Effort,
} from '../check/types.ts';
import { ModuleShapeError } from '../check/user-module.ts';

interface CompressorCommandOptions {
  readonly seed?: string;
  readonly json?: boolean;
  readonly effort: string;
  readonly maxDim?: string;
  readonly timeout?: string;
  readonly strictRange?: boolean;
}

const MODULE_EXTENSIONS = /\.(ts|mts|cts|js|mjs|cjs)$/;

class UsageError extends Error {}

interface RunSettings {
  readonly seed: number;
  readonly effort: Effort;
  readonly budget?: Partial<Budget>;
  readonly strictRange: boolean;
  readonly timeoutMs?: number;
}

/** A module path (checked in a worker, under the time limit), or else a built-in compressor spec from the registry. */
async function check(target: string, o: RunSettings): Promise<CompressorVerdict> {
  if (existsSync(target) || MODULE_EXTENSIONS.test(target)) return checkModule(target, o);
  let family: CompressorFamily;
  try {
    family = specFamily(target);
  } catch (e) {
    throw new ModuleShapeError(`${target}: no such file, and not a built-in compressor spec (${(e as Error).message})`);
  }
  const { timeoutMs: _inThisThread, ...options } = o;
  return checkFamily({ ...family, replayTarget: target }, options);
}

function parseNonNegativeInteger(name: string, text: string): number {
  const v = Number(text);
  if (!(text.trim() !== '' && Number.isSafeInteger(v) && v >= 0))
    throw new UsageError(`--${name} must be a non-negative integer, got '${text}'`);
  return v;
}

/** Largest --max-dim: beyond 2^16 one check runs for minutes (each input is a dense d-vector, sampled many times). */
export const MAX_DIM_LIMIT = 2 ** 16;

function parseMaxDim(text: string): number {
  const v = Number(text);
  if (!(text.trim() !== '' && Number.isSafeInteger(v) && v >= 1 && v <= MAX_DIM_LIMIT)) {
    throw new UsageError(`--max-dim must be an integer in [1, ${MAX_DIM_LIMIT}], got '${text}'`);
  }
  return v;
}

/** Longest --timeout: one day, far beyond any call worth waiting for, and well inside setInterval's range. */
export const MAX_TIMEOUT_MS = 86_400_000;

function parseTimeout(text: string): number {
  const v = Number(text);
  if (!(text.trim() !== '' && Number.isSafeInteger(v) && v >= 1 && v <= MAX_TIMEOUT_MS)) {
    throw new UsageError(`--timeout must be a whole number of milliseconds in [1, ${MAX_TIMEOUT_MS}], got '${text}'`);
  }
  return v;
}

export async function runCompressorCommand(target: string, opts: CompressorCommandOptions): Promise<number> {
  const report = (message: string): number => {
    console.error(`efcheck compressor: ${message}`);
    if (opts.json === true) console.log(JSON.stringify({ status: 'error', target, error: message }));
    return 2;
  };
  try {
    if (!isEffort(opts.effort))
      throw new UsageError(`--effort must be quick, default or thorough, got '${opts.effort}'`);
    const effort: Effort = opts.effort;
    const seed = opts.seed === undefined ? randomInt(0x80000000) : parseNonNegativeInteger('seed', opts.seed);
    const maxDim = opts.maxDim === undefined ? undefined : parseMaxDim(opts.maxDim);
    const timeoutMs = opts.timeout === undefined ? undefined : parseTimeout(opts.timeout);
    const verdict = await check(target, {
      seed,
      effort,
      strictRange: opts.strictRange === true,
      ...(maxDim === undefined ? {} : { budget: { maxDim } }),
      ...(timeoutMs === undefined ? {} : { timeoutMs }),
    });
    console.log(opts.json === true ? JSON.stringify(verdict, null, 2) : formatVerdict(verdict));
    return verdict.status === 'pass' ? 0 : 1;
  } catch (e) {
    if (
      e instanceof ModuleShapeError ||
      e instanceof ContractDeclarationError ||
      e instanceof UsageError ||
      e instanceof RangeError
    ) {
      return report(e.message);
    }
    throw e;
  }
}

/** Adds the `compressor` subcommand; the exit code goes to process.exitCode (never process.exit). */
export function registerCompressorCommand(program: Command): void {
  program
    .command('compressor')
    .description('check a compressor against its declared contract (exit 0 pass, 1 violated, 2 cannot load)')
    .argument(
      '<module>',
      ".ts/.js module default-exporting { name, contract, compress }, or a built-in spec such as 'top-k:k=2'",
    )
    .option('--seed <n>', 'seed of the whole run (printed; replays it exactly); default: fresh')
    .option('--json', 'print the verdict as JSON')
    .option('--effort <level>', 'quick | default | thorough', 'default')
    .option('--max-dim <d>', `largest dimension to try, 1…${MAX_DIM_LIMIT} (default 1000; thorough 2048)`)
    .option(
      '--timeout <ms>',
      `longest one call of a module's compress may run at d ≤ 1000, scaled with d above (default ${DEFAULT_CALL_TIMEOUT_MS}); past it: FAIL`,
    )
    .option('--strict-range', 'fail on any non-finite output, even where ‖x‖² itself overflows or underflows to 0')
    .addHelpText(
      'after',
      [
        '\nExamples:',
        '  npm run efcheck -- compressor examples/my-top-k.ts --seed 1',
        "  npm run efcheck -- compressor 'rand-k:k=2,scaled' --effort quick",
        '  npm run efcheck -- compressor examples/broken-rand-k.ts --seed 1 --json   # exit 1: a counterexample',
      ].join('\n'),
    )
    .action(async (target: string, opts: CompressorCommandOptions) => {
      process.exitCode = await runCompressorCommand(target, opts);
    });
}
