/**
 * Metamorphic reductions between methods (PEPit's "uselessly complexified" tests, optax's equivalence tests):
 * one method with a trivial setting must reproduce another, exactly where the arithmetic is the same and within
 * a rounding tolerance scaled by the summands where it is reordered. The relabelling check runs over the registry
 * and reads each method's declared facts (src/algorithms/method-facts.ts).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compressedGd } from '../../src/algorithms/compressed-gd.ts';
import { ef14 } from '../../src/algorithms/ef14.ts';
import { ef14VirtualIterate, replayGradients } from '../../src/algorithms/ef14-virtual-iterate.ts';
import { ef21 } from '../../src/algorithms/ef21.ts';
import { ef21Bc } from '../../src/algorithms/ef21-bc.ts';
import { ef21Hb } from '../../src/algorithms/ef21-hb.ts';
import { ef21Pp } from '../../src/algorithms/ef21-pp.ts';
import { ef21Sgd2m } from '../../src/algorithms/ef21-sgd2m.ts';
import { ef21SgdIdeal } from '../../src/algorithms/ef21-sgd-ideal.ts';
import { ef21Sgdm } from '../../src/algorithms/ef21-sgdm.ts';
import { ef21SgdmIdeal } from '../../src/algorithms/ef21-sgdm-ideal.ts';
import { ef21W } from '../../src/algorithms/ef21-w.ts';
import { gd } from '../../src/algorithms/gd.ts';
import { schemaEntries } from '../../src/algorithms/hyperparameter-schema.ts';
import { paramsOf, type MethodDefinition } from '../../src/algorithms/method-definition.ts';
import { methods } from '../../src/algorithms/registry.ts';
import { trajectory } from '../../src/algorithms/run.ts';
import type { Algorithm, MethodState } from '../../src/algorithms/types.ts';
import { identity } from '../../src/compressors/identity.ts';
import { randK } from '../../src/compressors/rand-k.ts';
import { topK } from '../../src/compressors/top-k.ts';
import type { Compressor } from '../../src/compressors/types.ts';
import type { ReadonlyVector } from '../../src/linalg/vector.ts';
import { exactOracle } from '../../src/oracles/exact.ts';
import { gaussianOracle } from '../../src/oracles/gaussian.ts';
import { diagonalQuadratic } from '../../src/problems/diagonal-quadratic.ts';
import { foldIn, key } from '../../src/rng/key.ts';
import { permutation } from '../../src/rng/sample.ts';
import { hyperparameterValues } from '../arbitraries/hyperparameter-values.ts';
import { firstMismatch, keptStates, sameValues, seedArb, seededInstance } from './_helpers.ts';

const T = 10;
const sizeArb = fc.record({ n: fc.integer({ min: 1, max: 4 }), d: fc.integer({ min: 1, max: 6 }), seed: seedArb, stepFrac: fc.double({ min: 0.05, max: 1, noNaN: true }) });
const compressorArb = fc.constantFrom('top-k', 'rand-k', 'rand-k-scaled');
const build = (kind: string, d: number, seed: number): Compressor => {
  const k = 1 + (seed % d);
  return kind === 'top-k' ? topK(d, k) : randK(d, k, { scaled: kind === 'rand-k-scaled' });
};

/**
 * Σ_{s≤t} (|x^s_j| + Σ_v |v_j^s|) over the vectors v of state s that `vectorsOf` names (g and the g_i of an
 * EF21-type run): the magnitudes every x^t and g^t is summed from.
 */
function runningScale<S extends MethodState>(states: readonly S[], vectorsOf: (s: S) => readonly ReadonlyVector[]): Float64Array[] {
  const d = states[0].x.length;
  const acc = new Float64Array(d);
  return states.map((s) => {
    const vs = vectorsOf(s);
    for (let j = 0; j < d; j++) {
      acc[j] += Math.abs(s.x[j]);
      for (const v of vs) acc[j] += Math.abs(v[j]);
    }
    return acc.slice();
  });
}

