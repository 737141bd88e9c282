import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { identity } from '../compressors/identity.ts';
import { randK } from '../compressors/rand-k.ts';
import { dist2sq, mean, norm2sq, sameBits } from '../linalg/vector.ts';
import { exactOracle } from '../oracles/exact.ts';
import { diagonalQuadratic } from '../problems/diagonal-quadratic.ts';
import type { Problem } from '../problems/types.ts';
import { foldIn, key } from '../rng/key.ts';
import { normal, permutation } from '../rng/sample.ts';
import { dianaAlpha, dianaFedNlStep, dianaParameters } from './diana-parameters.ts';
import { diana, dianaUpdate, type DianaState } from './diana.ts';
import { gd } from './gd.ts';
import { trajectory } from './run.ts';

/** n nodes with the same curvatures (log-spaced in [1/κ, 1]) and different linear terms: ∇f_i(x*) ≠ 0. */
function heterogeneous(n: number, d: number, kappa: number, seed: number): Problem {
  const a = Array.from({ length: n }, () => Array.from({ length: d }, (_, j) => kappa ** (-j / Math.max(1, d - 1))));
  const b = Array.from({ length: n }, (_, i) => Array.from(normal(foldIn(key(seed), i), d)));
  return diagonalQuadratic(a, b);
}

/** x* of a diagonal quadratic: b̄_j/ā_j. */
function minimiser(p: Problem): Float64Array {
  const g0 = Array.from({ length: p.n }, (_, i) => p.gradI(i, new Float64Array(p.dim)));
  const e = Float64Array.from({ length: p.dim }, (_, j) => (j === 0 ? 1 : 0));
  // Diagonal: ∇f(x) = ā ⊙ x − b̄, so b̄ = −∇f(0) and ā_j = ∂_j∇f(e_j) + b̄_j.
  const bBar = mean(g0).map((v) => -v);
  const aBar = new Float64Array(p.dim);
  for (let j = 0; j < p.dim; j++) {
    e.fill(0);
    e[j] = 1;
    aBar[j] = mean(Array.from({ length: p.n }, (_, i) => p.gradI(i, e)))[j] + bBar[j];
  }
  return Float64Array.from(bBar, (v, j) => v / aBar[j]);
}

function snapshot(s: DianaState): unknown {
  return JSON.stringify({ ...s, x: Array.from(s.x), h: Array.from(s.h), hi: s.hi.map((v) => Array.from(v)) });
}

describe('DIANA parameters (docs/theory.md §A2.1–§A2.3)', () => {
  it('pins α = 1/(1 + ω), γ = 1/(L + 6ωL_max/n), M = 4ω/(αn), ρ = max{1 − γμ, 1 − α/2} on hand-computed values', () => {
    expect(dianaAlpha(0)).toBe(1);
    expect(dianaAlpha(9)).toBeCloseTo(0.1, 15);
    const p = dianaParameters({ L: 1, Lmax: 2, mu: 0.1, omega: 3, n: 4 });
    // γ = 1/(1 + 6·3·2/4) = 1/10, M = 12/(0.25·4) = 12, ρ = max{0.99, 0.875}.
    expect(p.alpha).toBe(0.25);
    expect(p.gamma).toBeCloseTo(0.1, 15);
    expect(p.M).toBeCloseTo(12, 13);
    expect(p.rho).toBeCloseTo(0.99, 15);
    const fast = dianaParameters({ L: 1, Lmax: 1, mu: 1, omega: 1, n: 6 });
    // γ = 1/2, γμ = 1/2 but α/2 = 1/4: ρ = 3/4 comes from the shifts.
    expect(fast.rho).toBeCloseTo(0.75, 15);
    // FedNL: min{α/(2μ), 2/((L + μ)(1 + 6ω/n))} = min{0.25/0.2, 2/(1.1·5.5)}.
    expect(dianaFedNlStep({ L: 1, Lmax: 2, mu: 0.1, omega: 3, n: 4 })).toBeCloseTo(2 / (1.1 * 5.5), 14);
    expect(() => dianaParameters({ L: 2, Lmax: 1, mu: 0.1, omega: 3, n: 4 })).toThrow(/L_max ≥ L/);
  });
});

