import { describe, expect, it } from 'vitest';
import { identity } from '../compressors/identity.ts';
import { randK } from '../compressors/rand-k.ts';
import { dist2sq, mean, norm2sq, sameBits } from '../linalg/vector.ts';
import { exactOracle } from '../oracles/exact.ts';
import { diagonalQuadratic } from '../problems/diagonal-quadratic.ts';
import { gradient, objective, type Problem } from '../problems/types.ts';
import { foldIn, key } from '../rng/key.ts';
import { normal, permutation } from '../rng/sample.ts';
import { adianaParameters, nesterovParameters, type AdianaParameters } from './adiana-parameters.ts';
import { adiana, adianaQueryPoint, adianaUpdate, type AdianaState } from './adiana.ts';
import { agd, agdParameters } from './agd.ts';
import { trajectory } from './run.ts';

/** n nodes, common curvatures log-spaced in [1/κ, 1] (L_i = L = 1, μ = 1/κ exactly), different linear terms. */
function heterogeneous(n: number, d: number, kappa: number, seed: number): Problem {
  const a = Array.from({ length: n }, () => Array.from({ length: d }, (_, j) => kappa ** (-j / Math.max(1, d - 1))));
  const b = Array.from({ length: n }, (_, i) => Array.from(normal(foldIn(key(seed), i), d)));
  return diagonalQuadratic(a, b);
}

function snapshot(s: AdianaState): string {
  const arr = (v: Float64Array) => Array.from(v);
  return JSON.stringify({ ...s, x: arr(s.x), z: arr(s.z), w: arr(s.w), h: arr(s.h), hi: s.hi.map(arr) });
}

describe('ADIANA parameters (docs/theory.md §A1.3, FedNL-Public methods.py L539–550)', () => {
  it('pins the published rule at L = 1, μ = 0.01, ω = 9, n = 10 (the §A1.5 setting)', () => {
    const p = adianaParameters({ L: 1, mu: 0.01, omega: 9, n: 10 });
    // α = 0.1; sqrt(10/288) − 1 < 0 so p = α/2 = 0.05; η = 10/(64·9·(2·0.05·10 + 1)²) = 10/2304 (< 1/2).
    expect(p.alpha).toBeCloseTo(0.1, 15);
    expect(p.p).toBeCloseTo(0.05, 15);
    expect(p.eta).toBeCloseTo(10 / 2304, 15);
    expect(p.theta2).toBe(0.5);
    const theta1 = Math.sqrt(((10 / 2304) * 0.01) / 0.05);
    expect(p.theta1).toBeCloseTo(theta1, 15);
    expect(p.gamma).toBeCloseTo(10 / 2304 / (2 * (theta1 + (10 / 2304) * 0.01)), 15);
    expect(p.beta).toBeCloseTo(1 - p.gamma * 0.01, 15);
    // ω = 0: p = 1, η = 1/(2L), θ1 = min{1/4, sqrt(μ/2)}.
    const plain = adianaParameters({ L: 2, mu: 0.02, omega: 0, n: 3 });
    expect([plain.p, plain.eta, plain.alpha]).toEqual([1, 0.25, 1]);
    expect(plain.theta1).toBeCloseTo(Math.sqrt(0.25 * 0.02), 15);
    // Many nodes: p leaves α/2 once sqrt(n/(32ω)) > 2, and η reaches 1/(2L).
    const many = adianaParameters({ L: 1, mu: 0.01, omega: 1, n: 1000 });
    expect(many.p).toBeCloseTo(Math.min(1, 0.25 * (Math.sqrt(1000 / 32) - 1)), 15);
  });

  it('pins Nesterov’s choice: θ1 = a/(1 + a), θ2 = 0, η = 1/L, β = 1 − a, γ = a/μ with a = sqrt(μ/L)', () => {
    const p = nesterovParameters({ L: 4, mu: 1 });
    expect(p).toEqual({ alpha: 1, eta: 0.25, theta1: 1 / 3, theta2: 0, beta: 0.5, gamma: 0.5, p: 1 });
    const agdP = agdParameters({ L: 100, mu: 1 });
    expect(agdP.gamma).toBe(0.01);
    expect(agdP.momentum).toBeCloseTo(9 / 11, 15);
  });
});