/** g and the g_i: what an EF21-type state's x and g are summed from. */
/** An EF21-type state: x and the master's aggregate g. */
type EF21TypeState = MethodState & { readonly g: ReadonlyVector };

const ef21Vectors = (s: { readonly g: ReadonlyVector; readonly gi: readonly ReadonlyVector[] }): readonly ReadonlyVector[] => [s.g, ...s.gi];

/** Every state of a T-round run, typed as the method's own. */
const statesOf = <S extends MethodState>(alg: Algorithm<unknown, S>, oracle: Parameters<typeof trajectory>[1], seed: number): readonly S[] =>
  keptStates(trajectory(alg, oracle, T, key(seed), { keepStates: true }));

/**
 * Running a method on the problem with its nodes relabelled by a permutation π gives the same iterates, and node i's
 * vectors are node π(i)'s of the original run (σ = 0 and deterministic compressors, so no draw depends on the node
 * index). Methods that sample who sends are exempt: participation is drawn per node index, so relabelling changes
 * who joins. Hyperparameters come from the method's declared schema.
 */
function expectRelabellingInvariance<H, S extends MethodState>(def: MethodDefinition<H, S>): void {
  const { facts } = def;
  if (facts.participation.kind === 'sampled') return;
  const vectorsOf = (s: S): readonly ReadonlyVector[] => [
    ...(facts.aggregate === null ? [] : [facts.aggregate.master.read(s)]),
    ...facts.nodeVectors.flatMap((f) => f.read(s)),
  ];
  const caseArb = fc.record({ size: sizeArb, kind: fc.constantFrom('top-k', 'identity') }).chain(({ size, kind }) => {
    const { d, seed } = size;
    const uplink = kind === 'top-k' ? topK(d, 1 + (seed % d)) : identity(d);
    return hyperparameterValues(schemaEntries(def.hyperparameters), { uplink, downlink: topK(d, 1 + ((seed >> 3) % d)) }).map((h) => ({ ...size, h }));
  });
  fc.assert(
    fc.property(caseArb, ({ n, d, seed, stepFrac, h }) => {
      const { problem, x0, a: curv, b: lin } = seededInstance(seed, n, d, 3);
      const pi = permutation(foldIn(key(seed), 1), n);
      const permuted = diagonalQuadratic(Array.from(pi, (i) => curv[i]), Array.from(pi, (i) => lin[i]));
      const gamma = stepFrac / Math.max(...problem.Li);
      const alg = def.build(paramsOf(def, { ...h, gamma, x0 }));
      const sa = statesOf(alg, exactOracle(problem), seed);
      const sb = statesOf(alg, exactOracle(permuted), seed + 1);
      const scale = runningScale(sa, vectorsOf);
      for (let t = 0; t <= T; t++) {
        expect(firstMismatch(sa[t].x, sb[t].x, scale[t], 1e-12), `${def.id} x^${t}`).toBe(-1);
        for (const field of facts.nodeVectors) {
          const va = field.read(sa[t]);
          const vb = field.read(sb[t]);
          for (let i = 0; i < n; i++) expect(firstMismatch(vb[i], va[pi[i]], scale[t], 1e-12), `${def.id} ${field.symbol}^${t}`).toBe(-1);
        }
      }
    }),
    { numRuns: 30 },
  );
}

