/**
 * README examples are generated, not pasted. An output block in README.md is a fenced block directly preceded by
 *
 *   <!-- output: compressor examples/my-top-k.ts --seed 1 -->
 *
 * holding what `efcheck <those arguments>` prints, run in-process from the repository root (its first line may
 * be the `$ npm run efcheck -- …` prompt, which is kept). Wall-clock times are the only part that may differ
 * between runs; they are masked when comparing.
 *
 *   npm run readme:examples             rewrite every output block from a fresh run
 *   npm run readme:examples -- --check  exit 1, naming the block, when a block differs from a fresh run
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';
import { main } from '../src/cli/main.ts';

export const README = join(dirname(dirname(fileURLToPath(import.meta.url))), 'README.md');

export interface OutputBlock {
  /** The arguments after `efcheck`, split on spaces (quotes are not interpreted). */
  readonly args: readonly string[];
  /** The prompt line kept above the output, if the block has one. */
  readonly prompt: string | undefined;
  readonly output: string;
  /** Character offsets of the block's body (between the fences). */
  readonly bodyStart: number;
  readonly bodyEnd: number;
}

const MARKER = /<!-- output: (.+?) -->\n```\n/g;

/** Every output block of a README text, in order. */
export function outputBlocks(text: string): OutputBlock[] {
  const blocks: OutputBlock[] = [];
  for (const m of text.matchAll(MARKER)) {
    const bodyStart = (m.index ?? 0) + m[0].length;
    const bodyEnd = text.indexOf('```\n', bodyStart);
    if (bodyEnd < 0) throw new RangeError(`README: the output block of '${m[1]}' is not closed`);
    const body = text.slice(bodyStart, bodyEnd);
    const prompt = body.startsWith('$ ') ? body.slice(0, body.indexOf('\n') + 1) : undefined;
    blocks.push({
      args: m[1].trim().split(/\s+/),
      prompt,
      output: body.slice(prompt?.length ?? 0),
      bodyStart,
      bodyEnd,
    });
  }
  return blocks;
}

/** What `efcheck …args` prints (stdout and stderr, in order) and its exit code, run in this process. */
export async function runExample(args: readonly string[]): Promise<{ output: string; code: number }> {
  const chunks: string[] = [];
  const capture = (chunk: string | Uint8Array): boolean => {
    chunks.push(String(chunk));
    return true;
  };
  // The console too: a test runner replaces console.log with its own, which never reaches process.stdout.
  const line = (...parts: unknown[]): void => {
    chunks.push(`${format(...parts)}\n`);
  };
  const saved = {
    out: process.stdout.write,
    err: process.stderr.write,
    log: console.log,
    error: console.error,
    warn: console.warn,
  };
  process.stdout.write = capture as typeof process.stdout.write;
  process.stderr.write = capture as typeof process.stderr.write;
  console.log = line;
  console.error = line;
  console.warn = line;
  try {
    const code = await main(args);
    return { output: chunks.join(''), code };
  } finally {
    process.stdout.write = saved.out;
    process.stderr.write = saved.err;
    console.log = saved.log;
    console.error = saved.error;
    console.warn = saved.warn;
  }
}

/** Masks wall-clock times ("1.4 s", "0.0 s"), the one part of an output that differs between identical runs. */
export function maskTimes(text: string): string {
  return text.replace(/\b\d+(\.\d+)? s\b/g, '<t> s');
}

/** The README text with every output block replaced by a fresh run; `stale` names the blocks that changed. */
export async function regenerate(text: string): Promise<{ text: string; stale: string[] }> {
  let result = '';
  let at = 0;
  const stale: string[] = [];
  for (const block of outputBlocks(text)) {
    const { output } = await runExample(block.args);
    const fresh = output.endsWith('\n') ? output : `${output}\n`;
    if (maskTimes(fresh) !== maskTimes(block.output)) stale.push(block.args.join(' '));
    result += text.slice(at, block.bodyStart) + (block.prompt ?? '') + fresh;
    at = block.bodyEnd;
  }
  return { text: result + text.slice(at), stale };
}

async function cli(argv: readonly string[]): Promise<number> {
  const check = argv.includes('--check');
  process.chdir(dirname(README));
  delete process.env.INIT_CWD; // main() resolves paths against it; the examples are relative to the repository
  const { text, stale } = await regenerate(readFileSync(README, 'utf8'));
  if (check) {
    for (const s of stale)
      console.error(`README.md: the output of 'efcheck ${s}' differs from a fresh run; run npm run readme:examples`);
    return stale.length === 0 ? 0 : 1;
  }
  writeFileSync(README, text);
  console.log(`README.md: ${outputBlocks(text).length} output blocks regenerated (${stale.length} changed)`);
  return 0;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  cli(process.argv.slice(2)).then((code) => process.exit(code));
}