describe('ADIANA (Li et al. 2020, Alg. 1; docs/theory.md §A1.2)', () => {
  const problem = heterogeneous(5, 8, 50, 1);
  const oracle = exactOracle(problem);
  const x0 = normal(key(2), 8);
  const C = randK(8, 2, { scaled: true });
  const published = adianaParameters({ L: Math.max(...problem.Li), mu: problem.mu!, omega: 3, n: 5 });

  it('with the identity compressor and Nesterov’s parameters IS Nesterov’s AGD (agd.ts): the same output sequence, to rounding', () => {
    const T = 300;
    const a = trajectory(
      adiana({ ...nesterovParameters({ L: problem.L, mu: problem.mu! }), compressor: identity(8), x0 }),
      oracle,
      T,
      key(3),
      { keepStates: true },
    );
    const b = trajectory(agd({ ...agdParameters({ L: problem.L, mu: problem.mu! }), x0 }), oracle, T, key(3), {
      keepStates: true,
    });
    const scale = norm2sq(x0) + 1e4; // ‖x*‖² ≤ κ²‖b̄‖²-ish; a generous, fixed magnitude of the iterates
    let worst = 0;
    for (let t = 0; t <= T; t++) worst = Math.max(worst, dist2sq(a.states![t].x, b.states![t].x));
    expect(worst).toBeLessThanOrEqual(1e-22 * scale);
    // …and it is accelerated: the optimality gap after T rounds is below Nesterov's bound (f(x⁰) − f* + (μ/2)‖x⁰ − x*‖²)(1 − √q)^T.
    const gap = objective(problem, b.final.x) - problem.fInf;
    expect(gap).toBeLessThanOrEqual(
      2 * (objective(problem, x0) - problem.fInf) * (1 - Math.sqrt(problem.mu! / problem.L)) ** T,
    );
  });

  it('with the identity compressor and ANY parameters, g^k = ∇f(x^k): ADIANA is the uncompressed three-sequence method', () => {
    // The reference recursion, written out with exact gradients (w moves to y^k on every round since p = 1 here).
    const params: AdianaParameters = { ...published, p: 1 };
    const T = 50;
    const run = trajectory(adiana({ ...params, compressor: identity(8), x0 }), oracle, T, key(4), { keepStates: true });
    let y = Float64Array.from(x0);
    let z = Float64Array.from(x0);
    let w = Float64Array.from(x0);
    for (let t = 1; t <= T; t++) {
      const xq = adianaQueryPoint(params, y, z, w);
      const g = gradient(problem, xq);
      const yNext = xq.map((v, j) => v - params.eta * g[j]);
      z = z.map((v, j) => params.beta * v + (1 - params.beta) * xq[j] - params.gamma * g[j]);
      w = y;
      y = yNext;
      expect(dist2sq(run.states![t].x, y)).toBeLessThanOrEqual(1e-24 * (norm2sq(y) + 1));
    }
  });

  it('never mutates the state it steps from, and is deterministic in the key (subsets and coin)', () => {
    const alg = adiana({ ...published, compressor: C, x0 });
    const s0 = alg.step(alg.init(oracle, key(5)), oracle, key(6));
    const before = snapshot(s0);
    const a = alg.step(s0, oracle, key(7));
    const b = alg.step(s0, oracle, key(7));
    expect(snapshot(s0)).toBe(before);
    expect(snapshot(a)).toBe(snapshot(b));
    expect(sameBits(a.h, alg.step(s0, oracle, key(8)).h)).toBe(false);
  });

  it('bills TWO compressed messages per node and round', () => {
    const perMessage = 2 * (64 + 3);
    const run = trajectory(adiana({ ...published, compressor: C, x0 }), oracle, 5, key(9));
    expect(run.bitsPerNode).toEqual([0, 1, 2, 3, 4, 5].map((t) => 2 * t * perMessage));
    expect(run.initBitsPerNode).toBe(0);
    const dense = trajectory(
      adiana({ ...published, compressor: identity(8), x0, shiftInit: 'gradient' }),
      oracle,
      2,
      key(9),
    );
    expect(dense.initBitsPerNode).toBe(8 * 64);
    expect(dense.bitsPerNode[2]).toBe(2 * 2 * 8 * 64);
    // AGD: one dense gradient per node and round.
    expect(trajectory(agd({ gamma: 0.1, momentum: 0.5, x0 }), oracle, 3, key(0)).bitsPerNode[3]).toBe(3 * 8 * 64);
  });

  it('keeps h = (1/n)Σ h_i from the messages alone, and the anchor w only ever takes a past y', () => {
    const run = trajectory(adiana({ ...published, compressor: C, x0 }), oracle, 300, key(10), { keepStates: true });
    const states = run.states!;
    let moves = 0;
    for (let t = 1; t < states.length; t++) {
      const s = states[t];
      const scale = s.hi.reduce((m, v) => m + norm2sq(v), 0) / problem.n + 1e-300;
      expect(dist2sq(s.h, mean(s.hi))).toBeLessThanOrEqual(1e-26 * scale);
      const stayed = sameBits(s.w, states[t - 1].w);
      const moved = sameBits(s.w, states[t - 1].x);
      expect(stayed || moved).toBe(true);
      if (moved && !stayed) moves++;
    }
    // p = published.p per round: the count is Binomial(300, p).
    const expected = 300 * published.p;
    expect(Math.abs(moves - expected)).toBeLessThanOrEqual(6 * Math.sqrt(300 * published.p * (1 - published.p)) + 1);
  });

  it('is invariant under relabelling the nodes when each node keeps both its messages (the key permutation)', () => {
    for (let seed = 0; seed < 20; seed++) {
      const n = 2 + (seed % 5);
      const d = 1 + (seed % 4);
      const vec = (s: number) => normal(foldIn(key(seed), s), d);
      const hi = Array.from({ length: n }, (_, i) => vec(10 + i));
      const messages = Array.from({ length: n }, (_, i) => vec(100 + i));
      const shiftMessages = Array.from({ length: n }, (_, i) => vec(200 + i));
      const input = {
        params: published,
        y: vec(1),
        z: vec(2),
        w: vec(3),
        h: mean(hi),
        hi,
        messages,
        shiftMessages,
        moveAnchor: seed % 2 === 0,
      };
      const pi = permutation(foldIn(key(seed), 4), n);
      const perm = <T>(xs: readonly T[]) => Array.from(pi, (j) => xs[j]);
      const a = adianaUpdate(input);
      const b = adianaUpdate({ ...input, hi: perm(hi), messages: perm(messages), shiftMessages: perm(shiftMessages) });
      const scale = [input.y, input.z, input.w, ...hi, ...messages, ...shiftMessages].reduce(
        (s, v) => s + norm2sq(v),
        0,
      );
      for (const f of ['y', 'z', 'w', 'h'] as const) expect(dist2sq(a[f], b[f])).toBeLessThanOrEqual(1e-28 * scale);
      Array.from(pi).forEach((j, i) => {
        expect(sameBits(b.hi[i], a.hi[j])).toBe(true);
      });
    }
  });

  it('with shared randomness IS the one-node run on f = (1/n)Σ f_i: the 1/n of independent compressors is lost', () => {
    // Shared rand-k applies one linear map to every node's vector, so the mean of the messages is the message of
    // the mean: the master's sequences follow one-node ADIANA on the averaged problem, round for round.
    const averaged = diagonalQuadratic(
      [Array.from({ length: 8 }, (_, j) => 50 ** (-j / 7))],
      [Array.from(mean(Array.from({ length: 5 }, (_, i) => problem.gradI(i, new Float64Array(8)))), (v) => -v)],
    );
    const alg = adiana({ ...published, compressor: C, x0, randomness: 'shared' });
    const a = trajectory(alg, oracle, 200, key(11), { keepStates: true });
    const b = trajectory(alg, exactOracle(averaged), 200, key(11), { keepStates: true });
    for (let t = 0; t <= 200; t++)
      expect(dist2sq(a.states![t].x, b.states![t].x)).toBeLessThanOrEqual(1e-22 * (norm2sq(b.states![t].x) + 1));
  });

  it('converges linearly with rand-k at the published parameters (x^t → x*, h_i → ∇f_i(x*))', () => {
    const run = trajectory(adiana({ ...published, compressor: C, x0 }), oracle, 6000, key(12), { record: 6000 });
    const gap0 = objective(problem, x0) - problem.fInf;
    expect(objective(problem, run.final.x) - problem.fInf).toBeLessThan(1e-10 * gap0);
  });

  it('rejects parameters outside their ranges', () => {
    expect(() => adiana({ ...published, theta1: 0.8, compressor: C })).toThrow(/θ1 \+ θ2 ≤ 1/);
    expect(() => adiana({ ...published, p: 0, compressor: C })).toThrow(/p ∈ \(0, 1\]/);
    expect(() => agd({ gamma: 0.1, momentum: 1 })).toThrow(/momentum/);
  });
});
