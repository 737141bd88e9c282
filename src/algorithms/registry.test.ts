/**
 * The method registry: the list, each definition's schema against its factory, the theory steps against
 * step-sizes.ts (and diana-parameters.ts, adiana-parameters.ts, agd.ts for the hyperparameters they set), the declared
 * facts against real states, and bad input.
 *
 * The registry is imported inside each test, not at the top of the file: the method list is built when the module
 * loads, so a broken entry throws at import time, and a failed import (no test collected) is not a failing test to
 * a mutation runner; inside a test it is.
 */
import { describe, expect, it } from 'vitest';
import { hardThreshold } from '../compressors/hard-threshold.ts';
import { identity } from '../compressors/identity.ts';
import { randK } from '../compressors/rand-k.ts';
import { asContractive } from '../compressors/scaled.ts';
import { topK } from '../compressors/top-k.ts';
import { totalBits, type Compressor } from '../compressors/types.ts';
import { allFinite, norm2sq } from '../linalg/vector.ts';
import { exactOracle } from '../oracles/exact.ts';
import { gaussianOracle } from '../oracles/gaussian.ts';
import { beznosikovInstance } from '../problems/beznosikov.ts';
import { diagonalQuadratic } from '../problems/diagonal-quadratic.ts';
import { gradient } from '../problems/types.ts';
import { key } from '../rng/key.ts';
import { adianaParameters, adianaStep } from './adiana-parameters.ts';
import { agdParameters } from './agd.ts';
import { dianaParameters } from './diana-parameters.ts';
import { isFromTheory, type HyperparameterValues, type NamedHyperparameter } from './hyperparameter-schema.ts';
import { paramsOf, type MethodEntry } from './method-definition.ts';
import { messagesPerRound, topologyOf } from './method-facts.ts';
import { ringMixing } from './mixing.ts';
import type { MethodParams } from './registry.ts';
import {
  ef21AmStepSize,
  ef21PpStepSize,
  ef21Sgd2mStepSize,
  ef21SgdmStepSize,
  ef21SgdStepSize,
  ef21BcStepSize,
  ef21HbStepSize,
  ef21StepSize,
  xi,
} from './step-sizes.ts';
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
/** What each entry declares, and the implementation its build returns (the name prefix, with the registry's γ as `step`). */
const DECLARED: Record<string, { hyperparameters: string[]; impl: string; step?: string }> = {
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
  diana: { hyperparameters: [...CORE, 'alpha'], impl: 'diana' },
  // The registry's γ is ADIANA's η (src/algorithms/methods/adiana.ts).
  adiana: { hyperparameters: [...CORE, 'mu', 'alpha', 'p'], impl: 'adiana', step: 'η' },
  agd: { hyperparameters: ['gamma', 'mu'], impl: 'agd' },
  neolithic: { hyperparameters: [...CORE, 'masterCompressor'], impl: 'neolithic' },
  // The registry's γ is BEER's learning rate η; its consensus step γ is consensusStep (src/algorithms/methods/beer.ts).
  beer: { hyperparameters: [...CORE, 'consensusStep'], impl: 'beer', step: 'η' },
};

// Heterogeneous: L_i = 3, 4, 6, so L̃ (QM) ≠ L_AM ≠ L and every step-size rule gives a different number.
const problem = diagonalQuadratic(
  [
    [1, 2, 3],
    [4, 1, 2],
    [2, 6, 1],
  ],
  [
    [1, 0, -1],
    [0, 1, 1],
    [1, 1, 0],
  ],
);
const d = 3;
const compressor = topK(d, 1); // α = 1/3
const alpha = 1 / 3;
const eta = 0.3;
const p = 0.6;

/** Every registry id with a theory step: the step-sizes.ts function it must use and the docs/theory.md section it cites. */
const THEORY: Record<string, { gamma: number; section: string; over?: Partial<HyperparameterValues> }> = {
  gd: { gamma: 1 / problem.L, section: '§0.3' },
  sgd: { gamma: 1 / problem.L, section: '§0.3' },
  ef14: { gamma: ef21StepSize(problem, alpha), section: '§3.9' },
  ef21: { gamma: ef21StepSize(problem, alpha), section: '§3.2' },
  'ef21-sgd': { gamma: ef21SgdStepSize(problem, alpha), section: '§3.4' },
  'ef21-sgdm': { gamma: ef21SgdmStepSize(problem, alpha, eta), section: '§5.3' },
  'ef21-sgd2m': { gamma: ef21Sgd2mStepSize(problem, alpha, eta), section: '§5.4' },
  'ef21-w': { gamma: ef21AmStepSize(problem, alpha), section: '§4.2' },
  'ef21-pp': { gamma: ef21PpStepSize(problem, alpha, p), section: '§3.5' },
  // The derived rules; valuesFor gives EF21-BC's master top-2 of 3 (α_M = 2/3) and EF21-HB η = ½ (its range is open at 1).
  'ef21-bc': { gamma: ef21BcStepSize(problem, alpha, 2 / 3), section: '§3.6' },
  'ef21-hb': { gamma: ef21HbStepSize(problem, alpha, 0.5), section: '§3.7' },
  // EF14's convention at C_R's contraction: R = 3 rounds of top-1 in d = 3, α_R = 1 − (2/3)³.
  // (with a lossy server compressor there is no rule: the server's identity here)
  neolithic: {
    gamma: ef21StepSize(problem, 1 - (1 - alpha) ** 3),
    section: '§A3.1',
    over: { masterCompressor: identity(d) },
  },
};

