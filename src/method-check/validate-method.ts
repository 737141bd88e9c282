/**
 * A user's method module checked for its static shape (user-method.ts) before any search: the functions exist,
 * the state names are distinct, the classes and hyperparameter ranges make sense. Every problem is a
 * ModuleShapeError with one line saying why (exit code 2), the same error `efcheck compressor` uses.
 */
import { describeValue } from '../check/evaluate-input.ts';
import { importUserDefault, ModuleShapeError } from '../check/user-module.ts';
import type { CompressorClass, UserMethod } from './user-method.ts';

export interface Hyperparameter {
  readonly name: string;
  readonly lo: number;
  readonly hi: number;
}

/** A module that passed the static checks, normalised. */
export interface ValidMethod {
  readonly name: string;
  /** The path it was loaded from (for the replay command), or the name for an in-memory module. */
  readonly source: string;
  readonly classes: readonly CompressorClass[];
  readonly master: readonly string[];
  readonly perNode: readonly string[];
  readonly hyperparameters: readonly Hyperparameter[];
  readonly stochastic: boolean;
  readonly hasNoise: boolean;
  readonly module: UserMethod;
}

/** Everything of a ValidMethod but its code: what the main thread knows of a module loaded in a worker. */
export type MethodShape = Omit<ValidMethod, 'module'>;

/** Names the constants already use: a hyperparameter may not shadow them. */
const CONSTANT_NAMES = new Set(['L', 'Li', 'lTilde', 'lAM', 'mu', 'n', 'd', 'alpha', 'omega']);
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function names(source: string, what: string, value: unknown): string[] {
  if (!Array.isArray(value))
    throw new ModuleShapeError(
      `${source}: state.${what} must be an array of vector names, got ${describeValue(value)}`,
    );
  return value.map((v: unknown) => {
    if (typeof v !== 'string' || !IDENTIFIER.test(v) || v === '__proto__') {
      throw new ModuleShapeError(
        `${source}: state.${what} must hold identifier names, got ${JSON.stringify(v) ?? String(v)}`,
      );
    }
    return v;
  });
}

/**
 * Checks a default export's shape. Throws ModuleShapeError with a one-line reason.
 * @example
 * validateMethod(myEf21, 'examples/my-ef21.ts').master;
 * // returns ['x']
 */
export function validateMethod(value: unknown, source: string): ValidMethod {
  if (value === null || typeof value !== 'object') {
    throw new ModuleShapeError(
      `${source}: the default export must be an object { name, class, state, parameters, step, lyapunov, decrease }, got ${describeValue(value)}`,
    );
  }
  const m = value as Record<string, unknown>;
  const name = typeof m.name === 'string' && m.name !== '' ? m.name : source;
  for (const f of ['parameters', 'step', 'lyapunov', 'decrease'] as const) {
    if (typeof m[f] !== 'function')
      throw new ModuleShapeError(`${name}: the default export has no ${f} function (got ${describeValue(m[f])})`);
  }
  if (m.noise !== undefined && typeof m.noise !== 'function')
    throw new ModuleShapeError(
      `${name}: noise must be a function (params, sigma, n) => number, got ${describeValue(m.noise)}`,
    );
  const rawClass = m.class;
  const classList: unknown[] = Array.isArray(rawClass) ? rawClass : [rawClass];
  if (classList.length === 0 || !classList.every((c) => c === 'contractive' || c === 'unbiased')) {
    throw new ModuleShapeError(
      `${name}: class must be 'contractive' or 'unbiased' (or an array of them), got ${JSON.stringify(rawClass) ?? String(rawClass)}`,
    );
  }
  const classes = [...new Set(classList as CompressorClass[])];
  const state = m.state;
  if (state === null || typeof state !== 'object')
    throw new ModuleShapeError(
      `${name}: state must be { master: [...names], perNode: [...names] }, got ${describeValue(state)}`,
    );
  const s = state as Record<string, unknown>;
  const master = names(name, 'master', s.master ?? []);
  const perNode = names(name, 'perNode', s.perNode ?? []);
  if (master.length + perNode.length === 0)
    throw new ModuleShapeError(`${name}: state declares no vectors (state.master and state.perNode are both empty)`);
  const all = [...master, ...perNode];
  const twice = all.find((v, i) => all.indexOf(v) !== i);
  if (twice !== undefined) throw new ModuleShapeError(`${name}: state vector name '${twice}' is declared twice`);
  const hyper: Hyperparameter[] = [];
  const rawHyper = m.hyperparameters;
  if (rawHyper !== undefined) {
    if (rawHyper === null || typeof rawHyper !== 'object' || Array.isArray(rawHyper)) {
      throw new ModuleShapeError(
        `${name}: hyperparameters must be { name: [lo, hi], … }, got ${describeValue(rawHyper)}`,
      );
    }
    for (const [h, range] of Object.entries(rawHyper as Record<string, unknown>)) {
      if (!IDENTIFIER.test(h) || CONSTANT_NAMES.has(h))
        throw new ModuleShapeError(
          `${name}: hyperparameter name '${h}' is not an identifier or shadows a constant (${[...CONSTANT_NAMES].join(', ')})`,
        );
      const ok =
        Array.isArray(range) &&
        range.length === 2 &&
        range.every((v) => typeof v === 'number' && Number.isFinite(v)) &&
        (range[0] as number) <= (range[1] as number);
      if (!ok)
        throw new ModuleShapeError(
          `${name}: hyperparameters.${h} must be a finite range [lo, hi] with lo ≤ hi, got ${JSON.stringify(range) ?? String(range)}`,
        );
      hyper.push({ name: h, lo: (range as number[])[0], hi: (range as number[])[1] });
    }
  }
  const stochastic = m.stochastic;
  if (stochastic !== undefined && typeof stochastic !== 'boolean')
    throw new ModuleShapeError(`${name}: stochastic must be true or false, got ${describeValue(stochastic)}`);
  return {
    name,
    source,
    classes,
    master,
    perNode,
    hyperparameters: hyper,
    stochastic: stochastic === true,
    hasNoise: typeof m.noise === 'function',
    module: value as UserMethod,
  };
}

/** Imports a .ts or .js module (under tsx) and validates its default export. */
export async function loadUserMethod(path: string): Promise<ValidMethod> {
  return validateMethod(
    await importUserDefault(path, 'step', '{ name, class, state, parameters, step, lyapunov, decrease }'),
    path,
  );
}
