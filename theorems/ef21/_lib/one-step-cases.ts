/**
 * What the specs of EF21-BC and EF21-HB (theorems/ef21/ef21-bc.spec.ts, ef21-hb.spec.ts) share: property cases in
 * d ≥ 2 (every link compresses) on either family, the tolerance a side must hold within, and the quick adversary
 * over a claim's space at the specs' seed.
 */
import fc from 'fast-check';
import type { SearchSpace } from '../../../src/adversary/types.ts';
import type { ReadonlyVector } from '../../../src/linalg/vector.ts';
import { foldIn, key } from '../../../src/rng/key.ts';
import { DEFAULT_FLOOR, DEFAULT_RTOL, type Sides } from '../../../src/report/verdict.ts';
import { adversaryCheck } from '../../_lib/power.ts';
import type { PowerRow } from '../../types.ts';
import { logisticDataArb, quadraticDataArb, shapeArb, stepFractionArb, type Shape } from './arbitraries.ts';
import { descentSizes } from './descent-adversary.ts';
import { logisticInstance, quadraticInstance, type Instance } from './instances.ts';
import type { Family } from './seeded-trial.ts';

/** The quick adversary's m* must stay below this (measured: see the reply / docs/theory.md). */
export const M_STAR_BOUND = 1.5;

/** Within the verdicts' tolerance; null (no step to judge) holds. */
export const holds = (s: Sides | null): boolean =>
  s === null || s.lhs <= s.rhs + DEFAULT_RTOL * s.scale + DEFAULT_FLOOR;

export type CaseData = { q: Parameters<typeof quadraticInstance>[0] } | { l: Parameters<typeof logisticInstance>[0] };

/** Shapes with n ≤ 4 and 2 ≤ d ≤ 6: every link compresses. */
export const compressingShapeArb: fc.Arbitrary<Shape> = shapeArb(4, 5).map((s) => ({ n: s.n, d: s.d + 1 }));

/** An indefinite quadratic or a logistic problem of the shape. */
export function caseDataArb(family: Family, shape: Shape): fc.Arbitrary<CaseData> {
  return family === 'quadratic'
    ? quadraticDataArb(shape, 'indefinite').map((q) => ({ q }))
    : logisticDataArb(shape).map((l) => ({ l }));
}

/** A case of the family in d ≥ 2: its data, the spec's own fields, and a step fraction. */
export function oneStepCaseArb<T extends object>(
  family: Family,
  own: (shape: Shape) => fc.Arbitrary<T>,
): fc.Arbitrary<{ data: CaseData; fraction: number } & T> {
  return compressingShapeArb.chain((shape) =>
    fc
      .tuple(caseDataArb(family, shape), own(shape), stepFractionArb)
      .map(([data, fields, fraction]) => ({ data, ...fields, fraction })),
  );
}

/** The value type of a case arbitrary's factory. */
export type CaseOf<F extends (...args: never[]) => fc.Arbitrary<unknown>> =
  ReturnType<F> extends fc.Arbitrary<infer T> ? T : never;

export function caseInstance(data: CaseData): Instance {
  return 'q' in data ? quadraticInstance(data.q) : logisticInstance(data.l);
}

const unitArb = fc.integer({ min: -(2 ** 20), max: 2 ** 20 }).map((v) => v / 2 ** 20);

/** d offsets in [−1, 1] on a 2⁻²⁰ grid: where the carried vector lies off the nodes' mean, or anywhere. */
export const offsetArb = (shape: Shape): fc.Arbitrary<number[]> =>
  fc.array(unitArb, { minLength: shape.d, maxLength: shape.d });

/** The carried vector (EF21-BC's broadcast g, EF21-HB's v): (1/n)Σg_i, that plus offset/100, or the offset itself. */
export function carriedOf(
  gi: readonly ReadonlyVector[],
  kind: 'mean' | 'near-mean' | 'random',
  offset: readonly number[],
): Float64Array {
  const g = gi.reduce<Float64Array>(
    (acc, v) => acc.map((a, j) => a + v[j] / gi.length),
    new Float64Array(offset.length),
  );
  return kind === 'mean' ? g : kind === 'near-mean' ? g.map((a, j) => a + offset[j] / 100) : Float64Array.from(offset);
}

/** The power row of the quick adversary over `space`, as the claim runs it, at seed 19. */
export function quickAdversary<C>(id: string, space: SearchSpace<C>): PowerRow {
  const ctx = { id, check: 'spec', claim: 'spec', seed: 19, budget: 'quick', provenance: 'D' } as const;
  return adversaryCheck(ctx, space, foldIn(key(19), 90), 'quick', descentSizes('quick')).power;
}
