/**
 * assertCompressorContract: the compressor contract as a fast-check assertion (ArbitraryAssertions shape,
 * docs/design.md §4), built on the checker's engine (src/check/evaluate-input.ts), so a spec is one line:
 *
 *   it('top-k is contractive with alpha = k/d', () => assertCompressorContract(([d, k]) => topK(d, k), dk));
 *
 * For each generated parameter set it builds the compressor, draws an input that finds real bugs
 * (src/check/inputs/unit-vector.ts, scaled by a power of two from tiny to huge) and checks, in order: the
 * call (no throw, input untouched, a fresh finite Float64Array of length d), same key → same output, C(0) = 0,
 * and the contract — exact where the compressor enumerates its expectation (the sampler is then cross-checked
 * against it), otherwise Monte Carlo refuting only at z = 6 — plus E C(x) = x for unbiased contracts.
 * The Monte Carlo key comes from the generated input, so failures shrink and replay.
 */
import fc from 'fast-check';
import type { Compressor } from '../compressors/types.ts';
import { rawInput } from '../check/check-family.ts';
import { subjectOf } from '../check/compressor-family.ts';
import { evaluateInput } from '../check/evaluate-input.ts';
import { formatVector } from '../check/format-verdict.ts';
import { key } from '../rng/key.ts';
import { Z_DEFAULT } from '../stats/mean-se.ts';
import { magnitudeExponent } from '../check/inputs/magnitude-exponent.ts';
import { unitVector } from '../check/inputs/unit-vector.ts';

export interface CompressorContractOptions {
  /** Monte Carlo samples per input before escalation (default 64) and the escalation cap (default 1024). */
  readonly samples?: number;
  readonly maxSamples?: number;
  readonly z?: number;
  /** fast-check runs; default: the global configuration (FC_RUNS). */
  readonly numRuns?: number;
}

/**
 * Throws (through fast-check, with the shrunk counterexample) when some generated compressor breaks its contract.
 * @example
 * assertCompressorContract((d: number) => topK(d, 1), fc.integer({ min: 1, max: 16 }));
 * // returns undefined (top-k is contractive with alpha = k/d)
 */
export function assertCompressorContract<E>(
  build: (e: E) => Compressor,
  params: fc.Arbitrary<E>,
  options: CompressorContractOptions = {},
): void {
  const budget = { samples: options.samples ?? 64, maxSamples: options.maxSamples ?? 1024 };
  const z = options.z ?? Z_DEFAULT;
  const arb = params.chain((e) => {
    const d = build(e).dim;
    return fc.record({
      e: fc.constant(e),
      unit: unitVector(d),
      exponent: magnitudeExponent(),
      seed: fc.noShrink(fc.integer({ min: 0, max: 0x7fffffff })),
    });
  });
  fc.assert(
    fc.property(arb, ({ e, unit, exponent, seed }) => {
      const subject = subjectOf(build(e));
      const d = subject.dim;
      const x = rawInput(subject, { d, unit, exponent, seed });
      for (const input of [x, new Float64Array(d)]) {
        const r = evaluateInput(subject, input, key(seed), budget, z);
        if (r.failure !== undefined) {
          const f = r.failure;
          throw new Error(`${subject.name}: ${f.kind} — ${f.message}; x = ${formatVector(f.x)}`);
        }
      }
    }),
    options.numRuns === undefined ? {} : { numRuns: options.numRuns },
  );
}
