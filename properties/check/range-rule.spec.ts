import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkCompressor } from '../../src/check/check-compressor.ts';
import { judgeInput } from '../../src/check/judge-input.ts';
import { scaledInput } from '../../src/check/inputs/contract-input.ts';
import { magnitudeExponent } from '../../src/check/inputs/magnitude-exponent.ts';
import { unitVector } from '../../src/check/inputs/unit-vector.ts';
import { squareRange } from '../../src/check/square-range.ts';
import { userModuleFamily, type UserCompressor } from '../../src/check/user-module.ts';
import { powerOfTwoScale } from '../../src/linalg/norms.ts';
import { key } from '../../src/rng/key.ts';
import { brokenSet } from '../broken/index.ts';
import qsgdContractive from './fixtures/qsgd-textbook-contractive.ts';
import qsgd from './fixtures/qsgd-textbook.ts';
import { specSeed } from './spec-seed.ts';

const broken = (file: string): UserCompressor => brokenSet.find((b) => b.file === file)!.module;
const subjectAt = (m: UserCompressor, d: number) => userModuleFamily(m, m.name ?? 'm').at(d);
const budget = { samples: 64, maxSamples: 1024 };
const textbook: readonly [string, UserCompressor][] = [
  ['unbiased', qsgd as UserCompressor],
  ['contractive, scaled by 1/(ω + 1)', qsgdContractive as UserCompressor],
];

describe('squareRange: where the naive Σx_j² lands', () => {
  it('is overflow from ‖x‖ = 2^512 (≈ 1.34e154), underflow once every square rounds to 0, representable between', () => {
    expect(squareRange(Float64Array.of(2 ** 512))).toBe('overflow');
    expect(squareRange(Float64Array.of(2 ** 511))).toBe('representable');
    // each square finite, the sum not: 3·2^1022 < Number.MAX_VALUE < 4·2^1022
    expect(squareRange(Float64Array.of(2 ** 511, 2 ** 511, 2 ** 511))).toBe('representable');
    expect(squareRange(Float64Array.of(2 ** 511, 2 ** 511, 2 ** 511, 2 ** 511))).toBe('overflow');
    expect(squareRange(Float64Array.of(2 ** -538, -(2 ** -600)))).toBe('underflow');
    // (2^-537)² = 2^-1074, the smallest subnormal: not 0, so representable (the rule names 0, not imprecision)
    expect(squareRange(Float64Array.of(2 ** -537))).toBe('representable');
    expect(squareRange(new Float64Array(3))).toBe('representable');
    expect(squareRange(Float64Array.of(0, -0, 1e-200, 1))).toBe('representable');
  });

  it("an input's twin at unit scale (divided by a power of two) is always representable, so it can be judged", () => {
    const input = fc
      .integer({ min: 1, max: 64 })
      .chain((d) =>
        fc.record({ d: fc.constant(d), unit: unitVector(d), exponent: magnitudeExponent(), seed: fc.constant(0) }),
      );
    fc.assert(
      fc.property(input, (i) => {
        const x = scaledInput(i);
        if (x.every((v) => v === 0)) return;
        const s = powerOfTwoScale(x);
        expect(squareRange(Float64Array.from(x, (v) => v / s))).toBe('representable');
      }),
    );
  });
});

