import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { foldIn, key } from '../rng/key.ts';
import { normal, uniform } from '../rng/sample.ts';
import { meanSe, Z_DEFAULT } from '../stats/mean-se.ts';
import { compose } from './compose.ts';
import { natural } from './natural.ts';
import { randK } from './rand-k.ts';
import { combinatorSpecs, compressorRegistry, parseCompressorSpec } from './registry.ts';
import { asContractive } from './scaled.ts';
import type { Compressor } from './types.ts';

const DIMS = [1, 2, 5, 12] as const;

/** Every built-in and every combinator spec at dimension d. */
function catalogue(d: number): Compressor[] {
  return [
    ...compressorRegistry.flatMap((e) => e.examples(d).map((p) => e.build(d, p))),
    ...combinatorSpecs(d).map((s) => parseCompressorSpec(s, d)),
  ];
}

/**
 * Fixed, well-conditioned inputs: entries ±(1 + 0.8u)·2^{−1, 0, 1}, so that no coordinate's rounding probability
 * is tiny (a rare outcome unseen in N draws would make the sample se 0 and fake a mismatch), plus exact ties and a
 * zero. The draws use fixed keys too, so this test is deterministic; z = 6 makes it meaningful.
 */
function inputs(d: number): Float64Array[] {
  const u = uniform(key(1000 + d), 3 * d);
  const spread = Float64Array.from(
    { length: d },
    (_, j) => (u[j] < 0.5 ? -1 : 1) * (1.1 + 0.8 * u[d + j]) * 2 ** (Math.floor(3 * u[2 * d + j]) - 1),
  );
  const ties = Float64Array.from({ length: d }, (_, j) => (j === d - 1 && d > 1 ? 0 : j % 2 === 0 ? 1.5 : -1.5));
  return [spread, ties];
}

/** parseCompressorSpec, at d = 10 unless told. */
const parse = (spec: string, d = 10) => parseCompressorSpec(spec, d);
/** The spec is refused with a one-line RangeError whose message contains `message`. */
const refused = (spec: string, message: string, d = 10) => {
  expect(() => parse(spec, d), spec).toThrow(RangeError);
  expect(() => parse(spec, d), spec).toThrow(message);
};

describe('the compressor catalogue (every registry entry and combinator)', () => {
  it('has unique names that carry the parameters', () => {
    for (const d of DIMS) {
      const names = catalogue(d).map((c) => c.name);
      expect(new Set(names).size).toBe(names.length);
      for (const n of names) expect(n).toContain(`d=${d}`);
    }
  });

  it('rejects inputs of the wrong length in compress and expectation', () => {
    for (const d of DIMS) {
      for (const c of catalogue(d)) {
        expect(() => c.compress(new Float64Array(d + 1), key(0)), c.name).toThrow(RangeError);
        if (d > 1) expect(() => c.compress(new Float64Array(d - 1), key(0)), c.name).toThrow(RangeError);
        if (c.expectation !== undefined)
          expect(() => c.expectation?.(new Float64Array(d + 1)), c.name).toThrow(RangeError);
      }
    }
  });

  it('is pure (input untouched, same key gives the same bits), maps 0 to 0 and returns finite vectors of length d', () => {
    fc.assert(
      fc.property(fc.constantFrom(...DIMS), fc.noShrink(fc.nat()), (d, seed) => {
        const x = normal(key(seed), d);
        const before = Float64Array.from(x);
        for (const c of catalogue(d)) {
          const a = c.compress(x, foldIn(key(seed), 1));
          const b = c.compress(x, foldIn(key(seed), 1));
          expect(x, c.name).toEqual(before);
          expect(a, c.name).toEqual(b);
          expect(a.length).toBe(d);
          expect(a.every(Number.isFinite), c.name).toBe(true);
          expect(
            Array.from(c.compress(new Float64Array(d), key(seed))).every((v) => v === 0),
            c.name,
          ).toBe(true);
        }
      }),
      { numRuns: 20 },
    );
  });

  it('bills a positive total, with value and index bits counted separately and non-negative', () => {
    for (const d of DIMS) {
      for (const c of catalogue(d)) {
        const out = c.compress(inputs(d)[0], key(3));
        const b = c.bits(out);
        expect(b.values + b.indices, c.name).toBeGreaterThan(0);
        expect(b.values, c.name).toBeGreaterThanOrEqual(0);
        expect(b.indices, c.name).toBeGreaterThanOrEqual(0);
        expect(Number.isFinite(b.values) && Number.isFinite(b.indices)).toBe(true);
      }
    }
  });

  it('samples agree with expectation() for every random compressor (Monte Carlo, z = 6, N = 4000 per input)', () => {
    const N = 4000;
    let checks = 0;
    for (const d of DIMS) {
      for (const c of catalogue(d)) {
        if (c.deterministic) continue;
        for (const [which, x] of inputs(d).entries()) {
          const exact = c.expectation?.(x);
          if (exact === undefined) continue;
          const samples = Array.from({ length: N }, (_, i) => c.compress(x, foldIn(key(7 * d + which), i)));
          const tag = `${c.name} on input ${which}`;
          for (let j = 0; j < d; j++) {
            const s = meanSe(samples.map((o) => o[j]));
            const tol = Z_DEFAULT * s.se + 1e-12 * (Math.abs(exact.mean[j]) + Math.abs(x[j])) + 1e-300;
            expect(
              Math.abs(s.mean - exact.mean[j]),
              `${tag}, coordinate ${j}: ${s.mean} vs ${exact.mean[j]}`,
            ).toBeLessThanOrEqual(tol);
            checks++;
          }
          const err = meanSe(samples.map((o) => o.reduce((acc, v, j) => acc + (v - x[j]) ** 2, 0)));
          const tol = Z_DEFAULT * err.se + 1e-12 * exact.errorSq + 1e-300;
          expect(
            Math.abs(err.mean - exact.errorSq),
            `${tag}: E‖C(x) − x‖² ${err.mean} vs ${exact.errorSq}`,
          ).toBeLessThanOrEqual(tol);
          checks++;
        }
      }
    }
    expect(checks).toBeGreaterThan(300);
  });
});

