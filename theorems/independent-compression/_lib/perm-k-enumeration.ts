/**
 * perm-k-variance's exact sub-checks (docs/theory.md §1.3): for each shape (d, n) a few Gaussian instances, the law of
 * the PermK aggregate by enumerating every shared draw (π, σ) (perm-k-law.ts) set against the claim's closed form,
 * against ā and against src/compressors/perm-k.ts permKMoments; and the two teeth on the same instances: independent
 * scaled rand-k with k = d/n, and a fixed block assignment σ = id when n ∤ d.
 */
import { permKMoments } from '../../../src/compressors/perm-k.ts';
import type { ReadonlyVector } from '../../../src/linalg/vector.ts';
import { foldIn, type Key } from '../../../src/rng/key.ts';
import { normal } from '../../../src/rng/sample.ts';
import type { Trial } from '../../types.ts';
import { absMeanOf, independentAggregateLaw, meanOf, randKScaledLaw } from './aggregate-law.ts';
import { unbiasedSides, varianceSides } from './aggregate-sides.ts';
import { permKAggregateLaw } from './perm-k-law.ts';

export interface PermKEnumeration {
  /** d ≥ n: the enumerated variance against the closed form. */
  readonly variance: Trial[];
  /** d < n = qd: likewise, against ((d − 1)/(n − 1))·((1/n)Σ‖a_i‖² − ‖ā‖²). */
  readonly smallD: Trial[];
  /** Every shape: ‖E agg − ā‖² against 0. */
  readonly unbiased: Trial[];
  /** permKMoments' variance against the enumerated one. */
  readonly moments: Trial[];
  /** Teeth: independent scaled rand-k (k = d/n, n | d, n ≥ 2), enumerated, against the PermK closed form. */
  readonly randK: Trial[];
  /** Teeth: σ fixed to the identity when n ∤ d, ‖E agg − ā‖² against 0. */
  readonly fixedSigma: Trial[];
  /** Draws (π, σ) enumerated in all. */
  readonly draws: number;
}

/** `closedForm`: the claim's A·(1/n)Σ‖a_i‖² − B·‖ā‖² and the magnitude of its summands. */
export function permKEnumeration(
  root: Key,
  shapes: readonly (readonly [number, number])[],
  perShape: number,
  closedForm: (as: readonly ReadonlyVector[]) => { value: number; scale: number },
): PermKEnumeration {
  const out: Omit<PermKEnumeration, 'draws'> = {
    variance: [],
    smallD: [],
    unbiased: [],
    moments: [],
    randK: [],
    fixedSigma: [],
  };
  let draws = 0;
  for (const [s, [d, n]] of shapes.entries()) {
    for (let t = 0; t < perShape; t++) {
      const k0 = foldIn(foldIn(foldIn(root, 1), s), t);
      const as = Array.from({ length: n }, (_, i) => normal(foldIn(k0, i), d));
      const abar = meanOf(as);
      const law = permKAggregateLaw(as);
      draws += law.outcomes;
      const inst = { d, n, a: as.map((a) => Array.from(a)) };
      const closed = closedForm(as);
      (d >= n ? out.variance : out.smallD).push({
        ...varianceSides(law, closed.value, closed.scale),
        instance: inst,
      });
      out.unbiased.push({ ...unbiasedSides(law, abar), instance: inst });
      out.moments.push({ lhs: permKMoments(d, n, as).variance, rhs: law.variance, scale: law.scale, instance: inst });
      if (d >= n && d % n === 0 && n >= 2) {
        const lawR = independentAggregateLaw(
          as.map((a) => randKScaledLaw(a, d / n)),
          abar,
          absMeanOf(as),
        );
        out.randK.push({ ...varianceSides(lawR, closed.value, closed.scale), instance: inst });
      }
      if (d > n && d % n !== 0)
        out.fixedSigma.push({ ...unbiasedSides(permKAggregateLaw(as, { fixedSigma: true }), abar), instance: inst });
    }
  }
  return { ...out, draws };
}

/** The shapes with d ≥ n (bigD) or d < n, as `(d,n) (d,n) …`. */
export function shapeList(shapes: readonly (readonly [number, number])[], bigD: boolean): string {
  return shapes
    .filter(([d, n]) => d >= n === bigD)
    .map(([d, n]) => `(${d},${n})`)
    .join(' ');
}
