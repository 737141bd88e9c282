/**
 * The user module adapter: what someone writes without importing anything from efcheck,
 * turned into a CompressorFamily the engine drives.
 *
 *   export default {
 *     name: 'my-top-k',
 *     contract: { kind: 'contractive', alpha: (d) => Math.max(1, Math.floor(d / 4)) / d },
 *     compress(x: Float64Array, random: () => number): Float64Array { … },
 *   };
 *
 * `random()` returns uniforms in [0, 1) from the checker's seeded generator for the call's key, so the same key
 * replays the same stream; the adapter counts the draws, and a call that draws none is judged deterministic.
 */
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { existsSync } from 'node:fs';
import type { Contract } from '../compressors/types.ts';
import { generator } from '../rng/key.ts';
import { describeError, describeValue, ratioBound } from './evaluate-input.ts';
import { ContractDeclarationError, type CheckSubject, type CompressorFamily } from './types.ts';

/** A number or a function of d, as a user declares alpha, omega or deltaSq. */
export type PerDimension = number | ((d: number) => number);

export type UserContract =
  | { readonly kind: 'contractive'; readonly alpha: PerDimension }
  | { readonly kind: 'unbiased'; readonly omega: PerDimension }
  | { readonly kind: 'absolute'; readonly deltaSq: PerDimension };

/** The default export of a user module. */
export interface UserCompressor {
  readonly name?: string;
  readonly contract: UserContract;
  compress(x: Float64Array, random: () => number): Float64Array;
}

/** The module cannot be loaded or does not have the shape above: exit code 2, with this one-line reason. */
export class ModuleShapeError extends Error {
  override readonly name = 'ModuleShapeError';
}

const PARAMETER: Readonly<Record<UserContract['kind'], string>> = {
  contractive: 'alpha',
  unbiased: 'omega',
  absolute: 'deltaSq',
};

function evaluateAt(name: string, kind: UserContract['kind'], value: PerDimension, d: number): Contract {
  const p = PARAMETER[kind];
  let v: unknown;
  try {
    v = typeof value === 'function' ? value(d) : value;
  } catch (e) {
    throw new ContractDeclarationError(`${name}: contract.${p}(${d}) threw ${describeError(e)}`);
  }
  if (typeof v !== 'number')
    throw new ContractDeclarationError(`${name}: contract.${p} at d=${d} must be a number, got ${describeValue(v)}`);
  const c = (
    kind === 'contractive' ? { kind, alpha: v } : kind === 'unbiased' ? { kind, omega: v } : { kind, deltaSq: v }
  ) as Contract;
  try {
    ratioBound(c, name);
  } catch (e) {
    throw new ContractDeclarationError(`${(e as Error).message} at d=${d}`);
  }
  return c;
}

/**
 * Validates a user module's default export and adapts it. Throws ModuleShapeError with a one-line reason.
 * @example
 * userModuleFamily({ contract: { kind: 'unbiased', omega: 0 }, compress: (x) => x.slice() }, 'id.ts').at(3).contract;
 * // returns { kind: 'unbiased', omega: 0 }
 */
export function userModuleFamily(value: unknown, source: string): CompressorFamily {
  if (value === null || typeof value !== 'object') {
    throw new ModuleShapeError(
      `${source}: the default export must be an object { name, contract, compress }, got ${describeValue(value)}`,
    );
  }
  const m = value as Partial<Record<keyof UserCompressor, unknown>>;
  if (typeof m.compress !== 'function')
    throw new ModuleShapeError(`${source}: the default export has no compress(x, random) function`);
  const name = typeof m.name === 'string' && m.name !== '' ? m.name : source;
  const c = m.contract as Partial<Record<string, unknown>> | undefined;
  if (c === null || typeof c !== 'object') {
    throw new ModuleShapeError(
      `${name}: contract must be { kind: 'contractive', alpha } or { kind: 'unbiased', omega }, got ${describeValue(c)}`,
    );
  }
  const kind = c.kind;
  if (kind !== 'contractive' && kind !== 'unbiased' && kind !== 'absolute') {
    throw new ModuleShapeError(
      `${name}: contract.kind must be 'contractive', 'unbiased' or 'absolute', got ${JSON.stringify(kind) ?? String(kind)}`,
    );
  }
  const param = c[PARAMETER[kind]];
  if (typeof param !== 'number' && typeof param !== 'function') {
    throw new ModuleShapeError(
      `${name}: contract.${PARAMETER[kind]} must be a number or a function of d, got ${describeValue(param)}`,
    );
  }
  const compress = m.compress as (x: Float64Array, random: () => number) => unknown;
  const perD = param as PerDimension;
  // A malformed declaration at common dimensions is a shape error, found before any checking starts.
  for (const d of [1, 2, 10, 1000]) {
    try {
      evaluateAt(name, kind, perD, d);
    } catch (e) {
      throw new ModuleShapeError((e as Error).message);
    }
  }
  const cache = new Map<number, CheckSubject>();
  return {
    name,
    replayTarget: source,
    at: (d) => {
      let s = cache.get(d);
      if (s === undefined) {
        const contract = evaluateAt(name, kind, perD, d);
        s = {
          name: `${name}(d=${d})`,
          dim: d,
          contract,
          deterministic: false,
          run: (x, k) => {
            const g = generator(k);
            let draws = 0;
            const random = (): number => {
              draws++;
              return g.double();
            };
            const output = compress.call(value, x, random);
            return { output, draws };
          },
        };
        cache.set(d, s);
      }
      return s;
    },
  };
}

/**
 * Node 20 cannot import TypeScript by itself. Run from the sources (tsx, vitest) this module is .ts and a plain
 * import of a user's .ts works; from the compiled package (dist/) a .ts module goes through tsx's tsImport, loaded
 * only then, so that nothing else pays for tsx.
 */
async function importModule(abs: string): Promise<unknown> {
  const url = pathToFileURL(abs).href;
  if (!/\.[cm]?tsx?$/.test(abs) || import.meta.url.endsWith('.ts')) return import(url);
  const { tsImport } = await import('tsx/esm/api');
  return tsImport(url, import.meta.url);
}

/**
 * The default export of a user's .ts or .js module (importModule makes a .ts path work from the sources and from
 * dist/), or the module itself when it exports `marker` as a function instead; one-line ModuleShapeErrors otherwise.
 * `shape` is how the error spells the expected export, e.g. '{ name, contract, compress }'.
 */
export async function importUserDefault(path: string, marker: string, shape: string): Promise<unknown> {
  const abs = resolve(path);
  if (!existsSync(abs)) throw new ModuleShapeError(`${path}: no such file`);
  let mod: Record<string, unknown>;
  try {
    mod = (await importModule(abs)) as Record<string, unknown>;
  } catch (e) {
    throw new ModuleShapeError(`${path}: cannot be loaded: ${describeError(e)}`);
  }
  const value = 'default' in mod ? mod.default : typeof mod[marker] === 'function' ? mod : undefined;
  if (value === undefined) throw new ModuleShapeError(`${path}: has no default export (export default ${shape})`);
  return value;
}

/** Imports a compressor module and adapts it. */
export async function loadUserModule(path: string): Promise<CompressorFamily> {
  return userModuleFamily(await importUserDefault(path, 'compress', '{ name, contract, compress }'), path);
}