/**
 * The ids whose theory step needs an unbiased compressor (ω) or μ, at scaled rand-1 (ω = 2) on `problem`
 * (L = 3, L_i = 3, 4, 6, μ = 2, n = 3): the rule of the parameters file each must use, and what it sets.
 */
const unbiased = randK(d, 1, { scaled: true });
const omega = 2;
const mu = problem.mu ?? Number.NaN; // 2, to rounding: the least mean curvature
const adianaRule = adianaParameters({ L: 6, mu, omega, n: 3 });
const UNBIASED_THEORY: Record<string, { gamma: number; section: string; sets: Record<string, number> }> = {
  diana: { gamma: dianaParameters({ L: 3, Lmax: 6, mu, omega, n: 3 }).gamma, section: '§A2.3', sets: { alpha: 1 / 3 } },
  adiana: { gamma: adianaRule.eta, section: '§A1.3', sets: { mu, alpha: adianaRule.alpha, p: adianaRule.p } },
  agd: { gamma: agdParameters({ L: 3, mu }).gamma, section: '§6.2', sets: { mu } },
};

/** A valid value of each declared hyperparameter (the uplink compressor `up`, the downlink one top-2). */
function valuesFor(
  schema: readonly NamedHyperparameter[],
  up: Compressor = compressor,
  gamma = 0.05,
): HyperparameterValues {
  const out: Record<string, unknown> = {};
  for (const s of schema) {
    if (s.kind === 'compressor') out[s.name] = s.link === 'uplink' ? up : topK(d, 2);
    else if (s.kind === 'number')
      out[s.name] = s.integer === true ? s.range.min + 1 : s.range.maxOpen === true ? 0.5 : s.symbol === 'p' ? p : eta;
  }
  return { gamma, x0: [1, -1, 0.5], ...out };
}

/** Every hyperparameter an entry declares, at a valid value (the old helper's values: top-1, η = ½, p = ½; α = ¼, μ = ½). */
function validParams(entry: MethodEntry, over: Partial<MethodParams> = {}): MethodParams {
  const h = new Set<string>(entry.hyperparameters);
  return {
    gamma: 0.1,
    ...(h.has('compressor') ? { compressor: topK(d, 1) } : {}),
    ...(h.has('masterCompressor') ? { masterCompressor: topK(d, 2) } : {}),
    ...(h.has('eta') ? { eta: 0.5 } : {}),
    ...(h.has('p') ? { p: 0.5 } : {}),
    ...(h.has('alpha') ? { alpha: 0.25 } : {}),
    ...(h.has('mu') ? { mu: 0.5 } : {}),
    ...over,
  };
}

