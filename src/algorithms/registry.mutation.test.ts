import { describe, expect, it } from 'vitest';
import { topK } from '../compressors/top-k.ts';
import { allFinite } from '../linalg/vector.ts';
import { exactOracle } from '../oracles/exact.ts';
import { diagonalQuadratic } from '../problems/diagonal-quadratic.ts';
import { key } from '../rng/key.ts';
import type { MethodParams } from './registry.ts';
import { ef21AmStepSize, ef21PpStepSize, ef21Sgd2mStepSize, ef21SgdmStepSize, ef21SgdStepSize, ef21StepSize } from './step-sizes.ts';

/**
 * The registry is imported inside each test, not at the top of the file: the method list is built when the module
 * loads, so a broken entry throws at import time, and a failed import (no test collected) is not a failing test to
 * a mutation runner; inside a test it is.
 */
const load = () => import('./registry.ts');

const CORE = ['gamma', 'compressor', 'randomness'];
/** What each entry declares, and the implementation its build returns (the name prefix). */
const DECLARED: Record<string, { hyperparameters: string[]; impl: string }> = {
  gd: { hyperparameters: ['gamma'], impl: 'gd' },
  sgd: { hyperparameters: ['gamma'], impl: 'gd' },
  'compressed-gd': { hyperparameters: CORE, impl: 'compressed-gd' },
  'compressed-sgd': { hyperparameters: CORE, impl: 'compressed-gd' },
  ef14: { hyperparameters: CORE, impl: 'ef14' },
  ef21: { hyperparameters: CORE, impl: 'ef21' },
  'ef21-sgd': { hyperparameters: CORE, impl: 'ef21' },
  'ef21-sgd-ideal': { hyperparameters: CORE, impl: 'ef21-sgd-ideal' },
  'ef21-sgdm-ideal': { hyperparameters: [...CORE, 'eta'], impl: 'ef21-sgdm-ideal' },
  'ef21-sgdm': { hyperparameters: [...CORE, 'eta', 'bInit'], impl: 'ef21-sgdm' },
  'ef21-sgd2m': { hyperparameters: [...CORE, 'eta', 'bInit'], impl: 'ef21-sgd2m' },
  'ef21-w': { hyperparameters: CORE, impl: 'ef21-w' },
  'ef21-pp': { hyperparameters: [...CORE, 'p'], impl: 'ef21-pp' },
  'ef21-bc': { hyperparameters: [...CORE, 'masterCompressor'], impl: 'ef21-bc' },
  'ef21-hb': { hyperparameters: [...CORE, 'eta'], impl: 'ef21-hb' },
};

// Heterogeneous: L_i = 3, 4, 6, so L̃ (QM) ≠ L_AM ≠ L and every step-size rule gives a different number.
const problem = diagonalQuadratic([[1, 2, 3], [4, 1, 2], [2, 6, 1]], [[1, 0, -1], [0, 1, 1], [1, 1, 0]]);
const d = 3;
const compressor = topK(d, 1); // α = 1/3
const alpha = 1 / 3;
const eta = 0.3;
const p = 0.6;

/** Every registry id with a theory step: the step-sizes.ts function it must use and the docs/theory.md section it cites. */
const THEORY: Record<string, { gamma: number; section: string }> = {
  gd: { gamma: 1 / problem.L, section: '§0.3' },
  sgd: { gamma: 1 / problem.L, section: '§0.3' },
  ef14: { gamma: ef21StepSize(problem, alpha), section: '§3.9' },
  ef21: { gamma: ef21StepSize(problem, alpha), section: '§3.2' },
  'ef21-sgd': { gamma: ef21SgdStepSize(problem, alpha), section: '§3.4' },
  'ef21-sgdm': { gamma: ef21SgdmStepSize(problem, alpha, eta), section: '§5.3' },
  'ef21-sgd2m': { gamma: ef21Sgd2mStepSize(problem, alpha, eta), section: '§5.4' },
  'ef21-w': { gamma: ef21AmStepSize(problem, alpha), section: '§4.2' },
  'ef21-pp': { gamma: ef21PpStepSize(problem, alpha, p), section: '§3.5' },
};

