/**
 * The compressor checker's findings (src/check) as report material: the checker effort per report budget, each
 * family's verdict as a contract-check verdict (src/report/verdict.ts), and the catalogue table's columns (the
 * declared contract and the bits a message costs at d = 16).
 */
import { compressorRegistry, combinatorSpecs, parseCompressorSpec } from '../../../src/compressors/registry.ts';
import type { Budget as CheckBudget, Effort, CompressorVerdict as CheckVerdict } from '../../../src/check/types.ts';
import type { Compressor, Contract } from '../../../src/compressors/types.ts';
import { contractCheckVerdict, type Verdict } from '../../../src/report/verdict.ts';
import { foldIn, key } from '../../../src/rng/key.ts';
import { normal } from '../../../src/rng/sample.ts';
import type { Budget, Provenance } from '../../types.ts';

/** The reference dimension of the bits column. */
export const BITS_DIM = 16;

/** Checker effort per report budget; quick is trimmed so the whole registry renders in seconds. */
export function effortFor(budget: Budget): { effort: Effort; budget?: Partial<CheckBudget> } {
  if (budget === 'quick')
    return {
      effort: 'quick',
      budget: { runs: 6, climbStarts: 1, climbSteps: 10, worstCaseDims: [1, 2, 4, 16], maxDim: 32, maxSamples: 512 },
    };
  return { effort: budget === 'default' ? 'quick' : 'default' };
}

/** The catalogue's compressors at d = 16, in the order of catalogueFamilies(), for the bits column. */
export function referenceCompressors(): Compressor[] {
  const out: Compressor[] = [];
  for (const entry of compressorRegistry) for (const p of entry.examples(BITS_DIM)) out.push(entry.build(BITS_DIM, p));
  for (const spec of combinatorSpecs(BITS_DIM)) out.push(parseCompressorSpec(spec, BITS_DIM));
  return out;
}

export function bitsAt16(c: Compressor): string {
  const out = c.compress(normal(key(0), BITS_DIM), foldIn(key(0), 1));
  const b = c.bits(out);
  return `${b.values} + ${b.indices}`;
}

export function declared(c: Contract): string {
  return c.kind === 'contractive'
    ? `α = ${c.alpha.toPrecision(4)}`
    : c.kind === 'unbiased'
      ? `ω = ${c.omega.toPrecision(4)}`
      : `Δ² = ${c.deltaSq.toPrecision(4)}`;
}

/** A family's checker verdict as a report verdict, with the checker's worst ratio, bound and half-width. */
export function toReport(
  v: CheckVerdict,
  id: string,
  seed: number,
  budget: Budget,
  provenance: Provenance,
  expectation: 'holds' | 'may-fail',
): Verdict {
  const worst = v.failure?.ratio ?? v.worst;
  const ctx = {
    id,
    check: `${expectation === 'may-fail' ? 'teeth: ' : ''}${v.name} (${v.contract})`,
    claim:
      v.contractKind === 'absolute'
        ? 'max ‖C(x) − x‖²/Δ² ≤ 1'
        : v.contractKind === 'unbiased'
          ? 'E‖C(x) − x‖²/‖x‖² ≤ ω, E C(x) = x'
          : 'E‖C(x) − x‖²/‖x‖² ≤ 1 − α',
    seed,
    budget,
    provenance,
    expectation,
    details: {
      inputs: v.tried.inputs,
      exactInputs: v.tried.exactInputs,
      climbSteps: v.tried.climbSteps,
      dimensions: v.tried.dimensions.length,
    },
    ...(v.failure === undefined
      ? {}
      : {
          counterexample: {
            kind: v.failure.kind,
            message: v.failure.message,
            d: v.failure.d,
            x: v.failure.x.slice(0, 32),
          },
        }),
  };
  return contractCheckVerdict(ctx, {
    violated: v.status === 'fail',
    ratio: worst?.estimate ?? Number.NaN,
    bound: worst?.bound ?? Number.NaN,
    halfWidth: worst === undefined ? 0 : Math.max(0, worst.high - worst.estimate),
    samples: v.tried.samples,
  });
}
