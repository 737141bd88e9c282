/**
 * fast-check arbitraries for the EF21-family specs: problems and states at unit scale (PEPit's normalisation,
 * docs/design.md §3), with heterogeneous L_i (node i scaled by 2^e_i, e_i ∈ [−3, 3]: powers of two keep shrunk
 * counterexamples exact and readable). Imported by specs only.
 */
import fc from 'fast-check';
import type { ReadonlyVector, Vector } from '../../../src/linalg/vector.ts';
import type { Problem } from '../../../src/problems/types.ts';
import type { LogisticData, NodeState, QuadraticData } from './instances.ts';

/**
 * Entries on the grid 2^-20·ℤ ∩ [−1, 1]: unit scale as docs/design.md §3 asks. Unrestricted doubles shrink to
 * subnormal curvatures (A = [[5e-309]]), where γ_max = 1/L overflows and the check measures only overflow.
 */
const GRID = 2 ** 20;
const unit = fc.integer({ min: -GRID, max: GRID }).map((v) => v / GRID);
const vector = (d: number): fc.Arbitrary<number[]> => fc.array(unit, { minLength: d, maxLength: d });

export interface Shape {
  readonly n: number;
  readonly d: number;
}

export const shapeArb = (maxN: number, maxD: number): fc.Arbitrary<Shape> =>
  fc.record({ n: fc.integer({ min: 1, max: maxN }), d: fc.integer({ min: 1, max: maxD }) });

/** Symmetric A_i = 2^e_i·(M + Mᵀ)/2 with M_rc ∈ [−1, 1] (indefinite), or 2^e_i·(MᵀM/d + I/10) (positive definite). */
export function quadraticDataArb(shape: Shape, kind: 'indefinite' | 'positive-definite'): fc.Arbitrary<QuadraticData> {
  const { n, d } = shape;
  const node = fc.record({
    e: fc.integer({ min: -3, max: 3 }),
    M: fc.array(vector(d), { minLength: d, maxLength: d }),
    b: vector(d),
  });
  return fc.array(node, { minLength: n, maxLength: n }).map((nodes) => ({
    A: nodes.map(({ e, M }) =>
      Array.from({ length: d }, (_, r) =>
        Array.from({ length: d }, (_, c) => {
          if (kind === 'indefinite') return (2 ** e * (M[r][c] + M[c][r])) / 2;
          let t = 0;
          for (let q = 0; q < d; q++) t += M[q][r] * M[q][c];
          return 2 ** e * (t / d + (r === c ? 0.1 : 0));
        }),
      ),
    ),
    b: nodes.map(({ b }) => b),
  }));
}

/** m ∈ [1, 5] rows per node with features in 2^e_i·[−1, 1], labels ±1, λ ∈ {0, 0.1, 1}. */
export function logisticDataArb(shape: Shape): fc.Arbitrary<LogisticData> {
  const { n, d } = shape;
  const node = fc.record({
    e: fc.integer({ min: -2, max: 2 }),
    rows: fc.array(fc.tuple(vector(d), fc.boolean()), { minLength: 1, maxLength: 5 }),
  });
  return fc
    .record({ nodes: fc.array(node, { minLength: n, maxLength: n }), lambda: fc.constantFrom(0, 0.1, 1) })
    .map(({ nodes, lambda }) => ({
      rows: nodes.map(({ e, rows }) => rows.map(([r]) => r.map((v) => 2 ** e * v))),
      labels: nodes.map(({ rows }) => rows.map(([, y]) => (y ? 1 : -1))),
      lambda,
    }));
}

/** A state recipe: x, per-node perturbations, and how g_i relates to the target h_i(x). */
export interface StateRecipe {
  readonly x: number[];
  readonly p: number[][];
  /** g_i = p_i ('random'), h_i(x) + p_i/100 ('near-target'), or h_i(x) ('target'). */
  readonly kind: 'random' | 'near-target' | 'target';
}

export const stateRecipeArb = (shape: Shape): fc.Arbitrary<StateRecipe> =>
  fc.record({
    x: vector(shape.d),
    p: fc.array(vector(shape.d), { minLength: shape.n, maxLength: shape.n }),
    kind: fc.constantFrom<StateRecipe['kind'][]>('random', 'near-target', 'target'),
  });

/** The state of a recipe for a problem and target (default h_i = ∇f_i). */
export function stateOf(
  recipe: StateRecipe,
  problem: Problem,
  target?: (i: number, x: ReadonlyVector) => Vector,
): NodeState {
  const x = Float64Array.from(recipe.x);
  const h = target ?? ((i: number, y: ReadonlyVector): Vector => problem.gradI(i, y));
  const gi = recipe.p.map((p, i) => {
    if (recipe.kind === 'random') return Float64Array.from(p);
    const g = h(i, x);
    if (recipe.kind === 'near-target') for (let j = 0; j < g.length; j++) g[j] += p[j] / 100;
    return g;
  });
  return { x, gi };
}

/** γ/γ_max ∈ (0, 1], with the edge 1 itself a third of the time. */
export const stepFractionArb: fc.Arbitrary<number> = fc.oneof(
  fc.constant(1),
  fc.double({ min: 0.01, max: 1, noNaN: true }),
  fc.double({ min: 0.5, max: 1, noNaN: true }),
);
