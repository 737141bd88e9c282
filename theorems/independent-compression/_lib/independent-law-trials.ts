/**
 * independent-vs-shared's exact sub-checks (docs/theory.md §1.3): on seeded small instances (n ≤ 3, d ≤ 4), the joint
 * law of independent scaled rand-k and of independent natural compression, and the law of shared rand-k, enumerated
 * (aggregate-law.ts) and set against the claim's 1/n side, ā and ω‖ā‖²; the teeth on the same instances.
 */
import { natural } from '../../../src/compressors/natural.ts';
import { randK } from '../../../src/compressors/rand-k.ts';
import type { Compressor } from '../../../src/compressors/types.ts';
import { norm2sq, type ReadonlyVector, type Vector } from '../../../src/linalg/vector.ts';
import { foldIn, split, type Key } from '../../../src/rng/key.ts';
import { integerBelow, normal } from '../../../src/rng/sample.ts';
import type { Trial } from '../../types.ts';
import {
  absMeanOf,
  independentAggregateLaw,
  meanOf,
  naturalLaw,
  randKScaledLaw,
  sharedRandKAggregateLaw,
} from './aggregate-law.ts';
import { unbiasedSides, varianceSides } from './aggregate-sides.ts';

export interface IndependentLawTrials {
  /** Independent scaled rand-k: the enumerated variance against the 1/n side. */
  readonly independentRandK: Trial[];
  /** Independent natural compression, likewise. */
  readonly independentNatural: Trial[];
  /** Both compressors: ‖E agg − ā‖² against 0. */
  readonly unbiased: Trial[];
  /** The 1/n side of scaled rand-k against (ω/n)(1/n)Σ‖a_i‖² (it attains the bound). */
  readonly equality: Trial[];
  /** Shared rand-k: the enumerated variance against ω‖ā‖². */
  readonly shared: Trial[];
  /** Teeth: shared rand-k with identical inputs (n + 1 ≥ 2 nodes) against the 1/n side. */
  readonly teeth: Trial[];
  /** Joint outcomes enumerated in all. */
  readonly outcomes: number;
}

function randomInputs(k: Key, n: number, d: number): Vector[] {
  return Array.from({ length: n }, (_, i) => normal(foldIn(k, i), d));
}

/** `oneOverN`: the claim's 1/n side, (1/n²)Σ_i E‖C(a_i) − a_i‖², from each compressor's exact moments. */
export function independentLawTrials(
  root: Key,
  count: number,
  oneOverN: (C: Compressor, as: readonly ReadonlyVector[]) => number,
): IndependentLawTrials {
  const out: Omit<IndependentLawTrials, 'outcomes'> = {
    independentRandK: [],
    independentNatural: [],
    unbiased: [],
    equality: [],
    shared: [],
    teeth: [],
  };
  let outcomes = 0;
  for (let t = 0; t < count; t++) {
    const [kn, kd, kk, ka, kb, kc] = split(foldIn(foldIn(root, 1), t), 6);
    const n = 1 + integerBelow(kn, 3);
    const d = 2 + integerBelow(kd, 3);
    const k = 1 + integerBelow(kk, d - 1);
    const as = randomInputs(ka, n, d);
    const abar = meanOf(as);
    const C = randK(d, k, { scaled: true });
    const law = independentAggregateLaw(
      as.map((a) => randKScaledLaw(a, k)),
      abar,
      absMeanOf(as),
    );
    outcomes += law.outcomes;
    const inst = { n, d, k, a: as.map((a) => Array.from(a)) };
    out.independentRandK.push({ ...varianceSides(law, oneOverN(C, as)), instance: inst });
    out.unbiased.push({ ...unbiasedSides(law, abar), instance: inst });
    // Scaled rand-k attains the bound: (1/n²)ΣE‖C(a_i) − a_i‖² = (ω/n)(1/n)Σ‖a_i‖², ω = d/k − 1.
    const omega = d / k - 1;
    const bound = (omega / n) * (as.reduce((s, a) => s + norm2sq(a), 0) / n);
    const side = oneOverN(C, as);
    out.equality.push({ lhs: side, rhs: bound, scale: side + bound, instance: inst });
    // Natural compression: d ≤ 3, n ≤ 3, so 2^{dn} ≤ 512 joint outcomes.
    const dn = 1 + integerBelow(kb, 3);
    const bs = randomInputs(kc, n, dn);
    const lawN = independentAggregateLaw(
      bs.map((b) => naturalLaw(b)),
      meanOf(bs),
      absMeanOf(bs),
    );
    outcomes += lawN.outcomes;
    const instN = { n, d: dn, a: bs.map((b) => Array.from(b)) };
    out.independentNatural.push({ ...varianceSides(lawN, oneOverN(natural(dn), bs)), instance: instN });
    out.unbiased.push({ ...unbiasedSides(lawN, meanOf(bs)), instance: instN });
    // Shared rand-k: variance ω‖ā‖²; teeth: identical inputs against the 1/n side, n ≥ 2.
    const lawS = sharedRandKAggregateLaw(as, k);
    out.shared.push({
      ...varianceSides(lawS, omega * norm2sq(abar), omega * norm2sq(absMeanOf(as))),
      instance: inst,
    });
    const same = Array.from({ length: n + 1 }, () => as[0]);
    out.teeth.push({
      ...varianceSides(sharedRandKAggregateLaw(same, k), oneOverN(C, same)),
      instance: { n: n + 1, d, k, a: [Array.from(as[0])] },
    });
  }
  return { ...out, outcomes };
}
