/**
 * A method definition (one file per method in src/algorithms/methods/) and the registry entry it becomes.
 *
 * A definition is typed by its hyperparameters H and its state S: the schema is checked against H, build returns an
 * Algorithm with state S, and the declared facts read S. The registry holds definitions of different H and S in one
 * list, so each is wrapped in a MethodEntry that hides S (an existential type): code that needs the typed definition
 * — to read facts off the states of a run — opens the entry with `withMethod`, whose callback works for every H and
 * S and therefore cannot mix one method's states with another's facts. Everything else an entry offers (reading
 * loose values, the theory step, an erased build for library callers) is monomorphic and needs no opening.
 */
import type { Algorithm, MethodState } from './types.ts';
import {
  schemaEntries,
  type HyperparameterSchema,
  type HyperparameterValues,
  type NamedHyperparameter,
  type ParamsOf,
} from './hyperparameter-schema.ts';
import type { MethodFacts } from './method-facts.ts';
import { readHyperparameters } from './read-hyperparameters.ts';
import { missingTheoryLine, type TheoryProblem, type TheoryStep, type TheoryStepSize } from './theory-step.ts';

export interface MethodDefinition<H, S extends MethodState> {
  /** Registry id, kebab-case: what the CLI's --method and reports name it. */
  readonly id: string;
  readonly summary: string;
  readonly hyperparameters: HyperparameterSchema<H>;
  build(params: ParamsOf<H>): Algorithm<ParamsOf<H>, S>;
  /** The theory step for this problem and these hyperparameters, or what is missing (never throws for that). */
  theoryStep(problem: TheoryProblem, hyperparameters: H): TheoryStep;
  readonly facts: MethodFacts<S>;
}

/** A function of any method definition: what `withMethod` hands each entry's definition to. */
export type DefinitionUser<R> = <H, S extends MethodState>(definition: MethodDefinition<H, S>) => R;

/** A registry entry: a definition with its state type hidden. H stays visible only to derive MethodParams. */
export interface MethodEntry<H = unknown> {
  readonly id: string;
  readonly summary: string;
  /** The schema as a list, in declaration order. */
  readonly schema: readonly NamedHyperparameter[];
  /** 'gamma' and then the schema's names (x0 is always accepted). */
  readonly hyperparameters: readonly string[];
  /** The hyperparameters among `values` (others ignored), checked against the schema. */
  read(values: Readonly<Record<string, unknown>>): H;
  /** The theory step, or what is missing; a RangeError only when a required hyperparameter is absent or ill-typed. */
  theoryStep(problem: TheoryProblem, values: Readonly<Record<string, unknown>>): TheoryStep;
  /** As theoryStep, with a missing rule as a one-line RangeError (the shape theorems/ and reports use). */
  theoryStepSize(problem: TheoryProblem, values: Readonly<Record<string, unknown>>): TheoryStepSize;
  /** Builds from loose values, refusing a hyperparameter the method does not take; the state type is erased. */
  build(values: HyperparameterValues): Algorithm<unknown, MethodState>;
  /** Opens the entry: `use` gets the typed definition. */
  withMethod<R>(use: DefinitionUser<R>): R;
}

/**
 * The full parameters from loose values: the hyperparameters (anything else refused), γ and x⁰ if given.
 * @example
 * methodEntry('ef21').withMethod((def) => def.build(paramsOf(def, { gamma: 0.1, compressor: topK(3, 1) })).name);
 * // returns 'ef21(γ=0.1,top-k(k=1,d=3))'
 */
export function paramsOf<H, S extends MethodState>(definition: MethodDefinition<H, S>, values: HyperparameterValues): ParamsOf<H> {
  const hyperparameters = readHyperparameters(definition.id, definition.hyperparameters, values, 'reject');
  return { ...hyperparameters, gamma: values.gamma, ...(values.x0 !== undefined ? { x0: values.x0 } : {}) };
}

/** Wraps a definition as a registry entry (see the header). */
export function defineMethod<H, S extends MethodState>(definition: MethodDefinition<H, S>): MethodEntry<H> {
  const { id } = definition;
  const schema = schemaEntries(definition.hyperparameters);
  const read = (values: Readonly<Record<string, unknown>>): H => readHyperparameters(id, definition.hyperparameters, values, 'ignore');
  const theoryStep = (problem: TheoryProblem, values: Readonly<Record<string, unknown>>): TheoryStep => definition.theoryStep(problem, read(values));
  return {
    id,
    summary: definition.summary,
    schema,
    hyperparameters: ['gamma', ...schema.map((s) => s.name)],
    read,
    theoryStep,
    theoryStepSize(problem, values) {
      const step = theoryStep(problem, values);
      if (step.kind === 'missing') throw new RangeError(missingTheoryLine(id, step));
      return { gamma: step.gamma, source: step.source };
    },
    build: (values) => definition.build(paramsOf(definition, values)),
    withMethod: (use) => use(definition),
  };
}
