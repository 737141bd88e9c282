/**
 * Metamorphic reductions between methods (PEPit's "uselessly complexified" tests, optax's equivalence tests):
 * one method with a trivial setting must reproduce another, exactly where the arithmetic is the same and within
 * a rounding tolerance scaled by the summands where it is reordered (DIANA with the identity compressor and α = 1 is
 * GD; ADIANA with the identity compressor and Nesterov's parameters is AGD). The relabelling and seed checks run over
 * the registry and read each method's declared schema and facts (src/algorithms/method-facts.ts).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { nesterovParameters } from '../../src/algorithms/adiana-parameters.ts';
import { adiana } from '../../src/algorithms/adiana.ts';
import { agd, agdParameters } from '../../src/algorithms/agd.ts';
import { compressedGd } from '../../src/algorithms/compressed-gd.ts';
import { diana } from '../../src/algorithms/diana.ts';
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
import { topologyOf } from '../../src/algorithms/method-facts.ts';
import { isAutomorphism } from '../../src/algorithms/mixing.ts';
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
import { firstMismatch, keptStates, sameState, sameValues, seedArb, seededInstance } from './_helpers.ts';

const T = 10;
const sizeArb = fc.record({
  n: fc.integer({ min: 1, max: 4 }),
  d: fc.integer({ min: 1, max: 6 }),
  seed: seedArb,
  stepFrac: fc.double({ min: 0.05, max: 1, noNaN: true }),
});
const compressorArb = fc.constantFrom('top-k', 'rand-k', 'rand-k-scaled');
const build = (kind: string, d: number, seed: number): Compressor => {
  const k = 1 + (seed % d);
  return kind === 'top-k' ? topK(d, k) : randK(d, k, { scaled: kind === 'rand-k-scaled' });
};

/**
 * Σ_{s≤t} (|x^s_j| + Σ_v |v_j^s|) over the vectors v of state s that `vectorsOf` names (g and the g_i of an
 * EF21-type run): the magnitudes every x^t and g^t is summed from.
 */
