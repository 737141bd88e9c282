/**
 * A constant copied from a document (docs/theory.md's worked numbers, a paper's table) is only as exact as its
 * printed digits: it is compared to half a unit in its last printed digit, never to rounding.
 */
import { identityVerdict, type Verdict, type VerdictContext } from '../../src/report/verdict.ts';

/**
 * Half a unit in the last of `digits` significant digits of `value`.
 * @example
 * transcriptionTolerance(1.666, 4);
 * // returns 0.0005
 */
export function transcriptionTolerance(value: number, digits: number): number {
  return 0.5 * 10 ** (Math.floor(Math.log10(Math.abs(value))) - digits + 1);
}

/** `value` (computed) = `printed` (transcribed from `source` with `digits` significant digits), as an identity verdict. */
export function transcribedVerdict(
  ctx: Omit<VerdictContext, 'check' | 'claim'>,
  name: string,
  value: number,
  printed: number,
  digits: number,
  source: string,
): Verdict {
  // tol = rtol·(|lhs| + |rhs|) with rtol set so that it is half a unit in the last printed digit.
  return identityVerdict(
    { ...ctx, check: `${name} against ${source} (${digits} significant digits)`, claim: `${name} = ${printed}` },
    { lhs: value, rhs: printed, scale: Math.abs(value) + Math.abs(printed) },
    { rtol: transcriptionTolerance(printed, digits) / (Math.abs(value) + Math.abs(printed)) },
  );
}