describe('DIANA (Mishchenko et al. 2019, Alg. 1; docs/theory.md §A2.1)', () => {
  const problem = heterogeneous(4, 6, 10, 1);
  const oracle = exactOracle(problem);
  const x0 = normal(key(2), 6);

  it('with the identity compressor (ω = 0) and α = 1 is GD: the same x^t as gd.ts at every round, to rounding', () => {
    const gamma = 1 / problem.L;
    const T = 60;
    const a = trajectory(diana({ gamma, alpha: 1, compressor: identity(6), x0 }), oracle, T, key(3), {
      keepStates: true,
    });
    const b = trajectory(gd({ gamma, x0 }), oracle, T, key(3), { keepStates: true });
    const scale = norm2sq(x0) + norm2sq(minimiser(problem));
    for (let t = 0; t <= T; t++) expect(dist2sq(a.states![t].x, b.states![t].x)).toBeLessThanOrEqual(1e-26 * scale);
    // With α = 1 the shifts after a round are the gradients that round was taken at: h_i^{t+1} = ∇f_i(x^t).
    const s = a.states![T];
    for (let i = 0; i < problem.n; i++)
      expect(dist2sq(s.hi[i], problem.gradI(i, a.states![T - 1].x))).toBeLessThanOrEqual(1e-28 * scale);
  });

  it('never mutates the state it steps from, and is deterministic in the key', () => {
    const alg = diana({
      gamma: 0.05,
      alpha: 0.25,
      compressor: randK(6, 2, { scaled: true }),
      x0,
      shiftInit: 'gradient',
    });
    const s0 = alg.init(oracle, key(4));
    const before = snapshot(s0);
    const s1 = alg.step(s0, oracle, key(5));
    const again = alg.step(s0, oracle, key(5));
    expect(snapshot(s0)).toBe(before);
    expect(sameBits(s1.x, again.x) && sameBits(s1.h, again.h)).toBe(true);
    s1.hi.forEach((v, i) => {
      expect(sameBits(v, again.hi[i])).toBe(true);
    });
    // A different key draws different subsets (some node's message differs). From h_i⁰ = ∇f_i(x⁰) the first
    // messages are 0 whatever the subsets, so compare from round 1.
    expect(sameBits(alg.step(s1, oracle, key(6)).h, alg.step(s1, oracle, key(7)).h)).toBe(false);
  });

  it('bills one compressed message per node and round; gradient init is billed apart, d·64 bits', () => {
    const C = randK(6, 2, { scaled: true });
    const perMessage = 2 * (64 + 3); // k (value, ⌈log₂ 6⌉-bit index) pairs
    const zero = trajectory(diana({ gamma: 0.05, alpha: 0.25, compressor: C, x0 }), oracle, 7, key(7));
    expect(zero.initBitsPerNode).toBe(0);
    expect(zero.bitsPerNode).toEqual([0, 1, 2, 3, 4, 5, 6, 7].map((t) => t * perMessage));
    const grad = trajectory(
      diana({ gamma: 0.05, alpha: 0.25, compressor: C, x0, shiftInit: 'gradient' }),
      oracle,
      3,
      key(7),
    );
    expect(grad.initBitsPerNode).toBe(6 * 64);
    expect(grad.bitsPerNode[3]).toBe(3 * perMessage);
    const dense = trajectory(diana({ gamma: 0.05, alpha: 1, compressor: identity(6), x0 }), oracle, 2, key(7));
    expect(dense.bitsPerNode[2]).toBe(2 * 6 * 64);
  });

  it('keeps the master’s h equal to (1/n)Σ h_i from the messages alone (to rounding), independent and shared', () => {
    for (const randomness of ['independent', 'shared'] as const) {
      const run = trajectory(
        diana({ gamma: 0.05, alpha: 0.25, compressor: randK(6, 2, { scaled: true }), x0, randomness }),
        oracle,
        200,
        key(8),
        { keepStates: true },
      );
      for (const s of run.states!) {
        const scale = s.hi.reduce((m, v) => m + norm2sq(v), 0) / problem.n + 1e-300;
        expect(dist2sq(s.h, mean(s.hi))).toBeLessThanOrEqual(1e-26 * scale);
      }
    }
  });

  it('is invariant under relabelling the nodes when each node keeps its message (the key permutation): same x⁺ and h⁺, permuted h_i⁺', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 0, max: 1e6 }),
        (n, d, seed) => {
          const k = key(seed);
          const vec = (s: number) => normal(foldIn(k, s), d);
          const hi = Array.from({ length: n }, (_, i) => vec(10 + i));
          const messages = Array.from({ length: n }, (_, i) => vec(100 + i));
          const input = { gamma: 0.3, alpha: 0.4, x: vec(1), h: mean(hi), hi, messages };
          const pi = permutation(foldIn(k, 2), n);
          const relabelled = {
            ...input,
            hi: Array.from(pi, (j) => hi[j]),
            messages: Array.from(pi, (j) => messages[j]),
          };
          const a = dianaUpdate(input);
          const b = dianaUpdate(relabelled);
          const scale =
            norm2sq(input.x) + messages.reduce((s, m) => s + norm2sq(m), 0) + hi.reduce((s, v) => s + norm2sq(v), 0);
          expect(dist2sq(a.x, b.x)).toBeLessThanOrEqual(1e-28 * scale);
          expect(dist2sq(a.h, b.h)).toBeLessThanOrEqual(1e-28 * scale);
          Array.from(pi).forEach((j, i) => {
            expect(sameBits(b.hi[i], a.hi[j])).toBe(true);
          });
        },
      ),
    );
  });

  it('with shared randomness, relabelling the problem’s nodes leaves the run unchanged (every node uses the round’s key)', () => {
    const n = problem.n;
    const pi = permutation(key(9), n);
    const relabelled: Problem = {
      ...problem,
      fI: (i, x) => problem.fI(pi[i], x),
      gradI: (i, x) => problem.gradI(pi[i], x),
      Li: Array.from(pi, (j) => problem.Li[j]),
    };
    const alg = diana({
      gamma: 0.05,
      alpha: 0.25,
      compressor: randK(6, 2, { scaled: true }),
      x0,
      randomness: 'shared',
    });
    const a = trajectory(alg, oracle, 100, key(10)).final;
    const b = trajectory(alg, exactOracle(relabelled), 100, key(10)).final;
    expect(dist2sq(a.x, b.x)).toBeLessThanOrEqual(1e-24 * norm2sq(a.x));
  });

  it('at the derived step converges linearly with rand-k: x^t → x* and h_i → ∇f_i(x*) ≠ 0', () => {
    const omega = 2; // rand-2 of 6, scaled
    const par = dianaParameters({ L: problem.L, Lmax: Math.max(...problem.Li), mu: problem.mu!, omega, n: problem.n });
    const run = trajectory(
      diana({ gamma: par.gamma, alpha: par.alpha, compressor: randK(6, 2, { scaled: true }), x0 }),
      oracle,
      3000,
      key(11),
    );
    const xStar = minimiser(problem);
    const s = run.final;
    expect(dist2sq(s.x, xStar)).toBeLessThan(1e-16 * dist2sq(x0, xStar));
    for (let i = 0; i < problem.n; i++) {
      const target = problem.gradI(i, xStar);
      expect(norm2sq(target)).toBeGreaterThan(1e-2);
      expect(dist2sq(s.hi[i], target)).toBeLessThan(1e-14 * norm2sq(target));
    }
  });

  it('rejects a shift step outside [0, 1] and a compressor of the wrong dimension', () => {
    expect(() => diana({ gamma: 0.1, alpha: 1.5, compressor: identity(6) })).toThrow(/α ∈ \[0, 1\]/);
    expect(() => diana({ gamma: 0.1, alpha: 0.5, compressor: identity(5) }).init(oracle, key(0))).toThrow(/dim 5/);
  });
});
