/**
 * fast-check arbitrary of MomentumInstance (momentum-instance.ts) for the Theorem 2 and 3 specs: everything at unit
 * scale (entries in [−1, 1], σ ≤ 2), so shrunk counterexamples stay readable (docs/design.md §3). Spec-only: check()
 * draws its instances from a key instead.
 */
import fc from 'fast-check';
import { denseQuadratic } from '../../../src/problems/dense-quadratic.ts';
import { ETAS, type MomentumInstance, type RawNoise } from './momentum-instance.ts';

/**
 * Entries in [−1, 1] with magnitudes below 2^-30 flushed to 0: fast-check otherwise shrinks to curvatures like
 * 1e-162, where γ_max ≈ 1e160 and the squares under- and overflow (docs/design.md §3) — not the unit scale the check is
 * about.
 */
const unit = fc.double({ min: -1, max: 1, noNaN: true }).map((v) => (Math.abs(v) < 2 ** -30 ? 0 : v));
const vec = (d: number): fc.Arbitrary<number[]> => fc.array(unit, { minLength: d, maxLength: d });
const vecs = (n: number, d: number): fc.Arbitrary<number[][]> => fc.array(vec(d), { minLength: n, maxLength: n });

/** A symmetric d×d matrix with entries in [−1, 1] (indefinite in general). */
const symmetric = (d: number): fc.Arbitrary<number[][]> =>
  vecs(d, d).map((u) => u.map((row, r) => row.map((_, c) => (r <= c ? u[r][c] : u[c][r]))));

const noise = (d: number): fc.Arbitrary<RawNoise> =>
  fc.integer({ min: 1, max: 3 }).chain((m) =>
    fc.record({
      raw: vecs(m, d),
      weights: fc.array(fc.double({ min: 0.1, max: 1.1, noNaN: true }), { minLength: m, maxLength: m }),
      fraction: fc.oneof(fc.constant(1), fc.double({ min: 0, max: 1, noNaN: true })),
    }),
  );

export interface MomentumArbitraryOptions {
  /** 'equilibrium' replaces v_i, u_i, g_i by ∇f_i(x) (where the noise term is tightest). */
  readonly equilibrium?: boolean;
}

/**
 * n ∈ 1…4, d ∈ 1…5, k ∈ 1…d, η ∈ ETAS, σ ∈ [0, 2], γ = stepFraction·γ_max with stepFraction 1 or in (0, 1].
 * @example
 * fc.sample(momentumInstanceArbitrary(), 1)[0].nodes.length <= 4;
 * // returns true
 */
export function momentumInstanceArbitrary(options: MomentumArbitraryOptions = {}): fc.Arbitrary<MomentumInstance> {
  return fc
    .record({ n: fc.integer({ min: 1, max: 4 }), d: fc.integer({ min: 1, max: 5 }) })
    .chain(({ n, d }) =>
      fc.record({
        nodes: fc.array(fc.record({ A: symmetric(d), b: vec(d) }), { minLength: n, maxLength: n }),
        x: vec(d),
        vi: vecs(n, d),
        ui: vecs(n, d),
        gi: vecs(n, d),
        k: fc.integer({ min: 1, max: d }),
        eta: fc.constantFrom(...ETAS),
        sigma: fc.double({ min: 0, max: 2, noNaN: true }),
        noise: fc.array(noise(d), { minLength: n, maxLength: n }),
        stepFraction: fc.oneof(fc.constant(1), fc.double({ min: 0.01, max: 1, noNaN: true })),
      }),
    )
    .map((inst) => {
      if (options.equilibrium !== true) return inst;
      const p = denseQuadratic(inst.nodes);
      const grads = inst.nodes.map((_, i) => Array.from(p.gradI(i, inst.x)));
      return { ...inst, vi: grads, ui: grads.map((g) => [...g]), gi: grads.map((g) => [...g]) };
    });
}