describe('method registry: the list', () => {
  it('lists exactly the known ids, each declaring its own hyperparameters', async () => {
    const { methods } = await load();
    expect(methods.map((m) => m.id)).toEqual(Object.keys(DECLARED));
    for (const m of methods) {
      expect([...m.hyperparameters], m.id).toEqual(DECLARED[m.id].hyperparameters);
      expect(
        m.schema.map((s) => s.name),
        m.id,
      ).toEqual(DECLARED[m.id].hyperparameters.slice(1));
    }
  });

  it('summaries are distinct, so reports can tell the aliases apart', async () => {
    const { methods } = await load();
    expect(new Set(methods.map((m) => m.summary)).size).toBe(methods.length);
  });

  it('every entry has a summary and declares gamma; each builds with valid parameters and initialises', async () => {
    const { methods } = await load();
    const oracle = exactOracle(
      diagonalQuadratic([
        [1, 2, 3],
        [2, 2, 2],
      ]),
    );
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
    for (const [id, { impl, step }] of Object.entries(DECLARED)) {
      const alg = methodEntry(id).build(valuesFor(methodEntry(id).schema));
      expect(alg.name.startsWith(`${impl}(${step ?? 'γ'}=0.05`), `${id}: ${alg.name}`).toBe(true);
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
    const inside = [
      minOpen === true ? min + step : min,
      ...(max === Infinity ? [min + 10] : [maxOpen === true ? max - step : max]),
    ];
    const outside = [
      minOpen === true ? min : min - step,
      ...(max === Infinity ? [] : [maxOpen === true ? max : max + step]),
      NaN,
    ];
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
        for (const v of inside)
          expect(() => m.build({ ...valuesFor(m.schema), [s.name]: v }), `${m.id} ${s.name}=${v}`).not.toThrow();
        for (const v of outside)
          oneLine(() => m.build({ ...valuesFor(m.schema), [s.name]: v }), new RegExp(`^${m.id}: need `));
        checked++;
      }
    }
    expect(checked).toBe(13); // η of four methods, B_init of two, p of two, α of two, μ of two, BEER's γ_c
  });

  it('optional hyperparameters declare defaults the factory uses: omitting one is the same run as passing its default', async () => {
    const { methods } = await load();
    const oracle = gaussianOracle(problem, 0.5);
    for (const m of methods) {
      for (const s of m.schema) {
        // A default that is the theory step's is not fixed: the next describe block checks those.
        if (s.required || s.kind === 'compressor' || isFromTheory(s)) continue;
        // A random compressor, so that the randomness default matters.
        const given = valuesFor(m.schema, randK(d, 1));
        const { [s.name]: _omitted, ...without } = given;
        const a = trajectory(m.build({ ...without, gamma: given.gamma }), oracle, 3, key(3)).gradNormSq;
        const b = trajectory(m.build({ ...given, [s.name]: s.default }), oracle, 3, key(3)).gradNormSq;
        expect(a, `${m.id} ${s.name}`).toEqual(b);
      }
    }
  });

  it('a compressor whose schema declares a contract: the factory refuses another contract in one line and takes the contractive view', async () => {
    const { methods } = await load();
    let checked = 0;
    for (const m of methods) {
      for (const s of m.schema) {
        if (s.kind !== 'compressor' || s.contract === undefined) continue;
        expect(s.contract, `${m.id} ${s.name}`).toBe('contractive');
        const unbiased = randK(d, 1, { scaled: true });
        oneLine(
          () => m.build({ ...valuesFor(m.schema), [s.name]: unbiased }),
          new RegExp(`^${m.id}: .*rand-k\\(k=1,d=3,scaled\\) declares a unbiased contract; .*contractive`),
        );
        expect(
          () => m.build({ ...valuesFor(m.schema), [s.name]: asContractive(unbiased) }),
          `${m.id} ${s.name}`,
        ).not.toThrow();
        checked++;
      }
    }
    expect(checked).toBe(2); // NEOLITHIC's node and server compressors
  });

  it('η ∉ (0, 1] is refused by the momentum methods; EF21-HB needs η ∈ [0, 1)', async () => {
    const { buildMethod, methodEntry } = await load();
    for (const id of ['ef21-sgdm', 'ef21-sgd2m', 'ef21-sgdm-ideal'])
      for (const v of [0, -0.1, 1.01, NaN])
        oneLine(() => buildMethod(id, validParams(methodEntry(id), { eta: v })), /η ∈ \(0, 1\]/);
    oneLine(() => buildMethod('ef21-hb', validParams(methodEntry('ef21-hb'), { eta: 1 })), /η ∈ \[0, 1\)/);
    oneLine(() => buildMethod('ef21-sgdm', validParams(methodEntry('ef21-sgdm'), { bInit: 0 })), /bInit ≥ 1/);
  });

  it('p ∉ (0, 1] is refused by EF21-PP', async () => {
    const { buildMethod, methodEntry } = await load();
    for (const v of [0, -0.5, 1.5, NaN])
      oneLine(() => buildMethod('ef21-pp', validParams(methodEntry('ef21-pp'), { p: v })), /p ∈ \(0, 1\]/);
  });

  it('γ ≤ 0 (or not finite) is refused by every method', async () => {
    const { methods } = await load();
    for (const m of methods)
      for (const gamma of [0, -1, NaN, Infinity]) oneLine(() => m.build(validParams(m, { gamma })), /γ > 0/);
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
    oneLine(
      () => buildMethod('ef21-bc', { gamma: 0.1, compressor: topK(3, 1) }),
      /missing hyperparameter masterCompressor/,
    );
    oneLine(() => buildMethod('ef21', { gamma: 0.1, compressor: topK(3, 1), eta: 0.1 }), /ef21: does not take eta/);
  });

  it('a foreign hyperparameter is rejected by name; one explicitly undefined, or a declared one, is accepted', async () => {
    const { buildMethod } = await load();
    expect(() => buildMethod('gd', { gamma: 0.1, eta: 0.5 })).toThrow(/^gd: does not take eta \(takes gamma\)$/);
    expect(() => buildMethod('ef21', { gamma: 0.1, compressor, p: 0.5 })).toThrow(/ef21: does not take p/);
    // exactOptionalPropertyTypes forbids writing `eta: undefined`, but JavaScript callers (the CLI's option objects) do.
    const loose = { gamma: 0.1, compressor: undefined, eta: undefined } as unknown as MethodParams;
    expect(buildMethod('gd', loose).name).toBe('gd(γ=0.1)');
    expect(buildMethod('ef21-hb', { gamma: 0.1, compressor, eta: 0.5, randomness: 'shared' }).name).toContain(
      'ef21-hb(',
    );
  });

  it('a value of the wrong kind is named in one line (a JavaScript caller passing a string for η, a bad randomness)', async () => {
    const { methodEntry } = await load();
    oneLine(
      () => methodEntry('ef21-sgdm').build({ gamma: 0.1, compressor, eta: '0.5' }),
      /^ef21-sgdm: eta must be a number, got 0\.5$/,
    );
    oneLine(
      () => methodEntry('ef21').build({ gamma: 0.1, compressor, randomness: 'per-node' }),
      /randomness must be 'independent' or 'shared'/,
    );
    oneLine(
      () => methodEntry('ef21').build({ gamma: 0.1, compressor: 'top-k:k=1' }),
      /compressor must be a compressor/,
    );
  });

  it('an x0 of the wrong length or a compressor of the wrong dimension is refused at init, by every method', async () => {
    const { methods, buildMethod, methodEntry } = await load();
    const oracle = exactOracle(diagonalQuadratic([[1, 2, 3]]));
    for (const m of methods) {
      oneLine(() => m.build(validParams(m, { x0: [1, 2] })).init(oracle, key(0)), /x0 has length 2, problem has d=3/);
      if (m.hyperparameters.includes('compressor')) {
        oneLine(
          () => m.build(validParams(m, { compressor: topK(4, 1) })).init(oracle, key(0)),
          /has dim 4, problem has d=3/,
        );
      }
    }
    oneLine(
      () =>
        buildMethod('ef21-w', validParams(methodEntry('ef21-w'))).init(
          exactOracle(
            diagonalQuadratic([
              [1, 1, 1],
              [0, 0, 0],
            ]),
          ),
          key(0),
        ),
      /every L_i > 0/,
    );
  });
});