function validParams(hyperparameters: readonly string[]): MethodParams {
  const h = new Set(hyperparameters);
  return {
    gamma: 0.05,
    x0: [1, -1, 0.5],
    ...(h.has('compressor') ? { compressor } : {}),
    ...(h.has('masterCompressor') ? { masterCompressor: topK(d, 2) } : {}),
    ...(h.has('eta') ? { eta } : {}),
    ...(h.has('p') ? { p } : {}),
  };
}

describe('method registry entries (mutation tests of registry.ts)', () => {
  it('lists exactly the known ids, each declaring its own hyperparameters', async () => {
    const { methods } = await load();
    expect(methods.map((m) => m.id)).toEqual(Object.keys(DECLARED));
    for (const m of methods) expect([...m.hyperparameters], m.id).toEqual(DECLARED[m.id].hyperparameters);
  });

  it('every id builds its own implementation, and one init + one step on a small problem gives a finite, moved x', async () => {
    const { buildMethod } = await load();
    const oracle = exactOracle(problem);
    for (const [id, { hyperparameters, impl }] of Object.entries(DECLARED)) {
      const alg = buildMethod(id, validParams(hyperparameters));
      expect(alg.name.startsWith(`${impl}(γ=0.05`), `${id}: ${alg.name}`).toBe(true);
      const s0 = alg.init(oracle, key(1));
      const s1 = alg.step(s0, oracle, key(2));
      expect(s1.t, id).toBe(1);
      expect(allFinite(s1.x), id).toBe(true);
      expect([...s1.x], id).not.toEqual([1, -1, 0.5]);
    }
  });

  it('theory step sizes equal the matching step-sizes.ts rule on a heterogeneous problem, and cite docs/theory.md', async () => {
    const { methodEntry } = await load();
    // The rules differ on this problem, so a wrong rule cannot pass (ef14 reuses EF21's rule by design).
    const values = new Set(Object.entries(THEORY).filter(([id]) => id !== 'sgd' && id !== 'ef14').map(([, t]) => t.gamma));
    expect(values.size).toBe(7);
    for (const [id, { gamma, section }] of Object.entries(THEORY)) {
      const t = methodEntry(id).theoryStepSize(problem, validParams(DECLARED[id].hyperparameters));
      expect(t.gamma, id).toBe(gamma);
      expect(t.source, id).toContain(`(docs/theory.md ${section}, `);
    }
  });

  it('ef21-sgd uses the EF21-SGD rule 1/(L + √10·L̃/α), not the EF21 step', async () => {
    const { methodEntry } = await load();
    const t = methodEntry('ef21-sgd').theoryStepSize(problem, { compressor });
    expect(t.gamma).toBe(ef21SgdStepSize(problem, alpha));
    expect(t.gamma).not.toBe(ef21StepSize(problem, alpha));
    expect(t.source).toMatch(/derived form/);
  });

  it('methods without a theory step size say so with a one-line RangeError', async () => {
    const { methodEntry } = await load();
    for (const id of Object.keys(DECLARED).filter((i) => !(i in THEORY))) {
      expect(() => methodEntry(id).theoryStepSize(problem, validParams(DECLARED[id].hyperparameters)), id).toThrow(RangeError);
      expect(() => methodEntry(id).theoryStepSize(problem, validParams(DECLARED[id].hyperparameters)), id).toThrow(/docs\/theory\.md gives no step size/);
    }
  });

  it('a foreign hyperparameter is rejected by name; one explicitly undefined, or a declared one, is accepted', async () => {
    const { buildMethod } = await load();
    expect(() => buildMethod('gd', { gamma: 0.1, eta: 0.5 })).toThrow(/^gd: does not take eta \(takes gamma\)$/);
    expect(() => buildMethod('ef21', { gamma: 0.1, compressor, p: 0.5 })).toThrow(/ef21: does not take p/);
    // exactOptionalPropertyTypes forbids writing `eta: undefined`, but JavaScript callers (the CLI's option objects) do.
    const loose = { gamma: 0.1, compressor: undefined, eta: undefined } as unknown as MethodParams;
    expect(buildMethod('gd', loose).name).toBe('gd(γ=0.1)');
    expect(buildMethod('ef21-hb', { gamma: 0.1, compressor, eta: 0.5, randomness: 'shared' }).name).toContain('ef21-hb(');
  });

  it('summaries are distinct, so reports can tell the aliases apart', async () => {
    const { methods } = await load();
    expect(new Set(methods.map((m) => m.summary)).size).toBe(methods.length);
  });
});