describe('metamorphic reductions', () => {
  it('EF21 with the identity compressor is GD (SGD with a noisy oracle), within rounding of the reordered sums', () => {
    fc.assert(
      fc.property(sizeArb, fc.constantFrom(0, 0.5), ({ n, d, seed, stepFrac }, sigma) => {
        const { problem, x0 } = seededInstance(seed, n, d);
        const oracle = gaussianOracle(problem, sigma);
        const gamma = stepFrac / Math.max(...problem.Li);
        const a = statesOf(ef21({ gamma, compressor: identity(d), x0 }), oracle, seed);
        const b = statesOf(gd({ gamma, x0 }), oracle, seed);
        const scale = runningScale(a, ef21Vectors);
        for (let t = 0; t <= T; t++) {
          expect(firstMismatch(a[t].x, b[t].x, scale[t], 1e-13)).toBe(-1);
          expect(firstMismatch(a[t].g, b[t].g, scale[t], 1e-13)).toBe(-1);
          expect(a[t].bitsPerNode).toBe(b[t].bitsPerNode);
        }
      }),
    );
  });

  it('EF21-SGDM and EF21-SGD2M with η = 1 are EF21-SGD exactly, with the same oracle and keys', () => {
    fc.assert(
      fc.property(sizeArb, compressorArb, fc.boolean(), ({ n, d, seed, stepFrac }, kind, shared) => {
        const { problem, x0 } = seededInstance(seed, n, d);
        const oracle = gaussianOracle(problem, 0.5);
        const compressor = build(kind, d, seed);
        const gamma = stepFrac / Math.max(...problem.Li);
        const randomness = shared ? ('shared' as const) : ('independent' as const);
        const base = statesOf(ef21({ gamma, compressor, x0, randomness }), oracle, seed);
        for (const alg of [ef21Sgdm({ gamma, eta: 1, compressor, x0, randomness }), ef21Sgd2m({ gamma, eta: 1, compressor, x0, randomness })]) {
          const m = statesOf(alg, oracle, seed);
          for (let t = 0; t <= T; t++) {
            expect(sameValues(m[t].x, base[t].x)).toBe(true);
            expect(sameValues(m[t].g, base[t].g)).toBe(true);
            for (let i = 0; i < n; i++) expect(sameValues(m[t].gi[i], base[t].gi[i])).toBe(true);
          }
        }
      }),
    );
  });

  it('EF21-PP with p = 1, EF21-HB with η = 0 and EF21-SGDM-ideal with η = 1 reduce exactly to EF21 / EF21-SGD-ideal', () => {
    fc.assert(
      fc.property(sizeArb, compressorArb, ({ n, d, seed, stepFrac }, kind) => {
        const { problem, x0 } = seededInstance(seed, n, d);
        const oracle = gaussianOracle(problem, 0.5);
        const compressor = build(kind, d, seed);
        const gamma = stepFrac / Math.max(...problem.Li);
        const run = <S extends MethodState>(alg: Algorithm<unknown, S>): readonly S[] => statesOf(alg, oracle, seed);
        /** The same x^t, g^t and bits at every t. */
        const expectSameRun = (m: readonly EF21TypeState[], base: readonly EF21TypeState[]): void => {
          for (let t = 0; t <= T; t++) {
            expect(sameValues(m[t].x, base[t].x)).toBe(true);
            expect(sameValues(m[t].g, base[t].g)).toBe(true);
            expect(m[t].bitsPerNode).toBe(base[t].bitsPerNode);
          }
        };
        expectSameRun(run(ef21Pp({ gamma, compressor, x0, p: 1 })), run(ef21({ gamma, compressor, x0 })));
        expectSameRun(run(ef21Hb({ gamma, compressor, x0, eta: 0 })), run(ef21({ gamma, compressor, x0 })));
        expectSameRun(run(ef21SgdmIdeal({ gamma, compressor, x0, eta: 1 })), run(ef21SgdIdeal({ gamma, compressor, x0 })));
      }),
    );
  });

  it('EF21-BC with the identity master compressor is EF21, within rounding', () => {
    fc.assert(
      fc.property(sizeArb, compressorArb, ({ n, d, seed, stepFrac }, kind) => {
        const { problem, x0 } = seededInstance(seed, n, d);
        const oracle = gaussianOracle(problem, 0.5);
        const compressor = build(kind, d, seed);
        const gamma = stepFrac / Math.max(...problem.Li);
        const bc = statesOf(ef21Bc({ gamma, compressor, masterCompressor: identity(d), x0 }), oracle, seed);
        const base = statesOf(ef21({ gamma, compressor, x0 }), oracle, seed);
        const scale = runningScale(base, ef21Vectors);
        for (let t = 0; t <= T; t++) expect(firstMismatch(bc[t].x, base[t].x, scale[t], 1e-12)).toBe(-1);
      }),
    );
  });

  it('EF21-W equals EF21 for positively homogeneous compressors: n·w_i·g_i^W = g_i and the same x^t, same γ', () => {
    fc.assert(
      fc.property(sizeArb, fc.constantFrom('top-k', 'rand-k'), fc.constantFrom(0, 0.5), fc.double({ min: 1, max: 20, noNaN: true }), ({ n, d, seed, stepFrac }, kind, sigma, spread) => {
        const { problem, x0 } = seededInstance(seed, n, d, spread);
        const oracle = gaussianOracle(problem, sigma);
        const compressor = build(kind, d, seed);
        const gamma = stepFrac / Math.max(...problem.Li);
        const w = statesOf(ef21W({ gamma, compressor, x0 }), oracle, seed);
        const base = statesOf(ef21({ gamma, compressor, x0 }), oracle, seed);
        const scale = runningScale(base, ef21Vectors);
        for (let t = 0; t <= T; t++) {
          expect(firstMismatch(w[t].x, base[t].x, scale[t], 1e-12)).toBe(-1);
          for (let i = 0; i < n; i++) {
            const h = w[t].gi[i].map((v) => n * w[t].wi[i] * v);
            expect(firstMismatch(h, base[t].gi[i], scale[t], 1e-12)).toBe(-1);
          }
        }
      }),
    );
  });

  it("EF14's virtual iterate x − γg − γ·mean(e_i) accumulates exactly the nodes' stochastic gradients, as SGD (docs/theory.md §2.1)", () => {
    fc.assert(
      fc.property(sizeArb, fc.constantFrom('top-k', 'rand-k', 'rand-k-scaled'), ({ n, d, seed, stepFrac }, kind) => {
        const { problem, x0 } = seededInstance(seed, n, d);
        const oracle = gaussianOracle(problem, 0.5);
        const gamma = stepFrac / Math.max(...problem.Li);
        const s = statesOf(ef14({ gamma, compressor: build(kind, d, seed), x0 }), oracle, seed);
        // The nodes' own draws, replayed from the run's keys (src/algorithms/ef14-virtual-iterate.ts).
        const grads = replayGradients(s, oracle, key(seed));
        const sgd = Float64Array.from(x0);
        const scale = Float64Array.from(x0, Math.abs);
        for (let t = 0; t <= T; t++) {
          for (let i = 0; i < n; i++) {
            const g = grads[t][i];
            for (let j = 0; j < d; j++) {
              sgd[j] -= (gamma / n) * g[j];
              scale[j] += (gamma / n) * (Math.abs(g[j]) + Math.abs(s[t].ei[i][j])) + gamma * Math.abs(s[t].g[j]) + Math.abs(s[t].x[j]);
            }
          }
          expect(firstMismatch(ef14VirtualIterate(s[t], gamma), sgd, scale, 1e-13)).toBe(-1);
        }
      }),
    );
  });

  it('relabelling the nodes changes nothing (σ = 0, deterministic compressors), for every method whose nodes all send', () => {
    for (const entry of methods) entry.withMethod(expectRelabellingInvariance);
  });

  it('naive compressed GD keeps no memory: with the identity compressor it is GD exactly', () => {
    fc.assert(
      fc.property(sizeArb, ({ n, d, seed, stepFrac }) => {
        const { problem, x0 } = seededInstance(seed, n, d);
        const oracle = gaussianOracle(problem, 0.5);
        const gamma = stepFrac / Math.max(...problem.Li);
        const a = statesOf(compressedGd({ gamma, compressor: identity(d), x0 }), oracle, seed);
        const b = statesOf(gd({ gamma, x0 }), oracle, seed);
        for (let t = 0; t <= T; t++) expect(sameValues(a[t].x, b[t].x)).toBe(true);
      }),
    );
  });
});