describe('method registry: theory steps', () => {
  it('theory step sizes equal the matching step-sizes.ts rule on a heterogeneous problem, and cite docs/theory.md', async () => {
    const { methodEntry } = await load();
    // The rules differ on this problem, so a wrong rule cannot pass (ef14 reuses EF21's rule by design).
    const values = new Set(
      Object.entries(THEORY)
        .filter(([id]) => id !== 'sgd' && id !== 'ef14')
        .map(([, t]) => t.gamma),
    );
    expect(values.size).toBe(10);
    for (const [id, { gamma, section, over }] of Object.entries(THEORY)) {
      const e = methodEntry(id);
      const values = { ...valuesFor(e.schema), ...over };
      const t = e.theoryStepSize(problem, values);
      expect(t.gamma, id).toBe(gamma);
      expect(t.source, id).toContain(`(docs/theory.md ${section}, `);
      expect(e.theoryStep(problem, values), id).toMatchObject({ kind: 'rule', gamma, source: t.source });
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
    for (const id of ['ef14', 'ef21', 'ef21-w'])
      expect(methodEntry(id).theoryStep(problem, { compressor }), id).toMatchObject({ constants: { xi: xi(alpha) } });
    expect(methodEntry('ef21-pp').theoryStep(problem, { compressor, p })).toMatchObject({
      constants: { xi: xi(p * alpha) },
    });
  });

  it('methods without a theory step say which docs/theory.md section has none, as a result and as a one-line RangeError', async () => {
    const { methods, methodEntry } = await load();
    const without = methods.filter((m) => !(m.id in THEORY) && !(m.id in UNBIASED_THEORY));
    expect(without.map((m) => m.id)).toEqual([
      'compressed-gd',
      'compressed-sgd',
      'ef21-sgd-ideal',
      'ef21-sgdm-ideal',
      'beer',
    ]);
    for (const m of without) {
      const step = m.theoryStep(problem, valuesFor(m.schema));
      expect(step.kind, m.id).toBe('missing');
      if (step.kind === 'missing') expect(step.reason, m.id).toMatch(/^no theory step in docs\/theory\.md §A?\d\.\d/);
      oneLine(
        () => m.theoryStepSize(problem, valuesFor(m.schema)),
        new RegExp(`^${m.id}: no theory step in docs/theory\\.md §A?\\d\\.\\d.*; pass γ as a number$`),
      );
    }
    // NEOLITHIC with a lossy server compressor, and BEER: the sections that say what was not recovered.
    oneLine(
      () => methodEntry('neolithic').theoryStepSize(problem, { compressor, masterCompressor: topK(d, 2) }),
      /^neolithic: no theory step in docs\/theory\.md §A3\.1 with a server compressor: .*; pass γ as a number$/,
    );
    expect(methodEntry('neolithic').theoryStep(problem, { compressor, masterCompressor: identity(d) })).toMatchObject({
      kind: 'rule',
      gamma: ef21StepSize(problem, 1 - (1 - alpha) ** 3),
    });
    oneLine(
      () => methodEntry('beer').theoryStepSize(problem, { compressor }),
      /^beer: no theory step in docs\/theory\.md §A3\.2, which did not recover BEER’s step-size theorem.*; pass γ as a number$/,
    );
    // EF21-SGD-ideal's range of γ is the theorem's, computed for the problem at hand.
    expect(methodEntry('ef21-sgd-ideal').theoryStep(problem, { compressor })).toMatchObject({
      reason: expect.stringContaining(`(0, 1/L] = (0, ${1 / problem.L}]`) as unknown as string,
    });
  });

  it('an unbiased compressor has no α: the step names its contractive view C/(ω + 1), α = 1/(ω + 1); an absolute one has none', async () => {
    const { methods, methodEntry } = await load();
    const unbiased = randK(d, 1, { scaled: true }); // ω = d/k − 1 = 2
    for (const m of methods.filter((e) => e.id in THEORY && e.hyperparameters.includes('compressor'))) {
      const step = m.theoryStep(problem, valuesFor(m.schema, unbiased));
      expect(step, m.id).toEqual({
        kind: 'missing',
        reason: expect.stringMatching(
          /contractive compressor, and rand-k\(k=1,d=3,scaled\) is unbiased \(ω = 2\)$/,
        ) as unknown as string,
        contractiveView: { hyperparameter: 'compressor', alpha: 1 / 3 },
      });
      const absolute = m.theoryStep(problem, valuesFor(m.schema, hardThreshold(d, 0.5)));
      expect(absolute.kind === 'missing' && absolute.contractiveView === undefined, m.id).toBe(true);
    }
    oneLine(
      () => methodEntry('ef21').theoryStepSize(beznosikovInstance(), { compressor: randK(3, 1, { scaled: true }) }),
      /contractive compressor.*asContractive\(compressor\) \(α = 1\/\(ω \+ 1\) = 0\.333/,
    );
  });

  it('EF21 on the Beznosikov instance is 1/(L + L̃ξ(1/3)); GD is 1/L; the identity compressor (α = 1) gives GD’s step', async () => {
    const { methodEntry } = await load();
    const bez = beznosikovInstance();
    expect(methodEntry('ef21').theoryStepSize(bez, { compressor: topK(3, 1) }).gamma).toBeCloseTo(0.005859, 6);
    expect(methodEntry('ef21-sgdm').theoryStepSize(bez, { compressor: topK(3, 1), eta: 0.1 }).source).toMatch(
      /derived form .*§5\.3/,
    );
    expect(methodEntry('gd').theoryStepSize(bez, {}).gamma).toBe(1 / bez.L);
    expect(methodEntry('ef21').theoryStepSize(bez, { compressor: identity(3) }).gamma).toBe(1 / bez.L);
  });

  it('a theory step ignores values the method does not take (one set of values serves every method) but needs its own', async () => {
    const { methodEntry } = await load();
    expect(methodEntry('gd').theoryStepSize(problem, { compressor, eta, p }).gamma).toBe(1 / problem.L);
    oneLine(
      () => methodEntry('ef21-sgdm').theoryStep(problem, { compressor }),
      /ef21-sgdm: missing hyperparameter eta/,
    );
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
            expect(
              facts.nodeVectors.map((f) => f.field),
              m.id,
            ).toContain(facts.aggregate.estimators.field);
            expect(facts.aggregate.master.read(s), m.id).toHaveLength(d);
            if (facts.aggregate.weights !== 'mean')
              expect(
                facts.aggregate.weights.read(s).reduce((a, b) => a + b, 0),
                m.id,
              ).toBeCloseTo(1, 14);
          }
          if (facts.participation.kind === 'sampled') expect(facts.participation.senders(s), m.id).toHaveLength(n);
          if (facts.downlink.kind === 'compressed') {
            expect(facts.downlink.initBits(s), m.id).toBe(d * 64);
            expect(facts.downlink.bits(s), m.id).toBe(s.t * totalBits(topK(d, 2).bits(new Float64Array(d)))); // C_M = top-2
          }
          for (const v of Object.values(facts.describeState(s)))
            expect(['number', 'string', 'boolean', 'object'], m.id).toContain(typeof v);
        }
        // Only the methods that keep no per-node memory have nothing per node to declare.
        expect(facts.nodeVectors.length === 0, m.id).toBe(
          ['gd', 'sgd', 'compressed-gd', 'compressed-sgd', 'agd'].includes(m.id),
        );
      });
    }
  });
});

