/**
 * A paired claim E[a − b] ≤ 0 with its reversed teeth E[b − a] ≤ 0 (theorems/_lib/paired-comparison.ts, z = 6): the
 * teeth must be refuted, so a pass of the pair means the data resolve the sign, not merely fail to contradict it
 * (docs/momentum-table.md).
 */
import type { ClaimContext } from '../../_lib/claim-context.ts';
import { pairedComparison } from '../../_lib/paired-comparison.ts';

/** A comparison's check and claim, as the report prints them. */
export type Texts = readonly [check: string, claim: string];

/** For one claim context: (texts, reversed texts, a, b) ↦ [the claim on a − b, its 'may-fail' teeth on b − a]. */
export function pairedWithReversed(
  ctx: ClaimContext,
): (
  texts: Texts,
  reversed: Texts,
  a: readonly number[],
  b: readonly number[],
) => ReturnType<typeof pairedComparison>[] {
  return ([check, claim], [reversedCheck, reversedClaim], a, b) => [
    pairedComparison(ctx, check, claim, a, b),
    pairedComparison({ ...ctx, expectation: 'may-fail' }, reversedCheck, reversedClaim, b, a),
  ];
}
