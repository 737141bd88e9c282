import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { randK } from '../../src/compressors/rand-k.ts';
import type { Compressor } from '../../src/compressors/types.ts';
import { subjectOf } from '../../src/check/compressor-family.ts';
import { evaluateInput } from '../../src/check/evaluate-input.ts';
import type { CheckSubject } from '../../src/check/types.ts';
import { key } from '../../src/rng/key.ts';
import { scaledInput } from '../../src/check/inputs/contract-input.ts';
import { magnitudeExponent } from '../../src/check/inputs/magnitude-exponent.ts';
import { unitVector } from '../../src/check/inputs/unit-vector.ts';

/** The compressor without its exact expectation, so that only Monte Carlo can judge it. */
const monteCarloOnly = (c: Compressor): CheckSubject => {
  const { expectation: _dropped, ...rest } = subjectOf(c);
  return rest;
};

const randKInput = fc.integer({ min: 1, max: 40 }).chain((d) =>
  fc.record({
    d: fc.constant(d),
    k: fc.integer({ min: 1, max: d }),
    scaled: fc.boolean(),
    unit: unitVector(d),
    exponent: magnitudeExponent(),
    seed: fc.noShrink(fc.nat()),
  }),
);

describe('evaluateInput', () => {
  it('never reports rand-k, which meets its bound with equality for every x, from Monte Carlo alone', () => {
    fc.assert(
      fc.property(randKInput, (input) => {
        const subject = monteCarloOnly(randK(input.d, input.k, { scaled: input.scaled }));
        const r = evaluateInput(subject, scaledInput(input), key(input.seed), { samples: 64, maxSamples: 1024 });
        expect(r.failure).toBeUndefined();
      }),
      { numRuns: 60 },
    );
  });

  it('cross-checks the sampler: a compress that over-scales is caught although its expectation() is exact', () => {
    const honest = randK(4, 2, { scaled: true });
    const wrong: Compressor = { ...honest, compress: (x, k) => honest.compress(x, k).map((v) => 1.5 * v) };
    const r = evaluateInput(subjectOf(wrong), Float64Array.of(1, 1, 1, 1), key(3), { samples: 64, maxSamples: 2048 });
    expect(r.failure?.kind).toBe('expectation-mismatch');
  });

  it('reports C(0) ≠ 0 for a compressor that adds a subnormal to the zero vector', () => {
    const subject: CheckSubject = {
      name: 'adds-dust',
      dim: 3,
      contract: { kind: 'contractive', alpha: 0.5 },
      deterministic: true,
      run: (x) => ({ output: Float64Array.from(x, (v) => v + 2 ** -1074), draws: undefined }),
    };
    const r = evaluateInput(subject, new Float64Array(3), key(0), { samples: 8, maxSamples: 8 });
    expect(r.failure?.kind).toBe('zero');
    expect(r.failure?.message).toBe('C(0) must be 0, got 5e-324 at index 0');
  });

  it('judges a tiny input on the same scale as a unit one (scale-free ratios, no underflow)', () => {
    const subject = subjectOf(randK(3, 1));
    const unit = evaluateInput(subject, Float64Array.of(1, 0.5, 0.25), key(1), { samples: 8, maxSamples: 8 });
    const tiny = evaluateInput(subject, Float64Array.of(2 ** -1060, 2 ** -1061, 2 ** -1062), key(1), {
      samples: 8,
      maxSamples: 8,
    });
    expect(tiny.failure).toBeUndefined();
    expect(tiny.ratio?.estimate).toBe(unit.ratio?.estimate);
  });
});