describe('method registry: DIANA, ADIANA and AGD, whose theory steps set hyperparameters', () => {
  it('the theory steps are the parameter files’ rules (L = max_i L_i for ADIANA), cite docs/theory.md, and set what was left to them', async () => {
    const { methodEntry } = await load();
    expect(problem.mu).toBe(mu);
    for (const [id, { gamma, section, sets }] of Object.entries(UNBIASED_THEORY)) {
      const step = methodEntry(id).theoryStep(problem, { compressor: unbiased });
      expect(step, id).toMatchObject({ kind: 'rule', gamma, hyperparameters: sets });
      if (step.kind === 'rule') expect(step.source, id).toContain(`(docs/theory.md ${section}`);
      expect(Object.keys(step.kind === 'rule' ? step.hyperparameters : {}), id).toEqual(
        methodEntry(id)
          .schema.filter(isFromTheory)
          .map((s) => s.name),
      );
    }
    // DIANA also records its derivation's Lyapunov weight and rate when the problem knows μ.
    const rate = dianaParameters({ L: 3, Lmax: 6, mu, omega, n: 3 });
    expect(methodEntry('diana').theoryStep(problem, { compressor: unbiased })).toMatchObject({
      constants: { omega, M: rate.M, rho: rate.rho },
    });
  });

  it('given values are kept, and the rule follows them: DIANA’s α ≤ 1/(1 + ω), ADIANA’s p (η is a function of p), AGD’s μ', async () => {
    const { methodEntry } = await load();
    const dianaStep = methodEntry('diana').theoryStep(problem, { compressor: unbiased, alpha: 0.2 });
    expect(dianaStep).toMatchObject({ kind: 'rule', gamma: UNBIASED_THEORY.diana.gamma, hyperparameters: {} });
    const withP = methodEntry('adiana').theoryStep(problem, { compressor: unbiased, p: 0.5, mu: 1 });
    expect(withP).toMatchObject({
      kind: 'rule',
      gamma: adianaStep({ L: 6, omega, n: 3 }, 0.5),
      hyperparameters: { alpha: 1 / 3 },
    });
    expect(withP.kind === 'rule' && Object.keys(withP.hyperparameters)).toEqual(['alpha']);
    expect(methodEntry('agd').theoryStep(problem, { mu: 0.5 })).toMatchObject({
      kind: 'rule',
      gamma: 1 / 3,
      hyperparameters: {},
    });
    // α beyond 1/(1 + ω) is outside the derivation (docs/theory.md §A2.3 step 2 needs α(1 + ω) ≤ 1).
    oneLine(
      () => methodEntry('diana').theoryStepSize(problem, { compressor: unbiased, alpha: 0.5 }),
      /^diana: the theory step \(docs\/theory\.md §A2\.3\) assumes 0 < α ≤ 1\/\(1 \+ ω\) = 0\.333.*got α = 0\.5; pass γ as a number$/,
    );
  });

  it('the identity is unbiased with ω = 0: DIANA’s theory step is GD’s 1/L with α = 1, ADIANA’s η is 1/(2 max_i L_i)', async () => {
    const { methodEntry } = await load();
    expect(methodEntry('diana').theoryStep(problem, { compressor: identity(d) })).toMatchObject({
      gamma: 1 / problem.L,
      hyperparameters: { alpha: 1 },
    });
    expect(methodEntry('adiana').theoryStep(problem, { compressor: identity(d) })).toMatchObject({
      gamma: 1 / 12,
      hyperparameters: { alpha: 1, p: 1 },
    });
  });

  it('a missing constant is named in one line: ω of a contractive or absolute compressor, or μ of a problem that does not know it (with the hyperparameter that supplies it)', async () => {
    const { methodEntry } = await load();
    for (const id of ['diana', 'adiana']) {
      const step = methodEntry(id).theoryStep(problem, { compressor });
      expect(step, id).toMatchObject({
        kind: 'missing',
        reason: expect.stringMatching(
          /needs the ω of an unbiased compressor, and top-k\(k=1,d=3\) is contractive \(α = 0\.333/,
        ) as unknown as string,
      });
      expect(step.kind === 'missing' && step.contractiveView === undefined && step.supply === undefined, id).toBe(true);
      oneLine(
        () => methodEntry(id).theoryStepSize(problem, { compressor: hardThreshold(d, 0.5) }),
        new RegExp(`^${id}: .*is absolute.*; pass γ as a number$`),
      );
    }
    // Only L and the L_i: the theorems' way of asking (theorems/implementation/theory-step-sizes.ts).
    const bare = { L: 3, Li: problem.Li };
    for (const id of ['adiana', 'agd']) {
      const step = methodEntry(id).theoryStep(bare, { compressor: unbiased });
      expect(step, id).toEqual({
        kind: 'missing',
        reason: expect.stringContaining(
          'needs the strong convexity μ of f, and the problem does not know it',
        ) as unknown as string,
        supply: { hyperparameter: 'mu', symbol: 'μ' },
      });
      oneLine(
        () => methodEntry(id).theoryStepSize(bare, { compressor: unbiased }),
        new RegExp(
          `^${id}: the theory step \\(docs/theory\\.md §[0-9A.]+\\) needs the strong convexity μ of f.*; pass mu \\(μ\\)$`,
        ),
      );
      // Passing μ is enough.
      expect(methodEntry(id).theoryStep(bare, { compressor: unbiased, mu: 1 }).kind, id).toBe('rule');
      expect(methodEntry(id).theoryStep(bare, { compressor: unbiased, mu: 4 }), id).toMatchObject({
        kind: 'missing',
        reason: expect.stringContaining('needs 0 < μ ≤ L, got μ = 4, L = 3') as unknown as string,
      });
    }
  });

  it('a build without a hyperparameter left to the theory step is refused in one line, naming it, its rule and where to take it from', async () => {
    const { methodEntry } = await load();
    oneLine(
      () => methodEntry('diana').build({ gamma: 0.1, compressor: unbiased }),
      /^diana: alpha has no fixed default \(the theory step sets it to 1\/\(1 \+ ω\) of the compressor, and a build has no problem\); pass alpha, or take it from theoryStep\(problem, values\)\.hyperparameters$/,
    );
    oneLine(
      () => methodEntry('agd').build({ gamma: 0.1 }),
      /^agd: mu has no fixed default \(the theory step sets it to the problem's μ/,
    );
    oneLine(
      () => methodEntry('adiana').build({ gamma: 0.1, compressor: unbiased, mu: 1, alpha: 0.5 }),
      /^adiana: p has no fixed default/,
    );
  });

  it('ADIANA’s coupling follows its η (the registry’s γ) by the published rule; AGD’s momentum is Nesterov’s for L = 1/γ, capped at q = 1', async () => {
    const { methodEntry } = await load();
    const at = (eta: number) =>
      methodEntry('adiana').build({ gamma: eta, compressor: unbiased, mu, alpha: adianaRule.alpha, p: adianaRule.p });
    const six = (v: number) => Number(v.toPrecision(6));
    // At the rule's η the knobs are adianaParameters' own.
    expect(at(adianaRule.eta).name).toBe(
      `adiana(η=${six(adianaRule.eta)},θ1=${six(adianaRule.theta1)},θ2=0.5,p=${six(adianaRule.p)},rand-k(k=1,d=3,scaled))`,
    );
    // At η/4, θ1 = min{1/4, √(ημ/p)} follows it.
    expect(at(adianaRule.eta / 4).name).toContain(
      `θ1=${six(Math.min(0.25, Math.sqrt(((adianaRule.eta / 4) * mu) / adianaRule.p)))}`,
    );
    expect(methodEntry('agd').build({ gamma: 0.01, mu: 1 }).name).toBe(
      `agd(γ=0.01,β=${agdParameters({ L: 100, mu: 1 }).momentum})`,
    );
    expect(methodEntry('agd').build({ gamma: 2, mu: 1 }).name).toBe('agd(γ=2,β=0)');
  });

  it('run at their theory parameters, each converges linearly on a strongly convex quadratic (κ = 10, DIANA and ADIANA with scaled rand-1)', async () => {
    const { methodEntry } = await load();
    // n = 4 nodes, d = 5, curvatures log-spaced in [0.1, 1] scaled per node, different linear terms (∇f_i(x*) ≠ 0).
    const a = Array.from({ length: 4 }, (_, i) => Array.from({ length: 5 }, (_, j) => (1 + 0.25 * i) * 10 ** (-j / 4)));
    const b = Array.from({ length: 4 }, (_, i) => Array.from({ length: 5 }, (_, j) => Math.sin(1 + 3 * i + j)));
    const quad = diagonalQuadratic(a, b);
    expect(quad.mu).toBeDefined();
    const oracle = exactOracle(quad);
    const x0 = [1, -1, 2, 0.5, -0.5];
    // ADIANA's published η is small at these sizes (docs/theory.md §A1.5: it needs more rounds than DIANA below κ ≈ 500).
    const rounds: Record<string, number> = { diana: 3000, adiana: 12000, agd: 200 };
    for (const [id, T] of Object.entries(rounds)) {
      const entry = methodEntry(id);
      const values = entry.hyperparameters.includes('compressor') ? { compressor: randK(5, 1, { scaled: true }) } : {};
      const step = entry.theoryStep(quad, values);
      if (step.kind !== 'rule') throw new Error(`${id}: ${step.reason}`);
      const run = trajectory(
        entry.build({ ...values, ...step.hyperparameters, gamma: step.gamma, x0 }),
        oracle,
        T,
        key(5),
        { record: T / 2 },
      );
      expect(run.diverged, id).toBeUndefined();
      const [g0, gHalf, gEnd] = run.gradNormSq;
      expect(gEnd, id).toBeLessThan(1e-20 * g0);
      // Linear: the second half contracts at least as much as the first one, up to the floor of rounding.
      expect(gEnd, id).toBeLessThanOrEqual(Math.max((gHalf / g0) * gHalf * 10, 1e-28 * g0));
      expect(norm2sq(run.final.x), id).toBeGreaterThan(0);
    }
  });
});

describe('method registry: NEOLITHIC and BEER', () => {
  it('NEOLITHIC bills all R = ⌈1/α⌉ pieces of each node’s message, declares R from the state, and takes --master-compressor as its server compressor', async () => {
    const { methodEntry } = await load();
    const oracle = exactOracle(problem);
    methodEntry('neolithic').withMethod((def) => {
      const run = trajectory(def.build(paramsOf(def, { gamma: 0.05, compressor })), oracle, 3, key(2), {
        keepStates: true,
      });
      const states = run.states ?? [];
      // Top-1 in d = 3: R = 3 pieces of one 64-bit value and a 2-bit index, every round; nothing at round 0.
      expect(run.bitsPerNode).toEqual([0, 1, 2, 3].map((t) => t * 3 * (64 + 2)));
      expect(run.initBitsPerNode).toBe(0);
      for (const s of states) expect(messagesPerRound(def.facts, s)).toBe(3);
      expect(def.facts.describeState(run.final)).toEqual({ rounds: 3 });
      expect(topologyOf(def.facts)).toEqual({ kind: 'star' });
    });
    const withServer = methodEntry('neolithic').build({ gamma: 0.05, compressor, masterCompressor: topK(d, 2) });
    expect(withServer.name).toBe('neolithic(γ=0.05,top-k(k=1,d=3),server=top-k(k=2,d=3))');
    expect(methodEntry('neolithic').build({ gamma: 0.05, compressor }).name).toBe('neolithic(γ=0.05,top-k(k=1,d=3))');
  });

  it('BEER: the registry’s γ is its learning rate η (x̄⁺ = x̄ − η·mean_i ∇f_i(x⁰) in round 1), γ_c its consensus step (default 0.1), on a ring', async () => {
    const { methodEntry } = await load();
    const entry = methodEntry('beer');
    const x0 = [1, -1, 0.5];
    const alg = entry.build({ gamma: 0.05, compressor, x0 });
    expect(alg.name).toBe('beer(η=0.05,γ=0.1,top-k(k=1,d=3),W=ring)');
    expect(entry.build({ gamma: 0.05, compressor, consensusStep: 0.7 }).name).toBe(
      'beer(η=0.05,γ=0.7,top-k(k=1,d=3),W=ring)',
    );
    const oracle = exactOracle(problem);
    const s1 = alg.step(alg.init(oracle, key(0)), oracle, key(1));
    const g = gradient(problem, Float64Array.from(x0));
    for (let j = 0; j < d; j++) expect(Math.abs(s1.x[j] - (x0[j] - 0.05 * g[j]))).toBeLessThanOrEqual(1e-15);
    entry.withMethod((def) => {
      const topology = topologyOf(def.facts);
      expect(topology.kind).toBe('graph');
      if (topology.kind === 'graph')
        for (const n of [1, 2, 3, 4, 7]) expect(topology.mixing(n), `n=${n}`).toEqual(ringMixing.matrix(n));
      const run = trajectory(def.build(paramsOf(def, { gamma: 0.05, compressor, x0 })), oracle, 3, key(2));
      // Two compressed messages per agent and round, nothing at round 0.
      expect(run.bitsPerNode).toEqual([0, 1, 2, 3].map((t) => t * 2 * (64 + 2)));
      expect(messagesPerRound(def.facts, run.final)).toBe(2);
      const described = def.facts.describeState(run.final);
      expect(described.graph).toBe('ring');
      expect(described.consensusError).toBeGreaterThan(0);
    });
  });

  it('BEER at the registry’s defaults (ring, γ_c = 0.1) converges on a strongly convex quadratic of 4 agents at η = 1/(2L)', async () => {
    const { methodEntry } = await load();
    const n = 4;
    const a = Array.from({ length: n }, (_, i) => Array.from({ length: 3 }, (_, j) => (1 + 0.25 * i) * 10 ** (-j / 4)));
    const b = Array.from({ length: n }, (_, i) => Array.from({ length: 3 }, (_, j) => Math.sin(1 + 3 * i + j)));
    const quad = diagonalQuadratic(a, b);
    const run = trajectory(
      methodEntry('beer').build({ gamma: 0.5 / quad.L, compressor: topK(3, 1) }),
      exactOracle(quad),
      2000,
      key(5),
      { record: 1000 },
    );
    expect(run.diverged).toBeUndefined();
    expect(run.gradNormSq[2]).toBeLessThan(1e-12 * run.gradNormSq[0]);
    expect(run.gradNormSq[2]).toBeLessThan(run.gradNormSq[1]);
  });
});
