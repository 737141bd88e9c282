/**
 * The method registry: the list, each definition's schema against its factory, the theory steps against
 * step-sizes.ts, the declared facts against real states, and bad input.
 *
 * The registry is imported inside each test, not at the top of the file: the method list is built when the module
 * loads, so a broken entry throws at import time, and a failed import (no test collected) is not a failing test to
 * a mutation runner; inside a test it is.
 */
import { describe, expect, it } from 'vitest';
import { hardThreshold } from '../compressors/hard-threshold.ts';
import { identity } from '../compressors/identity.ts';
import { randK } from '../compressors/rand-k.ts';
import { topK } from '../compressors/top-k.ts';
import { totalBits, type Compressor } from '../compressors/types.ts';
import { allFinite } from '../linalg/vector.ts';
import { exactOracle } from '../oracles/exact.ts';
import { gaussianOracle } from '../oracles/gaussian.ts';
import { beznosikovInstance } from '../problems/beznosikov.ts';
import { diagonalQuadratic } from '../problems/diagonal-quadratic.ts';
import { key } from '../rng/key.ts';
import type { HyperparameterValues, NamedHyperparameter } from './hyperparameter-schema.ts';
import { paramsOf, type MethodEntry } from './method-definition.ts';
import type { MethodParams } from './registry.ts';
import { ef21AmStepSize, ef21PpStepSize, ef21Sgd2mStepSize, ef21SgdmStepSize, ef21SgdStepSize, ef21StepSize, xi } from './step-sizes.ts';
import { trajectory } from './run.ts';

const load = () => import('./registry.ts');

const oneLine = (f: () => unknown, pattern: RegExp) => {
  expect(f).toThrow(RangeError);
  expect(f).toThrow(pattern);
  try {
    f();
  } catch (e) {
    expect((e as Error).message).not.toContain('\n');
  }
};

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

/** A valid value of each declared hyperparameter (the uplink compressor `up`, the downlink one top-2). */
function valuesFor(schema: readonly NamedHyperparameter[], up: Compressor = compressor, gamma = 0.05): HyperparameterValues {
  const out: Record<string, unknown> = {};
  for (const s of schema) {
    if (s.kind === 'compressor') out[s.name] = s.link === 'uplink' ? up : topK(d, 2);
    else if (s.kind === 'number') out[s.name] = s.integer === true ? s.range.min + 1 : s.range.maxOpen === true ? 0.5 : s.symbol === 'p' ? p : eta;
  }
  return { gamma, x0: [1, -1, 0.5], ...out };
}

/** Every hyperparameter an entry declares, at a valid value (the old helper's values: top-1, η = ½, p = ½). */
function validParams(entry: MethodEntry, over: Partial<MethodParams> = {}): MethodParams {
  const h = new Set<string>(entry.hyperparameters);
  return {
    gamma: 0.1,
    ...(h.has('compressor') ? { compressor: topK(d, 1) } : {}),
    ...(h.has('masterCompressor') ? { masterCompressor: topK(d, 2) } : {}),
    ...(h.has('eta') ? { eta: 0.5 } : {}),
    ...(h.has('p') ? { p: 0.5 } : {}),
    ...over,
  };
}

