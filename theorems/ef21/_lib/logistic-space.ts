/**
 * The adversary's search space for EF21's one-step descent [Richtárik, Sokolov, Fatkhullin 2021, Thm 1] on logistic
 * regression with the nonconvex regulariser λΣx_j²/(1 + x_j²): the second instance family of the claim, beside the
 * quadratics of descent-space.ts. The climber moves every feature of every row (so the node smoothness constants
 * L_i = λ_max(A_iᵀA_i)/(4m_i) + 2λ and L of src/problems/logistic-regression.ts move with it), x, the estimators g_i,
 * α and the adversarial contractive compressor; the labels (±1) and the row counts are the key's. One real step of
 * src/algorithms/ef21.ts at γ = m·1/(L + L̃ξ(α)), pathwise: the adversarial map is deterministic.
 */
import { adversarialContractive } from '../../../src/adversary/adversarial-contractive.ts';
import { radiusFraction } from '../../../src/adversary/ball-compressor.ts';
import { concatenate, slices } from '../../../src/adversary/coordinates.ts';
import type { Json, SearchSpace } from '../../../src/adversary/types.ts';
import { ef21 } from '../../../src/algorithms/ef21.ts';
import { mean } from '../../../src/linalg/vector.ts';
import { exactOracle } from '../../../src/oracles/exact.ts';
import { split, type Key } from '../../../src/rng/key.ts';
import { integerBelow, normal, uniform } from '../../../src/rng/sample.ts';
import { key } from '../../../src/rng/key.ts';
import { logisticInstance, type LogisticData } from './instances.ts';
import { descentSides, distortion, gradientTarget, uniformWeights } from './lyapunov.ts';
import { ef21Gamma, theta } from './constants.ts';
import { ALPHA_MAX, ALPHA_MIN } from './descent-space.ts';

/** λ of the regulariser, as the claim's random logistic trials use it. */
export const LOGISTIC_LAMBDA = 0.1;

export interface LogisticCandidate {
  /** Node i's rows, m_i × d, row-major. */
  readonly rows: readonly Float64Array[];
  readonly labels: readonly (readonly number[])[];
  readonly x: Float64Array;
  readonly g: readonly Float64Array[];
  /** The adversarial map's direction (one for every node: the step does not say which node sends). */
  readonly w: Float64Array;
  /** [β, a]: the radius parameter and α = ALPHA_MIN + (ALPHA_MAX − ALPHA_MIN)(1 + sin a)/2. */
  readonly angles: Float64Array;
}

function dataOf(c: LogisticCandidate): LogisticData {
  const d = c.x.length;
  return {
    rows: c.rows.map((r) => Array.from({ length: r.length / d }, (_, q) => Array.from(r.subarray(q * d, (q + 1) * d)))),
    labels: c.labels,
    lambda: LOGISTIC_LAMBDA,
  };
}

export function alphaOfLogistic(c: LogisticCandidate): number {
  return ALPHA_MIN + (ALPHA_MAX - ALPHA_MIN) * radiusFraction(c.angles[1]);
}

export function logisticDescentSpace(): SearchSpace<LogisticCandidate> {
  return {
    description: `EF21 at γ = 1/(L + L̃ξ(α)), Φ with c_i = 1/n: logistic regression with the nonconvex regulariser (λ = ${LOGISTIC_LAMBDA}), n ∈ 1..3 nodes of 1–3 rows in d ∈ 1..3 (every feature searched), any state (x, g_i), the adversarial contractive compressor (α ∈ [${ALPHA_MIN}, ${ALPHA_MAX}] searched)`,
    sample(k: Key): LogisticCandidate {
      const [kn, kd, km, kr, ky, kv] = split(k, 6);
      const n = 1 + integerBelow(kn, 3);
      const d = [1, 1, 2, 3][integerBelow(kd, 4)];
      const m = 1 + integerBelow(km, 3);
      const z = normal(kr, n * m * d);
      const y = uniform(ky, n * m);
      const v = normal(kv, d + n * d + d + 2);
      return {
        rows: Array.from({ length: n }, (_, i) => z.slice(i * m * d, (i + 1) * m * d)),
        labels: Array.from({ length: n }, (_, i) => Array.from({ length: m }, (_, q) => (y[i * m + q] < 0.5 ? -1 : 1))),
        x: v.slice(0, d),
        g: Array.from({ length: n }, (_, i) => v.slice(d + i * d, d + (i + 1) * d)),
        w: v.slice(d + n * d, 2 * d + n * d),
        angles: v.slice(2 * d + n * d, 2 * d + n * d + 2),
      };
    },
    encode: (c) => concatenate([...c.rows, c.x, ...c.g, c.w, c.angles]),
    decode(z, like) {
      const take = slices(z);
      return {
        ...like,
        rows: like.rows.map((r) => take(r.length)),
        x: take(like.x.length),
        g: like.g.map((g) => take(g.length)),
        w: take(like.w.length),
        angles: take(2),
      };
    },
    sides(c, multiplier) {
      const instance = logisticInstance(dataOf(c));
      const { problem } = instance;
      const alpha = alphaOfLogistic(c);
      const gamma = multiplier * ef21Gamma(problem, alpha);
      const compressor = adversarialContractive(c.w, c.angles[0], alpha);
      const c1 = uniformWeights(problem.n);
      const target = gradientTarget(problem);
      const next = ef21({ gamma, compressor }).step(
        { t: 0, x: c.x, gi: c.g, g: mean(c.g), bitsPerNode: 0, initBitsPerNode: 0 },
        exactOracle(problem),
        key(0),
      );
      return descentSides({
        instance,
        gamma,
        coefficient: gamma / (2 * theta(alpha)),
        x: c.x,
        before: distortion(c1, c.g, target, c.x),
        xNext: next.x,
        after: distortion(c1, next.gi, target, next.x),
      });
    },
    shrink(c) {
      const d = c.x.length;
      const n = c.rows.length;
      const out: LogisticCandidate[] = [];
      for (let i = 0; n > 1 && i < n; i++) {
        const keep = <T>(xs: readonly T[]): T[] => xs.filter((_, q) => q !== i);
        out.push({ ...c, rows: keep(c.rows), labels: keep(c.labels), g: keep(c.g) });
      }
      for (let j = 0; d > 1 && j < d; j++) {
        const dropColumn = (r: Float64Array): Float64Array =>
          Float64Array.from(Array.from(r).filter((_, q) => q % d !== j));
        out.push({
          ...c,
          rows: c.rows.map(dropColumn),
          x: dropColumn(c.x),
          g: c.g.map(dropColumn),
          w: dropColumn(c.w),
        });
      }
      return out;
    },
    size: (c) => ({ n: c.rows.length, d: c.x.length }),
    json(c): Json {
      const data = dataOf(c);
      const instance = logisticInstance(data);
      const alpha = alphaOfLogistic(c);
      return {
        family: 'logistic',
        rows: data.rows.map((r) => r.map((q) => [...q])),
        labels: data.labels.map((l) => [...l]),
        lambda: LOGISTIC_LAMBDA,
        alpha,
        L: instance.problem.L,
        Li: [...instance.problem.Li],
        gammaRule: ef21Gamma(instance.problem, alpha),
        x: Array.from(c.x),
        g: c.g.map((g) => Array.from(g)),
        compressor: { direction: Array.from(c.w), radiusFraction: radiusFraction(c.angles[0]) },
      };
    },
  };
}
