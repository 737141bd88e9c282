/**
 * Metamorphic reductions between methods (PEPit's "uselessly complexified" tests, optax's equivalence tests):
 * one method with a trivial setting must reproduce another, exactly where the arithmetic is the same and within
 * a rounding tolerance scaled by the summands where it is reordered.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compressedGd } from '../../src/algorithms/compressed-gd.ts';
import { ef14, type EF14State } from '../../src/algorithms/ef14.ts';
import { ef14VirtualIterate, replayGradients } from '../../src/algorithms/ef14-virtual-iterate.ts';
import { ef21, type EF21State } from '../../src/algorithms/ef21.ts';
import { ef21Bc } from '../../src/algorithms/ef21-bc.ts';
import { ef21Hb } from '../../src/algorithms/ef21-hb.ts';
import { ef21Pp } from '../../src/algorithms/ef21-pp.ts';
import { ef21Sgd2m } from '../../src/algorithms/ef21-sgd2m.ts';
import { ef21SgdIdeal } from '../../src/algorithms/ef21-sgd-ideal.ts';
import { ef21Sgdm } from '../../src/algorithms/ef21-sgdm.ts';
import { ef21SgdmIdeal } from '../../src/algorithms/ef21-sgdm-ideal.ts';
import { ef21W, type EF21WState } from '../../src/algorithms/ef21-w.ts';
import { gd, type GdState } from '../../src/algorithms/gd.ts';
import { methods } from '../../src/algorithms/registry.ts';
import { trajectory } from '../../src/algorithms/run.ts';
import type { MethodState } from '../../src/algorithms/types.ts';
import { identity } from '../../src/compressors/identity.ts';
import { randK } from '../../src/compressors/rand-k.ts';
import { topK } from '../../src/compressors/top-k.ts';
import type { Compressor } from '../../src/compressors/types.ts';
import { exactOracle } from '../../src/oracles/exact.ts';
import { gaussianOracle } from '../../src/oracles/gaussian.ts';
import { diagonalQuadratic } from '../../src/problems/diagonal-quadratic.ts';
import { foldIn, key } from '../../src/rng/key.ts';
import { permutation } from '../../src/rng/sample.ts';
import { firstMismatch, sameValues, seedArb, seededInstance } from './_helpers.ts';

const T = 10;
const sizeArb = fc.record({ n: fc.integer({ min: 1, max: 4 }), d: fc.integer({ min: 1, max: 6 }), seed: seedArb, stepFrac: fc.double({ min: 0.05, max: 1, noNaN: true }) });
const compressorArb = fc.constantFrom('top-k', 'rand-k', 'rand-k-scaled');
const build = (kind: string, d: number, seed: number): Compressor => {
  const k = 1 + (seed % d);
  return kind === 'top-k' ? topK(d, k) : randK(d, k, { scaled: kind === 'rand-k-scaled' });
};

/** Σ_{s≤t} (|x^s_j| + Σ_i |g_ij^s|): the magnitudes every x^t and g^t of an EF21-type run is summed from. */
function runningScale(states: readonly MethodState[]): Float64Array[] {
  const d = states[0].x.length;
  const acc = new Float64Array(d);
  return states.map((s) => {
    const gi = (s as unknown as { gi?: Float64Array[] }).gi ?? [];
    const g = (s as unknown as { g?: Float64Array }).g;
    for (let j = 0; j < d; j++) {
      acc[j] += Math.abs(s.x[j]) + (g === undefined ? 0 : Math.abs(g[j]));
      for (const v of gi) acc[j] += Math.abs(v[j]);
    }
    return acc.slice();
  });
}

const states = <S>(r: { readonly states?: readonly unknown[] }): S[] => r.states as S[];

