/**
 * The teeth of a rate claim in this folder: the same fit judged against the predicted exponent moved by ±0.5
 * ('may-fail': each passes when the fit rejects that exponent), so a pass of the claim shows its exponent resolved
 * to better than ±0.5 (docs/adversary.md, "How power is stated").
 */
import { rateVerdict, type Verdict } from '../../../src/report/verdict.ts';
import type { SlopeFit } from '../../../src/stats/log-log-fit.ts';
import type { ClaimContext } from '../../_lib/claim-context.ts';

/** The offsets from the predicted exponent, in this order. */
export const TEETH_OFFSETS = [-0.5, 0.5] as const;

/** What a tooth checks, for the exponent `predicted + offset`. */
export interface ToothText {
  readonly check: string;
  readonly claim: string;
  readonly details: { readonly [k: string]: number };
}

export function exponentTeeth(
  ctx: ClaimContext,
  fit: SlopeFit,
  predicted: number,
  describe: (offset: number, exponent: number) => ToothText,
): Verdict[] {
  return TEETH_OFFSETS.map((offset) => {
    const exponent = predicted + offset;
    return rateVerdict({ ...ctx, ...describe(offset, exponent), expectation: 'may-fail' }, fit, exponent);
  });
}
