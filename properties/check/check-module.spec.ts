import { describe, expect, it } from 'vitest';
import { callTimeLimit, DEFAULT_CALL_TIMEOUT_MS } from '../../src/check/call-time-limit.ts';
import { checkFamily } from '../../src/check/check-family.ts';
import { checkModule } from '../../src/check/check-module.ts';
import { replayCommand } from '../../src/check/replay-command.ts';
import { ContractDeclarationError } from '../../src/check/types.ts';
import { loadUserModule, ModuleShapeError } from '../../src/check/user-module.ts';
import { specSeed } from './spec-seed.ts';

describe('checkModule: a compressor module checked in a worker under a per-call time limit', () => {
  it('gives the verdict the engine gives in this thread, bit for bit (the worker changes where, not what)', async () => {
    for (const path of ['examples/broken-rand-k.ts', 'examples/my-top-k.ts']) {
      const inWorker = await checkModule(path, { seed: specSeed(), effort: 'quick' });
      const here = checkFamily(await loadUserModule(path), { seed: specSeed(), effort: 'quick' });
      expect({ ...inWorker, elapsedMs: 0 }).toEqual({ ...here, elapsedMs: 0 });
    }
  });

  it('ends a hang with a timeout failure at the input it hung on, and names the time limit in the replay', async () => {
    const v = await checkModule('properties/check/fixtures/hangs-on-ties.ts', {
      seed: specSeed(),
      effort: 'quick',
      timeoutMs: 100,
    });
    expect(v.status).toBe('fail');
    expect(v.failure).toMatchObject({ kind: 'timeout', d: 2, x: [1, 1] });
    expect(v.contract).toBe('contractive, alpha = 1 at d=1; alpha = 0.5 at d=2');
    expect(v.tried.samples).toBeGreaterThan(1);
    expect(v.replay).toBe(
      `npm run efcheck -- compressor properties/check/fixtures/hangs-on-ties.ts --seed ${specSeed()} --effort quick --timeout 100`,
    );
  });

  it('rejects as checkFamily would: a module that cannot load, a contract that hangs, a bad limit', async () => {
    await expect(
      checkModule('properties/check/fixtures/throws-on-import.ts', { seed: 1, effort: 'quick' }),
    ).rejects.toBeInstanceOf(ModuleShapeError);
    await expect(
      checkModule('properties/check/fixtures/hangs-in-contract.ts', { seed: 1, effort: 'quick', timeoutMs: 100 }),
    ).rejects.toBeInstanceOf(ContractDeclarationError);
    await expect(checkModule('examples/my-top-k.ts', { timeoutMs: 0 })).rejects.toBeInstanceOf(RangeError);
    await expect(checkModule('examples/my-top-k.ts', { seed: 1, budget: { maxDim: 0 } })).rejects.toThrow(
      /no dimension in \[1, 0\]/,
    );
  });

  it('gives one call the limit up to d = 1000 and a limit in proportion to d above', () => {
    expect(DEFAULT_CALL_TIMEOUT_MS).toBe(2000);
    expect(callTimeLimit(2000, 1)).toBe(2000);
    expect(callTimeLimit(2000, 1000)).toBe(2000);
    expect(callTimeLimit(2000, 4096)).toBe(8192);
    expect(callTimeLimit(200, 65536)).toBeCloseTo(13107.2, 9);
  });

  it('spells the replay command with every flag that changes the run', () => {
    expect(replayCommand('mine.ts', { seed: 7, effort: 'default' })).toBe(
      'npm run efcheck -- compressor mine.ts --seed 7',
    );
    expect(
      replayCommand('my module.ts', { seed: 7, effort: 'thorough', maxDim: 64, strictRange: true, timeoutMs: 500 }),
    ).toBe(
      'npm run efcheck -- compressor "my module.ts" --seed 7 --effort thorough --max-dim 64 --strict-range --timeout 500',
    );
  });
});