describe('metamorphic reductions', () => {
  it('EF21 with the identity compressor is GD (SGD with a noisy oracle), within rounding of the reordered sums', () => {
    fc.assert(
      fc.property(sizeArb, fc.constantFrom(0, 0.5), ({ n, d, seed, stepFrac }, sigma) => {
        const { problem, x0 } = seededInstance(seed, n, d);
        const oracle = gaussianOracle(problem, sigma);
        const gamma = stepFrac / Math.max(...problem.Li);
        const a = states<EF21State>(trajectory(ef21({ gamma, compressor: identity(d), x0 }), oracle, T, key(seed), { keepStates: true }));
        const b = states<GdState>(trajectory(gd({ gamma, x0 }), oracle, T, key(seed), { keepStates: true }));
        const scale = runningScale(a);
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
        const base = states<EF21State>(trajectory(ef21({ gamma, compressor, x0, randomness }), oracle, T, key(seed), { keepStates: true }));
        for (const alg of [ef21Sgdm({ gamma, eta: 1, compressor, x0, randomness }), ef21Sgd2m({ gamma, eta: 1, compressor, x0, randomness })]) {
          const m = states<EF21State>(trajectory(alg, oracle, T, key(seed), { keepStates: true }));
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
        const run = (alg: Parameters<typeof trajectory>[0]) => states<EF21State>(trajectory(alg, oracle, T, key(seed), { keepStates: true }));
        const pairs: [EF21State[], EF21State[]][] = [
          [run(ef21Pp({ gamma, compressor, x0, p: 1 })), run(ef21({ gamma, compressor, x0 }))],
          [run(ef21Hb({ gamma, compressor, x0, eta: 0 })), run(ef21({ gamma, compressor, x0 }))],
          [run(ef21SgdmIdeal({ gamma, compressor, x0, eta: 1 })), run(ef21SgdIdeal({ gamma, compressor, x0 }))],
        ];
        for (const [m, base] of pairs) {
          for (let t = 0; t <= T; t++) {
            expect(sameValues(m[t].x, base[t].x)).toBe(true);
            expect(sameValues(m[t].g, base[t].g)).toBe(true);
            expect(m[t].bitsPerNode).toBe(base[t].bitsPerNode);
          }
        }
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
        const bc = states<EF21State>(trajectory(ef21Bc({ gamma, compressor, masterCompressor: identity(d), x0 }), oracle, T, key(seed), { keepStates: true }));
        const base = states<EF21State>(trajectory(ef21({ gamma, compressor, x0 }), oracle, T, key(seed), { keepStates: true }));
        const scale = runningScale(base);
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
        const w = states<EF21WState>(trajectory(ef21W({ gamma, compressor, x0 }), oracle, T, key(seed), { keepStates: true }));
        const base = states<EF21State>(trajectory(ef21({ gamma, compressor, x0 }), oracle, T, key(seed), { keepStates: true }));
        const scale = runningScale(base);
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
        const s = states<EF14State>(trajectory(ef14({ gamma, compressor: build(kind, d, seed), x0 }), oracle, T, key(seed), { keepStates: true }));
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

  it('relabelling the nodes changes nothing (σ = 0, deterministic compressors), for every method but EF21-PP', () => {
    fc.assert(
      fc.property(sizeArb, fc.constantFrom('top-k', 'identity'), ({ n, d, seed, stepFrac }, kind) => {
        const { problem, x0, a: curv, b: lin } = seededInstance(seed, n, d, 3);
        const pi = permutation(foldIn(key(seed), 1), n);
        const permuted = diagonalQuadratic(Array.from(pi, (i) => curv[i]), Array.from(pi, (i) => lin[i]));
        const compressor = kind === 'top-k' ? topK(d, 1 + (seed % d)) : identity(d);
        const gamma = stepFrac / Math.max(...problem.Li);
        for (const entry of methods) {
          if (entry.id === 'ef21-pp') continue; // participation is drawn per node index: relabelling changes who joins
          const h = new Set<string>(entry.hyperparameters);
          const params = {
            gamma,
            x0,
            ...(h.has('compressor') ? { compressor } : {}),
            ...(h.has('masterCompressor') ? { masterCompressor: topK(d, 1 + ((seed >> 3) % d)) } : {}),
            ...(h.has('eta') ? { eta: entry.id === 'ef21-hb' ? 0.5 : 0.3 } : {}),
          };
          const a = trajectory(entry.build(params), exactOracle(problem), T, key(seed), { keepStates: true });
          const b = trajectory(entry.build(params), exactOracle(permuted), T, key(seed + 1), { keepStates: true });
          const sa = states<MethodState>(a);
          const sb = states<MethodState>(b);
          const scale = runningScale(sa);
          for (let t = 0; t <= T; t++) {
            expect(firstMismatch(sa[t].x, sb[t].x, scale[t], 1e-12)).toBe(-1);
            const gia = (sa[t] as unknown as { gi?: Float64Array[] }).gi;
            const gib = (sb[t] as unknown as { gi?: Float64Array[] }).gi;
            if (gia !== undefined && gib !== undefined) for (let i = 0; i < n; i++) expect(firstMismatch(gib[i], gia[pi[i]], scale[t], 1e-12)).toBe(-1);
          }
        }
      }),
      { numRuns: 30 },
    );
  });

  it('naive compressed GD keeps no memory: with the identity compressor it is GD exactly', () => {
    fc.assert(
      fc.property(sizeArb, ({ n, d, seed, stepFrac }) => {
        const { problem, x0 } = seededInstance(seed, n, d);
        const oracle = gaussianOracle(problem, 0.5);
        const gamma = stepFrac / Math.max(...problem.Li);
        const a = states<GdState>(trajectory(compressedGd({ gamma, compressor: identity(d), x0 }), oracle, T, key(seed), { keepStates: true }));
        const b = states<GdState>(trajectory(gd({ gamma, x0 }), oracle, T, key(seed), { keepStates: true }));
        for (let t = 0; t <= T; t++) expect(sameValues(a[t].x, b[t].x)).toBe(true);
      }),
    );
  });
});
