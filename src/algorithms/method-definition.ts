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
  isFromTheory,
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
export function paramsOf<H, S extends MethodState>(
  definition: MethodDefinition<H, S>,
  values: HyperparameterValues,
): ParamsOf<H> {
  const hyperparameters = readHyperparameters(definition.id, definition.hyperparameters, values, 'reject');
  for (const spec of schemaEntries(definition.hyperparameters)) {
    if (isFromTheory(spec) && values[spec.name] === undefined) {
      throw new RangeError(
        `${definition.id}: ${spec.name} has no fixed default (the theory step sets it to ${spec.rule}, and a build has no problem); pass ${spec.name}, or take it from theoryStep(problem, values).hyperparameters`,
      );
    }
  }
  return { ...hyperparameters, gamma: values.gamma, ...(values.x0 !== undefined ? { x0: values.x0 } : {}) };
}

/**
 * The value of a hyperparameter whose default is the theory step's, in a definition's build: paramsOf has refused
 * its absence already, so this only narrows the type (and guards a build called around paramsOf).
 */
export function theoryHyperparameter(id: string, name: string, value: number | undefined): number {
  if (value === undefined)
    throw new RangeError(`${id}: missing hyperparameter ${name} (its default is the theory step's)`);
  return value;
}

/** Wraps a definition as a registry entry (see the header). */
export function defineMethod<H, S extends MethodState>(definition: MethodDefinition<H, S>): MethodEntry<H> {
  const { id } = definition;
  const schema = schemaEntries(definition.hyperparameters);
  const read = (values: Readonly<Record<string, unknown>>): H =>
    readHyperparameters(id, definition.hyperparameters, values, 'ignore');
  const fromTheory = schema.filter(isFromTheory).map((s) => s.name);
  const theoryStep = (problem: TheoryProblem, values: Readonly<Record<string, unknown>>): TheoryStep => {
    const step = definition.theoryStep(problem, read(values));
    // A rule must set every theory-default hyperparameter the caller left out, or a run could not be built from it.
    const unset =
      step.kind === 'rule'
        ? fromTheory.filter((name) => values[name] === undefined && step.hyperparameters[name] === undefined)
        : [];
    if (unset.length > 0)
      throw new Error(`${id}: the theory rule sets no value for ${unset.join(', ')} (its schema default is 'theory')`);
    return step;
  };
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
