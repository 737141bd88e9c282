import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { maskTimes, outputBlocks, README, regenerate } from './readme-examples.ts';

const text = readFileSync(README, 'utf8');

describe('README output blocks', () => {
  it('are found with their arguments and prompts', () => {
    const blocks = outputBlocks(text);
    expect(blocks.map((b) => b.args[0])).toEqual([
      'compressor',
      'compressor',
      'compressor',
      'method',
      'method',
      'worst-case',
    ]);
    expect(blocks[1].prompt).toBe('$ npm run efcheck -- compressor examples/broken-rand-k.ts --seed 1\n');
  });

  it('mask wall-clock times only', () => {
    expect(maskTimes('seed 1, 1.4 s · replay: … 28555 evaluations, 0.75 s')).toBe(
      'seed 1, <t> s · replay: … 28555 evaluations, <t> s',
    );
  });

  // Runs every documented command (about half a minute): behind EFCHECK_README=1, as `npm run test:deep` sets it.
  it.runIf(process.env.EFCHECK_README === '1')('show what a fresh run prints', async () => {
    const { stale } = await regenerate(text);
    expect(stale, 'run npm run readme:examples').toEqual([]);
  });
});