describe('method registry: the list', () => {
  it('lists exactly the known ids, each declaring its own hyperparameters', async () => {
    const { methods } = await load();
    expect(methods.map((m) => m.id)).toEqual(Object.keys(DECLARED));
    for (const m of methods) {
      expect([...m.hyperparameters], m.id).toEqual(DECLARED[m.id].hyperparameters);
      expect(m.schema.map((s) => s.name), m.id).toEqual(DECLARED[m.id].hyperparameters.slice(1));
    }
  });

  it('summaries are distinct, so reports can tell the aliases apart', async () => {
    const { methods } = await load();
    expect(new Set(methods.map((m) => m.summary)).size).toBe(methods.length);
  });

  it('every entry has a summary and declares gamma; each builds with valid parameters and initialises', async () => {
    const { methods } = await load();
    const oracle = exactOracle(diagonalQuadratic([[1, 2, 3], [2, 2, 2]]));
    for (const m of methods) {
      expect(m.summary.length).toBeGreaterThan(10);
      expect(m.hyperparameters).toContain('gamma');
      const s = m.build(validParams(m)).init(oracle, key(0));
      expect(s.t).toBe(0);
    }
  });

  it('every id builds its own implementation, and one init + one step on a small problem gives a finite, moved x', async () => {
    const { methodEntry } = await load();
    const oracle = exactOracle(problem);
    for (const [id, { impl }] of Object.entries(DECLARED)) {
      const alg = methodEntry(id).build(valuesFor(methodEntry(id).schema));
      expect(alg.name.startsWith(`${impl}(γ=0.05`), `${id}: ${alg.name}`).toBe(true);
      const s0 = alg.init(oracle, key(1));
      const s1 = alg.step(s0, oracle, key(2));
      expect(s1.t, id).toBe(1);
      expect(allFinite(s1.x), id).toBe(true);
      expect([...s1.x], id).not.toEqual([1, -1, 0.5]);
    }
  });

  it('withMethod hands over the entry’s own definition: its build is the entry’s, bit for bit', async () => {
    const { methods } = await load();
    const oracle = gaussianOracle(problem, 0.5);
    for (const m of methods) {
      const values = valuesFor(m.schema);
      const typed = m.withMethod((def) => {
        expect(def.id).toBe(m.id);
        return trajectory(def.build(paramsOf(def, values)), oracle, 3, key(7)).gradNormSq;
      });
      expect(typed, m.id).toEqual(trajectory(m.build(values), oracle, 3, key(7)).gradNormSq);
    }
  });
});

describe('method registry: schemas against the factories', () => {
  /** Values at and just beyond each end of a declared range: inside must build, outside must be refused. */
  function probes(s: NamedHyperparameter & { kind: 'number' }): { inside: number[]; outside: number[] } {
    const { min, max, minOpen, maxOpen } = s.range;
    const step = s.integer === true ? 1 : 1e-9;
    const inside = [minOpen === true ? min + step : min, ...(max === Infinity ? [min + 10] : [maxOpen === true ? max - step : max])];
    const outside = [minOpen === true ? min : min - step, ...(max === Infinity ? [] : [maxOpen === true ? max : max + step]), NaN];
    if (s.integer === true) outside.push(min + 1.5);
    return { inside, outside };
  }

  it('every declared number range is exactly what the factory accepts (ends, just beyond them, NaN, non-integers)', async () => {
    const { methods } = await load();
    let checked = 0;
    for (const m of methods) {
      for (const s of m.schema) {
        if (s.kind !== 'number') continue;
        const { inside, outside } = probes(s);
        for (const v of inside) expect(() => m.build({ ...valuesFor(m.schema), [s.name]: v }), `${m.id} ${s.name}=${v}`).not.toThrow();
        for (const v of outside) oneLine(() => m.build({ ...valuesFor(m.schema), [s.name]: v }), new RegExp(`^${m.id}: need `));
        checked++;
      }
    }
    expect(checked).toBe(7); // η of four methods, B_init of two, p
  });

  it('optional hyperparameters declare defaults the factory uses: omitting one is the same run as passing its default', async () => {
    const { methods } = await load();
    const oracle = gaussianOracle(problem, 0.5);
    for (const m of methods) {
      for (const s of m.schema) {
        if (s.required || s.kind === 'compressor') continue;
        // A random compressor, so that the randomness default matters.
        const given = valuesFor(m.schema, randK(d, 1));
        const { [s.name]: _omitted, ...without } = given;
        const a = trajectory(m.build({ ...without, gamma: given.gamma }), oracle, 3, key(3)).gradNormSq;
        const b = trajectory(m.build({ ...given, [s.name]: s.default }), oracle, 3, key(3)).gradNormSq;
        expect(a, `${m.id} ${s.name}`).toEqual(b);
      }
    }
  });

  it('η ∉ (0, 1] is refused by the momentum methods; EF21-HB needs η ∈ [0, 1)', async () => {
    const { buildMethod, methodEntry } = await load();
    for (const id of ['ef21-sgdm', 'ef21-sgd2m', 'ef21-sgdm-ideal']) for (const v of [0, -0.1, 1.01, NaN]) oneLine(() => buildMethod(id, validParams(methodEntry(id), { eta: v })), /η ∈ \(0, 1\]/);
    oneLine(() => buildMethod('ef21-hb', validParams(methodEntry('ef21-hb'), { eta: 1 })), /η ∈ \[0, 1\)/);
    oneLine(() => buildMethod('ef21-sgdm', validParams(methodEntry('ef21-sgdm'), { bInit: 0 })), /bInit ≥ 1/);
  });

  it('p ∉ (0, 1] is refused by EF21-PP', async () => {
    const { buildMethod, methodEntry } = await load();
    for (const v of [0, -0.5, 1.5, NaN]) oneLine(() => buildMethod('ef21-pp', validParams(methodEntry('ef21-pp'), { p: v })), /p ∈ \(0, 1\]/);
  });

  it('γ ≤ 0 (or not finite) is refused by every method', async () => {
    const { methods } = await load();
    for (const m of methods) for (const gamma of [0, -1, NaN, Infinity]) oneLine(() => m.build(validParams(m, { gamma })), /γ > 0/);
  });
});

