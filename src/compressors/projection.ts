/**
 * Coordinate projections: compressors whose output keeps some coordinates of x unchanged and zeroes the rest,
 * C(x)_j ∈ {x_j, 0} (top-k, unscaled rand-k, Bernoulli sparsification, identity). Then ⟨C(x), x − C(x)⟩ = 0 on
 * every outcome, so ‖C(x) − x‖² = ‖x‖² − ‖C(x)‖², and a contractive α means E‖C(x)‖² ≥ α‖x‖². compose.ts needs
 * exactly these two facts to bound unbiased ∘ projection (docs/theory.md §1.1 rows 16–17). The marker is a plain
 * field on the compressor object, so a hand-written compressor can opt in (and be checked for it).
 */
import type { Compressor } from './types.ts';

export interface CoordinateProjection extends Compressor {
  /** Present only on compressors with C(x)_j ∈ {x_j, 0} for every x, key and j. */
  readonly coordinateProjection: true;
}

/** Type guard for the marker; the contract must also be contractive for compose.ts to use it. */
export function isCoordinateProjection(c: Compressor): c is CoordinateProjection {
  return (c as Partial<CoordinateProjection>).coordinateProjection === true;
}