function runningScale<S extends MethodState>(
  states: readonly S[],
  vectorsOf: (s: S) => readonly ReadonlyVector[],
): Float64Array[] {
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

const ef21Vectors = (s: {
  readonly g: ReadonlyVector;
  readonly gi: readonly ReadonlyVector[];
}): readonly ReadonlyVector[] => [s.g, ...s.gi];

/** Every state of a T-round run, typed as the method's own. */
const statesOf = <S extends MethodState>(
  alg: Algorithm<unknown, S>,
  oracle: Parameters<typeof trajectory>[1],
  seed: number,
): readonly S[] => keptStates(trajectory(alg, oracle, T, key(seed), { keepStates: true }));

/**
 * Running a method on the problem with its nodes relabelled by a permutation π, from the same seed, gives the same
 * iterates, and node i's vectors are node π(i)'s of the original run (σ = 0 and deterministic compressors, so no draw
 * depends on the node index; a draw shared by all nodes, ADIANA's anchor coin, is the same draw in both runs).
 * Methods that sample who sends are exempt: participation is drawn per node index, so relabelling changes who joins.
 * Methods whose nodes talk on a graph (topology 'graph', BEER) relabel only by a π that leaves their mixing matrix as
 * it is (an automorphism; n ≤ 3 on a ring); for any other π the declared fact is that the run changes, and it must.
 * Hyperparameters come from the method's declared schema.
 */
function expectRelabellingInvariance<H, S extends MethodState>(def: MethodDefinition<H, S>): void {
  const { facts } = def;
  if (facts.participation.kind === 'sampled') return;
  const topology = topologyOf(facts);
  const vectorsOf = (s: S): readonly ReadonlyVector[] => [
    ...(facts.aggregate === null ? [] : [facts.aggregate.master.read(s)]),
    ...facts.nodeVectors.flatMap((f) => f.read(s)),
  ];
  const hyperparameters = (d: number, seed: number, kind: string) => {
    const uplink = kind === 'top-k' ? topK(d, 1 + (seed % d)) : identity(d);
    return hyperparameterValues(schemaEntries(def.hyperparameters), {
      uplink,
      downlink: topK(d, 1 + ((seed >> 3) % d)),
    });
  };
  /** The two runs, and the index of the first round and field where node i's vectors are not node π(i)'s (or null). */
  const compare = (
    size: { n: number; d: number; seed: number; stepFrac: number },
    h: Readonly<Record<string, unknown>>,
    pi: ArrayLike<number>,
  ) => {
    const { n, seed, stepFrac } = size;
    const { problem, x0, a: curv, b: lin } = seededInstance(seed, n, size.d, 3);
    const permuted = diagonalQuadratic(
      Array.from(pi, (i) => curv[i]),
      Array.from(pi, (i) => lin[i]),
    );
    const gamma = stepFrac / Math.max(...problem.Li);
    const alg = def.build(paramsOf(def, { ...h, gamma, x0 }));
    const sa = statesOf(alg, exactOracle(problem), seed);
    const sb = statesOf(alg, exactOracle(permuted), seed);
    const scale = runningScale(sa, vectorsOf);
    for (let t = 0; t <= T; t++) {
      if (firstMismatch(sa[t].x, sb[t].x, scale[t], 1e-12) !== -1) return `${def.id} x^${t}`;
      for (const field of facts.nodeVectors) {
        const va = field.read(sa[t]);
        const vb = field.read(sb[t]);
        for (let i = 0; i < n; i++)
          if (firstMismatch(vb[i], va[pi[i]], scale[t], 1e-12) !== -1)
            return `${def.id} ${field.symbol}^${t} of node ${i}`;
      }
    }
    return null;
  };
  /** Whether relabelling by π must leave the run relabelled: always on a star, for automorphisms of W on a graph. */
  const relabels = (n: number, pi: ArrayLike<number>): boolean =>
    topology.kind === 'star' || isAutomorphism(topology.mixing(n), pi);
  const caseArb = fc
    .record({ size: sizeArb, kind: fc.constantFrom('top-k', 'identity') })
    .chain(({ size, kind }) => hyperparameters(size.d, size.seed, kind).map((h) => ({ size, h })));
  fc.assert(
    fc.property(caseArb, ({ size, h }) => {
      const pi = permutation(foldIn(key(size.seed), 1), size.n);
      const mismatch = compare(size, h, pi);
      if (relabels(size.n, pi)) expect(mismatch, mismatch ?? '').toBeNull();
      else
        expect(
          mismatch,
          `${def.id}: relabelling by a π that is not a symmetry of its graph left the run as it was`,
        ).not.toBeNull();
    }),
    { numRuns: 30 },
  );
  if (topology.kind === 'graph') {
    // The graph branch for sure: four nodes, the first π (in a fixed order) that is not a symmetry of W(4).
    const n = 4;
    const W = topology.mixing(n);
    const pi = permutationsOf(n).find((p) => !isAutomorphism(W, p));
    expect(
      pi,
      `${def.id}: W(4) is invariant under every relabelling, so topology 'graph' claims nothing`,
    ).toBeDefined();
    if (pi !== undefined) {
      const size = { n, d: 3, seed: 12345, stepFrac: 0.5 };
      const h = fc.sample(hyperparameters(size.d, size.seed, 'top-k'), { numRuns: 1, seed: 1 })[0];
      expect(compare(size, h, pi), `${def.id}: relabelling by [${pi.join(', ')}]`).not.toBeNull();
    }
  }
}

/** Every permutation of 0…n − 1, in a fixed order. */
function permutationsOf(n: number): number[][] {
  if (n === 0) return [[]];
  return permutationsOf(n - 1).flatMap((p) =>
    Array.from({ length: n }, (_, at) => [...p.slice(0, at), n - 1, ...p.slice(at)]),
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
        for (const alg of [
          ef21Sgdm({ gamma, eta: 1, compressor, x0, randomness }),
          ef21Sgd2m({ gamma, eta: 1, compressor, x0, randomness }),
        ]) {
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
        expectSameRun(
          run(ef21SgdmIdeal({ gamma, compressor, x0, eta: 1 })),
          run(ef21SgdIdeal({ gamma, compressor, x0 })),
        );
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
      fc.property(
        sizeArb,
        fc.constantFrom('top-k', 'rand-k'),
        fc.constantFrom(0, 0.5),
        fc.double({ min: 1, max: 20, noNaN: true }),
        ({ n, d, seed, stepFrac }, kind, sigma, spread) => {
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
        },
      ),
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
              scale[j] +=
                (gamma / n) * (Math.abs(g[j]) + Math.abs(s[t].ei[i][j])) +
                gamma * Math.abs(s[t].g[j]) +
                Math.abs(s[t].x[j]);
            }
          }
          expect(firstMismatch(ef14VirtualIterate(s[t], gamma), sgd, scale, 1e-13)).toBe(-1);
        }
      }),
    );
  });

  it('relabelling the nodes changes nothing (σ = 0, deterministic compressors), for every method whose nodes all send, on a graph for its symmetries only', () => {
    for (const entry of methods) entry.withMethod(expectRelabellingInvariance);
  });

  it('a run is a function of its seed: the same seed gives the same states bit for bit, another seed another run (σ > 0), for every method', () => {
    for (const entry of methods) {
      const caseArb = sizeArb.chain((size) => {
        const { d, seed } = size;
        const uplink = randK(d, 1 + (seed % d), { scaled: true });
        return hyperparameterValues(entry.schema, { uplink, downlink: topK(d, 1 + ((seed >> 3) % d)) }).map((h) => ({
          ...size,
          h,
        }));
      });
      entry.withMethod((def) =>
        fc.assert(
          fc.property(caseArb, ({ n, d, seed, stepFrac, h }) => {
            const { problem, x0 } = seededInstance(seed, n, d);
            const oracle = gaussianOracle(problem, 0.5);
            const alg = def.build(paramsOf(def, { ...h, gamma: stepFrac / Math.max(...problem.Li), x0 }));
            const a = statesOf(alg, oracle, seed);
            const b = statesOf(alg, oracle, seed);
            for (let t = 0; t <= T; t++) expect(sameState(a[t], b[t]), `${def.id} t=${t}`).toBe(true);
            const other = statesOf(alg, oracle, seed + 1);
            expect(sameValues(other[T].x, a[T].x), `${def.id}: another seed, the same x^T`).toBe(false);
          }),
          { numRuns: 20 },
        ),
      );
    }
  });

  it('DIANA with the identity compressor and α = 1 is GD: the same x^t and bits every round, within rounding of the reordered sums', () => {
    // g = h + mean(∇f_i − h_i) with h = mean h_i is mean ∇f_i up to rounding; α = 1 makes h_i⁺ = ∇f_i(x) (exact oracle:
    // GD draws the next round's gradient in this round's key, DIANA in the next one's, so noise would not line up).
    fc.assert(
      fc.property(sizeArb, fc.boolean(), ({ n, d, seed, stepFrac }, shared) => {
        const { problem, x0 } = seededInstance(seed, n, d, 3);
        const oracle = exactOracle(problem);
        const gamma = stepFrac / Math.max(...problem.Li);
        const randomness = shared ? ('shared' as const) : ('independent' as const);
        const a = statesOf(diana({ gamma, alpha: 1, compressor: identity(d), x0, randomness }), oracle, seed);
        const b = statesOf(gd({ gamma, x0 }), oracle, seed);
        const scale = runningScale(a, (s) => [s.h, ...s.hi]);
        for (let t = 0; t <= T; t++) {
          expect(firstMismatch(a[t].x, b[t].x, scale[t], 1e-13), `x^${t}`).toBe(-1);
          expect(a[t].bitsPerNode).toBe(b[t].bitsPerNode);
          // The shifts after round t are that round's gradients: h_i^t = ∇f_i(x^{t−1}).
          if (t > 0)
            for (let i = 0; i < n; i++)
              expect(firstMismatch(a[t].hi[i], problem.gradI(i, a[t - 1].x), scale[t], 1e-13), `h_${i}^${t}`).toBe(-1);
        }
      }),
    );
  });

  it('ADIANA with the identity compressor and Nesterov’s parameters is AGD (agd.ts): the same output sequence, within rounding', () => {
    // θ1 = a/(1 + a), θ2 = 0, η = 1/L, β = 1 − a, γ = a/μ with a = √(μ/L) (adiana-parameters.ts nesterovParameters): the
    // three sequences are Nesterov's scheme (2.2.19); eliminating z gives agd.ts's x⁺ = y⁺ + ((1 − a)/(1 + a))(y⁺ − y).
    fc.assert(
      fc.property(sizeArb, fc.double({ min: 1, max: 30, noNaN: true }), ({ n, d, seed }, spread) => {
        const { problem, x0 } = seededInstance(seed, n, d, spread);
        const oracle = exactOracle(problem);
        const constants = { L: problem.L, mu: problem.mu ?? Number.NaN };
        const a = statesOf(adiana({ ...nesterovParameters(constants), compressor: identity(d), x0 }), oracle, seed);
        const b = statesOf(agd({ ...agdParameters(constants), x0 }), oracle, seed);
        // The magnitudes the two recursions sum: every sequence of ADIANA's state, and AGD's y.
        const scale = runningScale(a, (s) => [s.z, s.w, s.h]);
        for (let t = 0; t <= T; t++) {
          for (let j = 0; j < d; j++) scale[t][j] += Math.abs(b[t].y[j]);
          expect(firstMismatch(a[t].x, b[t].x, scale[t], 1e-12), `y^${t}`).toBe(-1);
        }
      }),
    );
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