describe('method registry: bad input', () => {
  it('an unknown id is a RangeError listing the known ids', async () => {
    const { buildMethod } = await load();
    oneLine(() => buildMethod('ef22', { gamma: 0.1 }), /unknown method 'ef22'; known: gd, sgd, .*ef21-hb/);
  });

  it('missing or foreign hyperparameters are named', async () => {
    const { buildMethod } = await load();
    oneLine(() => buildMethod('ef21', { gamma: 0.1 }), /ef21: missing hyperparameter compressor/);
    oneLine(() => buildMethod('ef21-bc', { gamma: 0.1, compressor: topK(3, 1) }), /missing hyperparameter masterCompressor/);
    oneLine(() => buildMethod('ef21', { gamma: 0.1, compressor: topK(3, 1), eta: 0.1 }), /ef21: does not take eta/);
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

  it('a value of the wrong kind is named in one line (a JavaScript caller passing a string for η, a bad randomness)', async () => {
    const { methodEntry } = await load();
    oneLine(() => methodEntry('ef21-sgdm').build({ gamma: 0.1, compressor, eta: '0.5' }), /^ef21-sgdm: eta must be a number, got 0\.5$/);
    oneLine(() => methodEntry('ef21').build({ gamma: 0.1, compressor, randomness: 'per-node' }), /randomness must be 'independent' or 'shared'/);
    oneLine(() => methodEntry('ef21').build({ gamma: 0.1, compressor: 'top-k:k=1' }), /compressor must be a compressor/);
  });

  it('an x0 of the wrong length or a compressor of the wrong dimension is refused at init, by every method', async () => {
    const { methods, buildMethod, methodEntry } = await load();
    const oracle = exactOracle(diagonalQuadratic([[1, 2, 3]]));
    for (const m of methods) {
      oneLine(() => m.build(validParams(m, { x0: [1, 2] })).init(oracle, key(0)), /x0 has length 2, problem has d=3/);
      if (m.hyperparameters.includes('compressor')) {
        oneLine(() => m.build(validParams(m, { compressor: topK(4, 1) })).init(oracle, key(0)), /has dim 4, problem has d=3/);
      }
    }
    oneLine(() => buildMethod('ef21-w', validParams(methodEntry('ef21-w'))).init(exactOracle(diagonalQuadratic([[1, 1, 1], [0, 0, 0]])), key(0)), /every L_i > 0/);
  });
});

describe('method registry: theory steps', () => {
  it('theory step sizes equal the matching step-sizes.ts rule on a heterogeneous problem, and cite docs/theory.md', async () => {
    const { methodEntry } = await load();
    // The rules differ on this problem, so a wrong rule cannot pass (ef14 reuses EF21's rule by design).
    const values = new Set(Object.entries(THEORY).filter(([id]) => id !== 'sgd' && id !== 'ef14').map(([, t]) => t.gamma));
    expect(values.size).toBe(7);
    for (const [id, { gamma, section }] of Object.entries(THEORY)) {
      const e = methodEntry(id);
      const t = e.theoryStepSize(problem, valuesFor(e.schema));
      expect(t.gamma, id).toBe(gamma);
      expect(t.source, id).toContain(`(docs/theory.md ${section}, `);
      expect(e.theoryStep(problem, valuesFor(e.schema)), id).toMatchObject({ kind: 'rule', gamma, source: t.source });
    }
  });

  it('ef21-sgd uses the EF21-SGD rule 1/(L + √10·L̃/α), not the EF21 step', async () => {
    const { methodEntry } = await load();
    const t = methodEntry('ef21-sgd').theoryStepSize(problem, { compressor });
    expect(t.gamma).toBe(ef21SgdStepSize(problem, alpha));
    expect(t.gamma).not.toBe(ef21StepSize(problem, alpha));
    expect(t.source).toMatch(/derived form/);
  });

  it('the rules that use ξ record it: ξ(α), and ξ(pα) for EF21-PP', async () => {
    const { methodEntry } = await load();
    for (const id of ['ef14', 'ef21', 'ef21-w']) expect(methodEntry(id).theoryStep(problem, { compressor }), id).toMatchObject({ constants: { xi: xi(alpha) } });
    expect(methodEntry('ef21-pp').theoryStep(problem, { compressor, p })).toMatchObject({ constants: { xi: xi(p * alpha) } });
  });

  it('methods without a theory step say which docs/theory.md section has none, as a result and as a one-line RangeError', async () => {
    const { methods, methodEntry } = await load();
    const without = methods.filter((m) => !(m.id in THEORY));
    expect(without.map((m) => m.id)).toEqual(['compressed-gd', 'compressed-sgd', 'ef21-sgd-ideal', 'ef21-sgdm-ideal', 'ef21-bc', 'ef21-hb']);
    for (const m of without) {
      const step = m.theoryStep(problem, valuesFor(m.schema));
      expect(step.kind, m.id).toBe('missing');
      if (step.kind === 'missing') expect(step.reason, m.id).toMatch(/^no theory step in docs\/theory\.md §\d\.\d/);
      oneLine(() => m.theoryStepSize(problem, valuesFor(m.schema)), new RegExp(`^${m.id}: no theory step in docs/theory\\.md §\\d\\.\\d.*; pass γ as a number$`));
    }
    oneLine(() => methodEntry('ef21-hb').theoryStepSize(beznosikovInstance(), { compressor: topK(3, 1), eta: 0.5 }), /no theory step in docs\/theory\.md §3\.7/);
    // EF21-SGD-ideal's range of γ is the theorem's, computed for the problem at hand.
    expect(methodEntry('ef21-sgd-ideal').theoryStep(problem, { compressor })).toMatchObject({ reason: expect.stringContaining(`(0, 1/L] = (0, ${1 / problem.L}]`) as unknown as string });
  });

  it('an unbiased compressor has no α: the step names its contractive view C/(ω + 1), α = 1/(ω + 1); an absolute one has none', async () => {
    const { methods, methodEntry } = await load();
    const unbiased = randK(d, 1, { scaled: true }); // ω = d/k − 1 = 2
    for (const m of methods.filter((e) => e.id in THEORY && e.hyperparameters.includes('compressor'))) {
      const step = m.theoryStep(problem, valuesFor(m.schema, unbiased));
      expect(step, m.id).toEqual({ kind: 'missing', reason: expect.stringMatching(/contractive compressor, and rand-k\(k=1,d=3,scaled\) is unbiased \(ω = 2\)$/) as unknown as string, contractiveView: { hyperparameter: 'compressor', alpha: 1 / 3 } });
      const absolute = m.theoryStep(problem, valuesFor(m.schema, hardThreshold(d, 0.5)));
      expect(absolute.kind === 'missing' && absolute.contractiveView === undefined, m.id).toBe(true);
    }
    oneLine(() => methodEntry('ef21').theoryStepSize(beznosikovInstance(), { compressor: randK(3, 1, { scaled: true }) }), /contractive compressor.*asContractive\(compressor\) \(α = 1\/\(ω \+ 1\) = 0\.333/);
  });

  it('EF21 on the Beznosikov instance is 1/(L + L̃ξ(1/3)); GD is 1/L; the identity compressor (α = 1) gives GD’s step', async () => {
    const { methodEntry } = await load();
    const bez = beznosikovInstance();
    expect(methodEntry('ef21').theoryStepSize(bez, { compressor: topK(3, 1) }).gamma).toBeCloseTo(0.005859, 6);
    expect(methodEntry('ef21-sgdm').theoryStepSize(bez, { compressor: topK(3, 1), eta: 0.1 }).source).toMatch(/derived form .*§5\.3/);
    expect(methodEntry('gd').theoryStepSize(bez, {}).gamma).toBe(1 / bez.L);
    expect(methodEntry('ef21').theoryStepSize(bez, { compressor: identity(3) }).gamma).toBe(1 / bez.L);
  });

  it('a theory step ignores values the method does not take (one set of values serves every method) but needs its own', async () => {
    const { methodEntry } = await load();
    expect(methodEntry('gd').theoryStepSize(problem, { compressor, eta, p }).gamma).toBe(1 / problem.L);
    oneLine(() => methodEntry('ef21-sgdm').theoryStep(problem, { compressor }), /ef21-sgdm: missing hyperparameter eta/);
  });
});

describe('method registry: declared facts hold on real states', () => {
  it('node vectors have one vector of length d per node; aggregates, senders and downlink totals are where declared', async () => {
    const { methods } = await load();
    const n = 3;
    const oracle = gaussianOracle(problem, 0.5);
    for (const m of methods) {
      m.withMethod((def) => {
        const run = trajectory(def.build(paramsOf(def, valuesFor(m.schema))), oracle, 4, key(11), { keepStates: true });
        const states = run.states ?? [];
        expect(states, m.id).toHaveLength(5);
        const { facts } = def;
        for (const s of states) {
          for (const field of facts.nodeVectors) {
            const vs = field.read(s);
            expect(vs, `${m.id}.${field.field}`).toHaveLength(n);
            for (const v of vs) expect(v, `${m.id}.${field.field}`).toHaveLength(d);
          }
          if (facts.aggregate !== null) {
            expect(facts.nodeVectors.map((f) => f.field), m.id).toContain(facts.aggregate.estimators.field);
            expect(facts.aggregate.master.read(s), m.id).toHaveLength(d);
            if (facts.aggregate.weights !== 'mean') expect(facts.aggregate.weights.read(s).reduce((a, b) => a + b, 0), m.id).toBeCloseTo(1, 14);
          }
          if (facts.participation.kind === 'sampled') expect(facts.participation.senders(s), m.id).toHaveLength(n);
          if (facts.downlink.kind === 'compressed') {
            expect(facts.downlink.initBits(s), m.id).toBe(d * 64);
            expect(facts.downlink.bits(s), m.id).toBe(s.t * totalBits(topK(d, 2).bits(new Float64Array(d)))); // C_M = top-2
          }
          for (const v of Object.values(facts.describeState(s))) expect(['number', 'string', 'boolean', 'object'], m.id).toContain(typeof v);
        }
        // Only the methods that keep no per-node memory have nothing per node to declare.
        expect(facts.nodeVectors.length === 0, m.id).toBe(['gd', 'sgd', 'compressed-gd', 'compressed-sgd'].includes(m.id));
      });
    }
  });
});