describe('judgeInput: the range rule on one input', () => {
  it('sets aside a NaN where Σx_j² overflows and judges the same shape at unit scale instead', () => {
    const j = judgeInput(
      subjectAt(qsgd as UserCompressor, 2),
      Float64Array.of(2 ** 512, -(2 ** 511)),
      key(1),
      budget,
      6,
      false,
    );
    expect(j.setAside?.where).toBe('overflow');
    expect(j.evaluation?.failure).toBeUndefined();
    expect(Array.from(j.evaluation!.x)).toEqual([1, -0.5]);
  });

  it('sets aside a NaN where Σx_j² underflows to 0', () => {
    const j = judgeInput(
      subjectAt(qsgd as UserCompressor, 2),
      Float64Array.of(2 ** -600, 3 * 2 ** -600),
      key(1),
      budget,
      6,
      false,
    );
    expect(j.setAside?.where).toBe('underflow');
    expect(j.evaluation?.failure).toBeUndefined();
  });

  it('in strict mode, excuses nothing', () => {
    const j = judgeInput(subjectAt(qsgd as UserCompressor, 1), Float64Array.of(2 ** 512), key(1), budget, 6, true);
    expect(j.setAside).toBeUndefined();
    expect(j.evaluation?.failure?.kind).toBe('finiteness');
  });

  it('keeps a NaN that comes from the shape: 0/0 at an exact zero entry fails at ordinary scale, and at huge scale through the twin', () => {
    const subject = subjectAt(broken('nan-outputs.ts'), 3);
    const ordinary = judgeInput(subject, Float64Array.of(1, 0, 0.5), key(1), budget, 6, false);
    expect(ordinary.setAside).toBeUndefined();
    expect(ordinary.evaluation?.failure?.kind).toBe('finiteness');
    const huge = judgeInput(subject, Float64Array.of(2 ** 900, 0, 2 ** 899), key(1), budget, 6, false);
    expect(huge.setAside?.where).toBe('overflow');
    expect(huge.evaluation?.failure?.kind).toBe('finiteness');
    expect(huge.evaluation?.failure?.x).toEqual([1, 0, 0.5]);
  });

  it('never sets aside a finite output, however wrong: the underflowing shortcut of tiny-magnitudes.ts stays a failure', () => {
    const j = judgeInput(
      subjectAt(broken('tiny-magnitudes.ts'), 2),
      Float64Array.of(2 ** -600, 3 * 2 ** -600),
      key(1),
      budget,
      6,
      false,
    );
    expect(j.setAside).toBeUndefined();
    expect(['bias', 'contract']).toContain(j.evaluation?.failure?.kind);
  });

  it('sets an absolute contract’s input aside without a twin (the contract is not scale-free)', () => {
    const naive: UserCompressor = {
      name: 'naive-threshold',
      contract: { kind: 'absolute', deltaSq: 1 },
      compress: (x) => {
        let sumSq = 0;
        for (const t of x) sumSq += t * t;
        return x.map((t) => (sumSq / sumSq) * t);
      },
    };
    const j = judgeInput(subjectAt(naive, 2), Float64Array.of(2 ** 600, 1), key(1), budget, 6, false);
    expect(j.setAside?.where).toBe('overflow');
    expect(j.evaluation).toBeUndefined();
  });
});

describe('the textbook QSGD modules: a floating-point range limit is not a contract violation', () => {
  for (const [what, m] of textbook) {
    it(`${what}: passes, with a note on the range it was judged on`, () => {
      const v = checkCompressor(m, { seed: specSeed(), effort: 'quick' });
      expect(v.failure).toBeUndefined();
      expect(v.status).toBe('pass');
      expect(v.range?.note).toMatch(
        /^non-finite output only where ‖x‖² (overflows|underflows to 0|overflows or underflows to 0): judged on inputs with ‖x‖ in \[\S+, \S+\]$/,
      );
      expect(v.range!.overflow + v.range!.underflow).toBeGreaterThan(0);
      // the judged norms stay on the representable side of Σx_j² overflowing
      expect(v.range!.high).toBeLessThanOrEqual(2 ** 512);
      expect(v.range!.low).toBeGreaterThan(0);
    });

    it(`${what}: fails on finiteness in strict mode`, () => {
      const v = checkCompressor(m, { seed: specSeed(), effort: 'quick', strictRange: true });
      expect(v.status).toBe('fail');
      expect(v.failure?.kind).toBe('finiteness');
      expect(v.range).toBeUndefined();
    });
  }

  it('a verdict under the rule is JSON-serialisable and replays exactly from its seed', () => {
    const a = checkCompressor(qsgd as UserCompressor, { seed: specSeed(3), effort: 'quick' });
    const b = checkCompressor(qsgd as UserCompressor, { seed: specSeed(3), effort: 'quick' });
    expect(JSON.parse(JSON.stringify(a.range))).toEqual(a.range);
    expect({ ...b, elapsedMs: 0 }).toEqual({ ...a, elapsedMs: 0 });
  });
});

describe('non-finite output at ordinary magnitudes stays a failure under the rule', () => {
  for (const file of ['nan-outputs.ts', 'zero-entries.ts']) {
    it(`${file} still fails, also from the random phase alone`, () => {
      const expected = brokenSet.find((b) => b.file === file)!.expected;
      for (const b of [{}, { worstCaseDims: [] }]) {
        const v = checkCompressor(broken(file), { seed: specSeed(11), effort: 'quick', budget: b });
        expect(v.status).toBe('fail');
        expect(expected).toContain(v.failure?.kind);
      }
    });
  }
});