describe('parseCompressorSpec', () => {
  it('builds every registry example from its spec text, with the same name', () => {
    for (const e of compressorRegistry) {
      for (const p of e.examples(10)) {
        const text = Object.entries(p)
          .map(([k, v]) => (v === true ? k : `${k}=${v}`))
          .join(',');
        expect(parseCompressorSpec(text === '' ? e.id : `${e.id}:${text}`, 10).name).toBe(e.build(10, p).name);
      }
    }
  });

  it('reads fractions of d, bare and explicit flags, and whitespace', () => {
    expect(parseCompressorSpec('top-k:k=0.01', 1000).name).toBe('top-k(k=10,d=1000)');
    expect(parseCompressorSpec('top-k:k=0.3', 8).name).toBe('top-k(k=3,d=8)');
    expect(parseCompressorSpec('rand-k:k=5,scaled', 20).contract).toEqual({ kind: 'unbiased', omega: 3 });
    expect(parseCompressorSpec(' rand-k : k=5 , scaled=false ', 20).contract).toEqual({
      kind: 'contractive',
      alpha: 0.25,
    });
    expect(parseCompressorSpec('hard-threshold:lambda=1e-3', 4).name).toBe('hard-threshold(lambda=0.001,d=4)');
    expect(parseCompressorSpec('hard-threshold:lambda=1e+3', 4).name).toBe('hard-threshold(lambda=1000,d=4)');
  });

  it('composes left to right with +, and contractive(…) rescales unbiased compressors and compositions', () => {
    const c = parseCompressorSpec('top-k:k=2+natural', 16);
    expect(c.name).toBe('natural(d=16)∘top-k(k=2,d=16)');
    expect(c.contract).toEqual({ kind: 'contractive', alpha: (7 * 2) / (8 * 16) });
    const r = parseCompressorSpec('contractive(top-k:k=2+natural)', 16);
    expect(r.contract.kind === 'contractive' && r.contract.alpha).toBeCloseTo((8 * 2) / (9 * 16), 15);
    expect(parseCompressorSpec('contractive(rand-k:k=2,scaled)', 10).contract).toEqual({
      kind: 'contractive',
      alpha: 0.2,
    });
  });

  it('fails with one-line RangeErrors that list what is known', () => {
    const fails = (spec: string, pattern: RegExp): void => {
      let message = '';
      try {
        parseCompressorSpec(spec, 10);
      } catch (e) {
        expect(e).toBeInstanceOf(RangeError);
        message = (e as Error).message;
      }
      expect(message).toMatch(pattern);
      expect(message).not.toContain('\n');
    };
    fails('top-q:k=2', /unknown compressor 'top-q'; known: identity, top-k, rand-k/);
    fails('top-k:q=2', /unknown parameter 'q'; known: k/);
    fails('natural:s=2', /unknown parameter 's'; known: \(none\)/);
    fails('top-k', /need a number k/);
    fails('top-k:k=abc', /needs a number/);
    fails('top-k:k=11', /1 ≤ k ≤ d/);
    fails('rand-k:k=2,scaled=3', /flag/);
    fails('contractive(top-k:k=2', /unbalanced/);
    fails('top-k:k=2+', /needs a number/);
    fails('+natural', /empty stage/);
    fails('contractive(top-k:k=2)', /unbiased/);
    fails('top-k:k=1,k=2', /^top-k: parameter k given twice$/);
    fails('rand-k:k=2,scaled,scaled=false', /^rand-k: parameter scaled given twice$/);
    fails('top-k:k=2+contractive(rand-k:k=1, k=3,scaled)', /^rand-k: parameter k given twice$/);
  });
});

