/**
 * The single list of methods (optax's registry idea): every test battery, the CLI and the reports iterate it.
 * Ids are kebab-case; hyperparameters are named after the paper symbols. Aliases that differ only in the oracle
 * (sgd = gd, compressed-sgd = compressed-gd, ef21-sgd = ef21) are separate entries because reports name them so.
 *
 * Adding a method. Write its update rule as an Algorithm factory (src/algorithms/<id>.ts, see types.ts), then one
 * definition file src/algorithms/methods/<id>.ts calling defineMethod<Hyperparameters<YourParams>, YourState>({…})
 * (src/algorithms/method-definition.ts) with: the id and a one-line summary; the hyperparameter schema (kinds,
 * ranges, required, optional with a default, or optional with the default 'theory' when the theory step sets it
 * from the problem, as DIANA's α = 1/(1 + ω) — the compiler checks it against YourParams); `build`, which calls
 * the factory; `theoryStep`, which returns theoryRule(γ, 'source (docs/theory.md §N, tag)') or, where
 * docs/theory.md has no rule, noTheoryStep('no theory step in docs/theory.md §N …') so that `efcheck run --gamma
 * theory` says what is missing; and the facts about its state (per-node vectors, aggregate, billing,
 * participation, downlink, topology, fields to print, src/algorithms/method-facts.ts). Then add its entry to `methodList`
 * below: one line. The CLI's flags, the contract battery (properties/algorithms/contract.spec.ts), the relabelling
 * check and the registry tests pick it up from the definition alone; a new hyperparameter name becomes a CLI flag
 * (--kebab-case of its name) and a key of MethodParams.
 */
import type { ReadonlyVector } from '../linalg/vector.ts';
import type { Algorithm, MethodState } from './types.ts';
import type { MethodEntry } from './method-definition.ts';
import { adianaMethod } from './methods/adiana.ts';
import { agdMethod } from './methods/agd.ts';
import { beerMethod } from './methods/beer.ts';
import { compressedGdMethod, compressedSgdMethod } from './methods/compressed-gd.ts';
import { dianaMethod } from './methods/diana.ts';
import { ef14Method } from './methods/ef14.ts';
import { ef21Method, ef21SgdMethod } from './methods/ef21.ts';
import { ef21BcMethod } from './methods/ef21-bc.ts';
import { ef21HbMethod } from './methods/ef21-hb.ts';
import { ef21PpMethod } from './methods/ef21-pp.ts';
import { ef21Sgd2mMethod } from './methods/ef21-sgd2m.ts';
import { ef21SgdIdealMethod } from './methods/ef21-sgd-ideal.ts';
import { ef21SgdmMethod } from './methods/ef21-sgdm.ts';
import { ef21SgdmIdealMethod } from './methods/ef21-sgdm-ideal.ts';
import { ef21WMethod } from './methods/ef21-w.ts';
import { gdMethod, sgdMethod } from './methods/gd.ts';
import { neolithicMethod } from './methods/neolithic.ts';

export type { MethodEntry } from './method-definition.ts';
export type { TheoryStepSize } from './theory-step.ts';

const methodList = [
  gdMethod,
  sgdMethod,
  compressedGdMethod,
  compressedSgdMethod,
  ef14Method,
  ef21Method,
  ef21SgdMethod,
  ef21SgdIdealMethod,
  ef21SgdmIdealMethod,
  ef21SgdmMethod,
  ef21Sgd2mMethod,
  ef21WMethod,
  ef21PpMethod,
  ef21BcMethod,
  ef21HbMethod,
  dianaMethod,
  adianaMethod,
  agdMethod,
  neolithicMethod,
  beerMethod,
] as const;

export const methods: readonly MethodEntry[] = methodList;

type HyperparametersOf<E> = E extends MethodEntry<infer H> ? H : never;
type AnyHyperparameters = HyperparametersOf<(typeof methodList)[number]>;
type KeyOfAny<U> = U extends unknown ? keyof U : never;
type ValueOfAny<U, K extends PropertyKey> = U extends unknown
  ? K extends keyof U
    ? Exclude<U[K], undefined>
    : never
  : never;

/**
 * The union of every method's hyperparameters, derived from the definitions (a new method's hyperparameter joins
 * it without an edit here), plus γ and x⁰; each entry reads the ones it takes and refuses the others.
 */
export type MethodParams = { readonly gamma: number; readonly x0?: ReadonlyVector } & {
  readonly [K in KeyOfAny<AnyHyperparameters>]?: ValueOfAny<AnyHyperparameters, K>;
};

export type Hyperparameter = Exclude<keyof MethodParams, 'x0'>;

/** The entry for an id, or a RangeError listing the known ids. */
export function methodEntry(id: string): MethodEntry {
  const e = methods.find((m) => m.id === id);
  if (e === undefined) throw new RangeError(`unknown method '${id}'; known: ${methods.map((m) => m.id).join(', ')}`);
  return e;
}

/**
 * @example
 * buildMethod('ef21', { gamma: 0.1, compressor: topK(10, 2) }).name;
 * // returns 'ef21(γ=0.1,top-k(k=2,d=10))'
 */
export function buildMethod(id: string, params: MethodParams): Algorithm<unknown, MethodState> {
  return methodEntry(id).build(params);
}
