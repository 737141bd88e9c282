/**
 * The single list of single-node compressors, read by the contract checker, the CLI (`--compressor top-k:k=2`)
 * and the reports. PermK is correlated across nodes and lives in perm-k.ts, outside this list.
 *
 * Spec grammar (parseCompressorSpec):
 *   spec   := stage ('+' stage)*          stages apply left to right: 'top-k:k=2+natural' is natural ∘ top-k
 *   stage  := 'contractive(' spec ')' | atom
 *   atom   := id [':' param (',' param)*]
 *   param  := name '=' value | name        a bare name is `true`; value is a number, `true` or `false`
 * `contractive(c)` is asContractive(c) for an unbiased c, and the rescaled composition (1/(1 + ω))·Q∘T for a
 * composition (compose.ts rule 2, e.g. 'contractive(top-k:k=2+natural)' has α = 8k/(9d)).
 * For top-k and rand-k, 0 < k < 1 means the fraction ⌈k·d⌉ ('top-k:k=0.01').
 * Examples: 'top-k:k=2', 'rand-k:k=5,scaled', 'qsgd:s=4', 'natural', 'contractive(rand-k:k=2,scaled)'.
 */
import { bernoulliSparsifier } from './bernoulli.ts';
import { compose } from './compose.ts';
import { hardThreshold } from './hard-threshold.ts';
import { identity } from './identity.ts';
import { naturalDithering } from './natural-dithering.ts';
import { natural } from './natural.ts';
import { qsgd } from './qsgd.ts';
import { randK } from './rand-k.ts';
import { asContractive } from './scaled.ts';
import { scaledSign } from './scaled-sign.ts';
import { terngrad } from './terngrad.ts';
import { topK } from './top-k.ts';
import type { Compressor } from './types.ts';

export type SpecParams = Readonly<Record<string, number | boolean>>;

export interface CompressorEntry {
  /** 'top-k', 'rand-k', 'natural', 'qsgd', … */
  readonly id: string;
  /** One line: contract and docs/theory.md row. */
  readonly summary: string;
  /** RangeError on bad or unknown params. */
  readonly build: (d: number, params: SpecParams) => Compressor;
  /** Parameter sets worth verifying at dimension d (checker and properties iterate over these). */
  readonly examples: (d: number) => readonly SpecParams[];
}

/** Throws unless every key of params is known, and returns a typed reader. */
function reader(id: string, params: SpecParams, known: readonly string[]) {
  for (const name of Object.keys(params)) {
    if (!known.includes(name)) {
      throw new RangeError(
        `${id}: unknown parameter '${name}'; known: ${known.length === 0 ? '(none)' : known.join(', ')}`,
      );
    }
  }
  const number = (name: string): number => {
    const v = params[name];
    if (typeof v !== 'number')
      throw new RangeError(`${id}: need a number ${name}=…, got ${v === undefined ? 'nothing' : String(v)}`);
    return v;
  };
  const flag = (name: string): boolean => {
    const v = params[name];
    if (v === undefined) return false;
    if (typeof v !== 'boolean') throw new RangeError(`${id}: ${name} is a flag (true or false), got ${v}`);
    return v;
  };
  /** k as a count, or as the fraction ⌈k·d⌉ when 0 < k < 1. */
  const count = (name: string, d: number): number => {
    const v = number(name);
    return v > 0 && v < 1 ? Math.ceil(v * d) : v;
  };
  return { number, flag, count };
}

/** c, after checking that the spec gave no parameters. */
function noParams(id: string, params: SpecParams, c: Compressor): Compressor {
  reader(id, params, []);
  return c;
}

const unique = (ks: readonly number[]): number[] => [...new Set(ks)];

export const compressorRegistry: readonly CompressorEntry[] = [
  {
    id: 'identity',
    summary: 'C(x) = x; contractive α = 1',
    build: (d, p) => noParams('identity', p, identity(d)),
    examples: () => [{}],
  },
  {
    id: 'top-k',
    summary: 'keep the k largest |x_j| (ties: lower index); contractive α = k/d, docs/theory.md §1.1 row 1',
    build: (d, p) => topK(d, reader('top-k', p, ['k']).count('k', d)),
    examples: (d) => unique([1, Math.ceil(d / 4), d]).map((k) => ({ k })),
  },
  {
    id: 'rand-k',
    summary: 'keep a uniform k-subset; contractive α = k/d, or with scaled unbiased ω = d/k − 1 (equality), rows 2–3',
    build: (d, p) => {
      const r = reader('rand-k', p, ['k', 'scaled']);
      return randK(d, r.count('k', d), { scaled: r.flag('scaled') });
    },
    examples: (d) => unique([1, Math.ceil(d / 2)]).flatMap((k) => [{ k }, { k, scaled: true }]),
  },
  {
    id: 'bernoulli',
    summary: 'keep each coordinate w.p. p, no rescaling; contractive α = p, row 4',
    build: (d, p) => bernoulliSparsifier(d, reader('bernoulli', p, ['p']).number('p')),
    examples: () => [{ p: 0.25 }, { p: 0.5 }],
  },
  {
    id: 'natural',
    summary: 'unbiased rounding to powers of two; unbiased ω = 1/8, row 6',
    build: (d, p) => noParams('natural', p, natural(d)),
    examples: () => [{}],
  },
  {
    id: 'qsgd',
    summary: 'standard dithering with s levels, ℓ₂; unbiased ω = min(d/s², √d/s) (QSGD Lemma 3.1, loose), row 9',
    build: (d, p) => qsgd(d, reader('qsgd', p, ['s']).number('s')),
    examples: () => [{ s: 1 }, { s: 2 }, { s: 8 }],
  },
  {
    id: 'natural-dithering',
    summary: 'dithering on {0, 2^−(s−1), …, 1/2, 1}, ℓ₂; unbiased, derived ω (natural-dithering.ts), row 10',
    build: (d, p) => naturalDithering(d, reader('natural-dithering', p, ['s']).number('s')),
    examples: () => [{ s: 1 }, { s: 3 }, { s: 8 }],
  },
  {
    id: 'terngrad',
    summary: '‖x‖_∞·sign(x_j)·Bernoulli(|x_j|/‖x‖_∞); unbiased ω = (√d − 1)/2 (derived form), row 11',
    build: (d, p) => noParams('terngrad', p, terngrad(d)),
    examples: () => [{}],
  },
  {
    id: 'scaled-sign',
    summary: '(‖x‖₁/d)·sign(x); contractive α = 1/d, row 12',
    build: (d, p) => noParams('scaled-sign', p, scaledSign(d)),
    examples: () => [{}],
  },
  {
    id: 'hard-threshold',
    summary: 'keep |x_j| ≥ λ; absolute ‖C(x) − x‖² < dλ² (no α exists), row 14',
    build: (d, p) => hardThreshold(d, reader('hard-threshold', p, ['lambda']).number('lambda')),
    examples: () => [{ lambda: 0.5 }, { lambda: 1 }],
  },
];