describe('parseCompressorSpec: numbers and fractions', () => {
  it('0 < k < 1 is the fraction ⌈k·d⌉; k ≥ 1 is a count; k ≤ 0 reaches top-k unchanged', () => {
    expect(parse('top-k:k=0.25').name).toBe('top-k(k=3,d=10)');
    expect(parse('top-k:k=5').name).toBe('top-k(k=5,d=10)');
    expect(parse('rand-k:k=0.5,scaled').name).toBe(parse('rand-k:k=5,scaled').name);
    refused('top-k:k=-0.5', 'got k=-0.5');
    refused('top-k:k=0', 'got k=0,');
  });

  it('a missing number says "got nothing"; a flag where a number is needed says "got true"', () => {
    refused('top-k', 'top-k: need a number k=…, got nothing');
    refused('top-k:k', 'top-k: need a number k=…, got true');
    refused('qsgd:s=false', 'qsgd: need a number s=…, got false');
  });
});

describe('parseCompressorSpec: parameters', () => {
  it("'=3' has an empty name, 'k=' and 'k= ' have no number", () => {
    refused('top-k:=3', "top-k: empty parameter name in '=3'");
    refused('top-k:k=', "top-k: parameter k needs a number, got ''");
    refused('top-k:k= ', "top-k: parameter k needs a number, got ''");
  });

  it("a bare name is the flag true, and spaces around names and values are ignored ('k = 3', 'scaled = true')", () => {
    expect(parse('rand-k:k=2,scaled').contract).toEqual({ kind: 'unbiased', omega: 4 });
    expect(parse('rand-k:k = 2 , scaled = true').name).toBe(parse('rand-k:k=2,scaled').name);
    expect(parse('rand-k:k=2,scaled= false').name).toBe(parse('rand-k:k=2').name);
    expect(parse('top-k: k = 3').name).toBe('top-k(k=3,d=10)');
  });
});

describe('parseCompressorSpec: stages and wrappers', () => {
  it("an unbalanced ')' is named as such, and the message quotes the trimmed spec", () => {
    refused('top-k:k=2)', "compressor spec: unbalanced ')' in 'top-k:k=2)'");
    refused(')contractive(natural', "unbalanced ')'");
    refused('  natural)  ', "compressor spec: unbalanced ')' in 'natural)'");
    refused('contractive(natural', "unbalanced '('");
  });

  it('surrounding spaces of the spec and of each stage are ignored', () => {
    expect(parse('  top-k:k=2  ').name).toBe('top-k(k=2,d=10)');
    // A wrapper followed by ' +': the stage is still recognised as contractive(…), so the refusal comes from the
    // composition rule (an outer stage cannot compose over a non-projection contractive one), not from the lookup.
    refused('contractive(natural) +natural', 'compose: no proven rule for natural(d=10)∘contractive(natural(d=10))');
    expect(parse('contractive( natural )').name).toBe('contractive(natural(d=10))');
  });

  it('contractive(…) is a wrapper only when it spans the whole stage', () => {
    expect(parse('contractive(rand-k:k=2,scaled)').contract).toEqual(
      asContractive(randK(10, 2, { scaled: true })).contract,
    );
    refused('xcontractive(rand-k:k=2,scaled)', "unknown compressor 'xcontractive(rand-k'");
    refused('contractive(rand-k:k=2,scaled)x', "unknown compressor 'contractive(rand-k'");
    refused('xcontractive(natural)', "unknown compressor 'xcontractive(natural)'");
    refused('contractive(natural)x', "unknown compressor 'contractive(natural)x'");
  });

  it('inside contractive(…) only the last composition is rescaled: a three-stage spec equals compose(…) built by hand', () => {
    const d = 10;
    // Stages apply left to right: natural ∘ (natural ∘ rand-k), unbiased throughout, rescaled once at the outside.
    const spec = parse('contractive(rand-k:k=5,scaled+natural+natural)', d);
    const byHand = compose(natural(d), compose(natural(d), randK(d, 5, { scaled: true })), { rescale: true });
    expect(spec.name).toBe(byHand.name);
    expect(spec.contract).toEqual(byHand.contract);
    // ω = 1 for rand-5 scaled, then (1 + ω)(1 + 1/8)² − 1 ⇒ α = 1/(2·(9/8)²) = 32/81.
    expect(spec.contract).toEqual({ kind: 'contractive', alpha: 1 / (2 * (9 / 8) * (9 / 8)) });
  });

  it("an empty id (':k=2') is an unknown compressor ''; an id with no parameters parses", () => {
    refused(':k=2', "unknown compressor ''");
    expect(parse('natural').name).toBe('natural(d=10)');
    expect(parse('top-k:k=2').name).toBe('top-k(k=2,d=10)');
  });
});
