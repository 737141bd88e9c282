import { describe, expect, it } from 'vitest';
import { compose } from './compose.ts';
import { natural } from './natural.ts';
import { randK } from './rand-k.ts';
import { parseCompressorSpec } from './registry.ts';
import { asContractive } from './scaled.ts';

const parse = (spec: string, d = 10) => parseCompressorSpec(spec, d);
/** The spec is refused with a one-line RangeError whose message contains `message`. */
const refused = (spec: string, message: string, d = 10) => {
  expect(() => parse(spec, d), spec).toThrow(RangeError);
  expect(() => parse(spec, d), spec).toThrow(message);
};

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

  it("contractive(…) is a wrapper only when it spans the whole stage", () => {
    expect(parse('contractive(rand-k:k=2,scaled)').contract).toEqual(asContractive(randK(10, 2, { scaled: true })).contract);
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
