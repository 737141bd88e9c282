import { describe, expect, it } from 'vitest';
import { identity } from '../compressors/identity.ts';
import { topK } from '../compressors/top-k.ts';
import { randK } from '../compressors/rand-k.ts';
import { exactOracle } from '../oracles/exact.ts';
import { beznosikovInstance } from '../problems/beznosikov.ts';
import { diagonalQuadratic } from '../problems/diagonal-quadratic.ts';
import { key } from '../rng/key.ts';
import { buildMethod, methodEntry, methods, type MethodParams } from './registry.ts';

const d = 3;
/** Every hyperparameter an entry declares, at a valid value. */
function validParams(id: string, over: Partial<MethodParams> = {}): MethodParams {
  const h = new Set<string>(methodEntry(id).hyperparameters);
  return {
    gamma: 0.1,
    ...(h.has('compressor') ? { compressor: topK(d, 1) } : {}),
    ...(h.has('masterCompressor') ? { masterCompressor: topK(d, 2) } : {}),
    ...(h.has('eta') ? { eta: 0.5 } : {}),
    ...(h.has('p') ? { p: 0.5 } : {}),
    ...over,
  };
}
const oneLine = (f: () => unknown, pattern: RegExp) => {
  expect(f).toThrow(RangeError);
  expect(f).toThrow(pattern);
  try {
    f();
  } catch (e) {
    expect((e as Error).message).not.toContain('\n');
  }
};

describe('method registry and bad input', () => {
  it('an unknown id is a RangeError listing the known ids', () => {
    oneLine(() => buildMethod('ef22', { gamma: 0.1 }), /unknown method 'ef22'; known: gd, sgd, .*ef21-hb/);
  });

  it('every entry has a summary and declares gamma; each builds with valid parameters and initialises', () => {
    const oracle = exactOracle(diagonalQuadratic([[1, 2, 3], [2, 2, 2]]));
    for (const m of methods) {
      expect(m.summary.length).toBeGreaterThan(10);
      expect(m.hyperparameters).toContain('gamma');
      const s = m.build(validParams(m.id)).init(oracle, key(0));
      expect(s.t).toBe(0);
    }
  });

  it('γ ≤ 0 (or not finite) is refused by every method', () => {
    for (const m of methods) for (const gamma of [0, -1, NaN, Infinity]) oneLine(() => m.build(validParams(m.id, { gamma })), /γ > 0/);
  });

  it('η ∉ (0, 1] is refused by the momentum methods; EF21-HB needs η ∈ [0, 1)', () => {
    for (const id of ['ef21-sgdm', 'ef21-sgd2m', 'ef21-sgdm-ideal']) for (const eta of [0, -0.1, 1.01, NaN]) oneLine(() => buildMethod(id, validParams(id, { eta })), /η ∈ \(0, 1\]/);
    oneLine(() => buildMethod('ef21-hb', validParams('ef21-hb', { eta: 1 })), /η ∈ \[0, 1\)/);
    oneLine(() => buildMethod('ef21-sgdm', validParams('ef21-sgdm', { bInit: 0 })), /bInit ≥ 1/);
  });

  it('p ∉ (0, 1] is refused by EF21-PP', () => {
    for (const p of [0, -0.5, 1.5, NaN]) oneLine(() => buildMethod('ef21-pp', validParams('ef21-pp', { p })), /p ∈ \(0, 1\]/);
  });

  it('missing or foreign hyperparameters are named', () => {
    oneLine(() => buildMethod('ef21', { gamma: 0.1 }), /ef21: missing hyperparameter compressor/);
    oneLine(() => buildMethod('ef21-bc', { gamma: 0.1, compressor: topK(3, 1) }), /missing hyperparameter masterCompressor/);
    oneLine(() => buildMethod('ef21', { gamma: 0.1, compressor: topK(3, 1), eta: 0.1 }), /ef21: does not take eta/);
  });

  it('an x0 of the wrong length or a compressor of the wrong dimension is refused at init, by every method', () => {
    const oracle = exactOracle(diagonalQuadratic([[1, 2, 3]]));
    for (const m of methods) {
      oneLine(() => m.build(validParams(m.id, { x0: [1, 2] })).init(oracle, key(0)), /x0 has length 2, problem has d=3/);
      if (m.hyperparameters.includes('compressor')) {
        oneLine(() => m.build(validParams(m.id, { compressor: topK(4, 1) })).init(oracle, key(0)), /has dim 4, problem has d=3/);
      }
    }
    oneLine(() => buildMethod('ef21-w', validParams('ef21-w')).init(exactOracle(diagonalQuadratic([[1, 1, 1], [0, 0, 0]])), key(0)), /every L_i > 0/);
  });

  it('theory step sizes: EF21 on the Beznosikov instance is 1/(L + L̃ξ(1/3)); methods without a rule say so', () => {
    const p = beznosikovInstance();
    expect(methodEntry('ef21').theoryStepSize(p, { compressor: topK(3, 1) }).gamma).toBeCloseTo(0.005859, 6);
    expect(methodEntry('ef21-sgdm').theoryStepSize(p, { compressor: topK(3, 1), eta: 0.1 }).source).toMatch(/derived form .*§5\.3/);
    expect(methodEntry('gd').theoryStepSize(p, {}).gamma).toBe(1 / p.L);
    oneLine(() => methodEntry('ef21-hb').theoryStepSize(p, { compressor: topK(3, 1), eta: 0.5 }), /no step size/);
    oneLine(() => methodEntry('ef21').theoryStepSize(p, { compressor: randK(3, 1, { scaled: true }) }), /contractive compressor/);
    expect(methodEntry('ef21').theoryStepSize(p, { compressor: identity(3) }).gamma).toBe(1 / p.L);
  });
});