/** Combinator specs worth verifying at dimension d (rows 15–17 and the unbiased∘unbiased rule). */
export function combinatorSpecs(d: number): readonly string[] {
  const k = Math.ceil(d / 4);
  return [
    `contractive(rand-k:k=${Math.ceil(d / 2)},scaled)`,
    'contractive(natural)',
    `top-k:k=${k}+natural`,
    `contractive(top-k:k=${k}+natural)`,
    `rand-k:k=${k}+natural`,
    `rand-k:k=${k},scaled+natural`,
  ];
}

function findEntry(id: string): CompressorEntry {
  const entry = compressorRegistry.find((e) => e.id === id);
  if (entry === undefined) {
    throw new RangeError(
      `unknown compressor '${id}'; known: ${compressorRegistry.map((e) => e.id).join(', ')}, contractive(…), a+b`,
    );
  }
  return entry;
}

function parseParams(id: string, text: string): SpecParams {
  const params: Record<string, number | boolean> = {};
  if (text === '') return params;
  for (const part of text.split(',')) {
    const eq = part.indexOf('=');
    const name = (eq < 0 ? part : part.slice(0, eq)).trim();
    const raw = eq < 0 ? 'true' : part.slice(eq + 1).trim();
    if (name === '') throw new RangeError(`${id}: empty parameter name in '${text}'`);
    // Last-wins would silently run a different compressor than the one asked for ('top-k:k=1,k=2' as k=2).
    if (Object.hasOwn(params, name)) throw new RangeError(`${id}: parameter ${name} given twice`);
    if (raw === 'true' || raw === 'false') params[name] = raw === 'true';
    else {
      const v = Number(raw);
      if (raw === '' || !Number.isFinite(v))
        throw new RangeError(`${id}: parameter ${name} needs a number, got '${raw}'`);
      params[name] = v;
    }
  }
  return params;
}

/** Splits at '+' signs outside parentheses that start a new stage (a letter follows: '1e+3' stays whole). */
function splitStages(spec: string): string[] {
  const stages: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < spec.length; i++) {
    const ch = spec[i];
    if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === '+' && depth === 0 && /[a-z]/i.test(spec[i + 1] ?? '')) {
      stages.push(spec.slice(start, i));
      start = i + 1;
    }
    if (depth < 0) throw new RangeError(`compressor spec: unbalanced ')' in '${spec}'`);
  }
  if (depth !== 0) throw new RangeError(`compressor spec: unbalanced '(' in '${spec}'`);
  stages.push(spec.slice(start));
  return stages.map((s) => s.trim());
}

function parseStage(stage: string, d: number): Compressor {
  const wrapped = /^contractive\((.*)\)$/s.exec(stage);
  if (wrapped !== null) {
    const inner = splitStages(wrapped[1]);
    if (inner.length === 1) return asContractive(parseStage(inner[0], d));
    return inner
      .slice(1)
      .reduce((c, s, i) => compose(parseStage(s, d), c, { rescale: i === inner.length - 2 }), parseStage(inner[0], d));
  }
  const colon = stage.indexOf(':');
  const id = (colon < 0 ? stage : stage.slice(0, colon)).trim();
  return findEntry(id).build(d, parseParams(id, colon < 0 ? '' : stage.slice(colon + 1)));
}

/**
 * A compressor for dimension d from its spec (grammar in the header). RangeError, one line, on anything unknown.
 * @example
 * parseCompressorSpec('top-k:k=2+natural', 8).name;
 * // returns 'natural(d=8)∘top-k(k=2,d=8)'
 */
export function parseCompressorSpec(spec: string, d: number): Compressor {
  const stages = splitStages(spec.trim());
  if (stages.some((s) => s === '')) throw new RangeError(`compressor spec: empty stage in '${spec}'`);
  return stages.slice(1).reduce((c, s) => compose(parseStage(s, d), c), parseStage(stages[0], d));
}
