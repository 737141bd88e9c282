#!/usr/bin/env node
/**
 * efcheck's command-line entry: the composition root. Each subcommand lives in its own file and registers itself
 * here; exit codes are 0 (no violation), 1 (a contract or claim is violated), 2 (bad input or usage).
 */
import { Command, CommanderError } from 'commander';
import { readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { registerCompressorCommand } from './compressor-command.ts';
import { registerMergeCommand } from './merge-command.ts';
import { registerMethodCommand } from './method-command.ts';
import { registerReportCommand } from './report-command.ts';
import { registerRunCommand } from './run-command.ts';
import { registerWorstCaseCommand } from './worst-case-command.ts';
import { PACKAGE_ROOT } from '../report/package-root.ts';

/** Every subcommand: (program) → void, adding itself to the program. */
type Register = (program: Command) => void;
const commands: Register[] = [
  registerCompressorCommand,
  registerRunCommand,
  registerReportCommand,
  registerMergeCommand,
  registerWorstCaseCommand,
  registerMethodCommand,
];

/** The package's version, read from its own package.json (one source of truth for `--version` and the stamps). */
function packageVersion(): string {
  const text = readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8');
  return (JSON.parse(text) as { version: string }).version;
}

export function buildProgram(): Command {
  const program = new Command('efcheck')
    .description('Executable theory of compression and error feedback in distributed optimization')
    .version(packageVersion(), '-V, --version', 'print the version')
    .exitOverride()
    .showHelpAfterError();
  for (const register of commands) register(program);
  return program;
}

export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv as string[], { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    console.error(`efcheck: ${e instanceof Error ? e.message : String(e)}`);
    return 2;
  }
}

/**
 * Relative paths are the user's: `npm run efcheck -- compressor ./mine.ts` runs with the package root as the working
 * directory, and npm records where the user was in INIT_CWD. Outputs the package owns (reports/) are absolute.
 */
export function userDirectory(env: NodeJS.ProcessEnv = process.env): string {
  return env.INIT_CWD !== undefined && env.INIT_CWD !== '' ? env.INIT_CWD : process.cwd();
}

const invoked = process.argv[1];
if (invoked !== undefined && realpathSync(invoked) === realpathSync(fileURLToPath(import.meta.url))) {
  process.chdir(userDirectory());
  process.exitCode = await main(process.argv.slice(2));
}
