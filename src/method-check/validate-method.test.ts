import { describe, expect, it } from 'vitest';
import { ModuleShapeError } from '../check/user-module.ts';
import { ef21 } from './fixtures/base.ts';
import { loadUserMethod, validateMethod } from './validate-method.ts';

describe('validateMethod', () => {
  it('normalises a well-formed module', () => {
    const v = validateMethod(
      { ...ef21, class: ['unbiased', 'contractive'], hyperparameters: { eta: [0.1, 1] }, stochastic: true },
      'm.ts',
    );
    expect(v.name).toBe('fixture-ef21');
    expect(v.classes).toEqual(['unbiased', 'contractive']);
    expect(v.master).toEqual(['x']);
    expect(v.perNode).toEqual(['g']);
    expect(v.hyperparameters).toEqual([{ name: 'eta', lo: 0.1, hi: 1 }]);
    expect(v.stochastic).toBe(true);
  });

  const bad: [string, unknown, RegExp][] = [
    ['not an object', 42, /the default export must be an object/],
    ['no step', { ...ef21, step: undefined }, /has no step function/],
    ['no lyapunov', { ...ef21, lyapunov: 'phi' }, /has no lyapunov function \(got string\)/],
    ['no class', { ...ef21, class: undefined }, /class must be 'contractive' or 'unbiased'/],
    ['an unknown class', { ...ef21, class: 'biased' }, /class must be 'contractive' or 'unbiased'.*"biased"/],
    ['no state', { ...ef21, state: undefined }, /state must be \{ master/],
    ['an empty state', { ...ef21, state: { master: [], perNode: [] } }, /state declares no vectors/],
    ['a name twice', { ...ef21, state: { master: ['x'], perNode: ['x'] } }, /'x' is declared twice/],
    ['a non-identifier name', { ...ef21, state: { master: ['x y'], perNode: [] } }, /identifier names/],
    ['a hyperparameter shadowing a constant', { ...ef21, hyperparameters: { alpha: [0, 1] } }, /shadows a constant/],
    ['a reversed range', { ...ef21, hyperparameters: { eta: [1, 0.1] } }, /eta must be a finite range/],
    ['a non-boolean stochastic', { ...ef21, stochastic: 'yes' }, /stochastic must be true or false/],
    ['noise that is not a function', { ...ef21, noise: 3 }, /noise must be a function/],
  ];
  it.each(bad)('%s is a one-line ModuleShapeError', (_, value, message) => {
    let caught: unknown;
    try {
      validateMethod(value, 'm.ts');
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ModuleShapeError);
    expect((caught as Error).message).toMatch(message);
    expect((caught as Error).message).not.toContain('\n');
  });

  it('a missing file and a module without a default export are ModuleShapeErrors', async () => {
    await expect(loadUserMethod('src/method-check/fixtures/no-such-file.ts')).rejects.toThrow(/no such file/);
    await expect(loadUserMethod('src/method-check/fixtures/missing-step.ts')).rejects.toThrow(/has no step function/);
  });
});
