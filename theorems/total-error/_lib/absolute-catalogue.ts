/**
 * The compressor checker (src/check, the catalogue's engine) on the absolute contract the EF-SGD bound rests on:
 * the honest hard threshold must pass, and two broken ones must be refuted — one that understates its Δ² by 4 (the
 * Δ²/4 the bound's teeth use) and one with the λ-for-λ² slip (keeps x_j² ≥ λ, i.e. |x_j| ≥ √λ, while declaring
 * dλ²). A Δ that no compressor meets would make the bound's memory term a fiction; these verdicts show the checker
 * sees it.
 */
import { checkFamily } from '../../../src/check/check-family.ts';
import { compressorFamily } from '../../../src/check/compressor-family.ts';
import { hardThreshold } from '../../../src/compressors/hard-threshold.ts';
import type { Compressor } from '../../../src/compressors/types.ts';
import type { Verdict } from '../../../src/report/verdict.ts';
import { foldIn, type Key } from '../../../src/rng/key.ts';
import type { Budget, Provenance } from '../../types.ts';
import { effortFor, toReport } from '../../compressors/_lib/catalogue-report.ts';

/** λ of the checked families (below 1, so that √λ > λ and the slip loses more than it declares). */
export const CATALOGUE_LAMBDA = 1 / 4;

/** The honest hard threshold and the two broken declarations, with what the checker must conclude. */
export function absoluteFamilies(lambda = CATALOGUE_LAMBDA) {
  const declaring = (c: Compressor, name: string, deltaSq: number): Compressor => ({
    ...c,
    name,
    contract: { kind: 'absolute', deltaSq },
  });
  return [
    {
      expectation: 'holds' as const,
      family: compressorFamily(`hard threshold λ = ${lambda}, Δ² = dλ²`, (d) => hardThreshold(d, lambda)),
    },
    {
      expectation: 'may-fail' as const,
      family: compressorFamily(`hard threshold λ = ${lambda} declaring Δ² = dλ²/4`, (d) =>
        declaring(hardThreshold(d, lambda), `hard-threshold-quarter(lambda=${lambda},d=${d})`, (d * lambda ** 2) / 4),
      ),
    },
    {
      expectation: 'may-fail' as const,
      family: compressorFamily(`hard threshold with the λ² slip (keeps x_j² ≥ λ = ${lambda}), declaring dλ²`, (d) =>
        declaring(hardThreshold(d, Math.sqrt(lambda)), `hard-threshold-slip(lambda=${lambda},d=${d})`, d * lambda ** 2),
      ),
    },
  ];
}

/** The checker's verdicts on the three families, at the catalogue's effort for the budget. */
export function absoluteCatalogueVerdicts(
  k: Key,
  id: string,
  seed: number,
  budget: Budget,
  provenance: Provenance,
): Verdict[] {
  return absoluteFamilies().map(({ family, expectation }, i) =>
    toReport(
      checkFamily(family, { seed: (foldIn(k, i).lo & 0x7fffffff) >>> 0, ...effortFor(budget) }),
      id,
      seed,
      budget,
      provenance,
      expectation,
    ),
  );
}
