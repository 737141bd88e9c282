/**
 * `efcheck run`'s problem flags → a Problem: --problem quadratic|logreg|softmax|least-squares|beznosikov|theorem1,
 * with --data (a JSON quadratic, a LIBSVM file, or `mnist`), --nodes, --partition, --lambda, --samples, --features.
 * Every bad input is a RangeError with one line naming the flag (and the file line for LIBSVM).
 */
import { readFileSync } from 'node:fs';
import type { Dataset } from '../data/dataset.ts';
import { readLibsvm, type LibsvmOptions } from '../data/libsvm.ts';
import { loadMnist } from '../data/mnist.ts';
import { partition, type PartitionMode } from '../data/partition.ts';
import { foldIn, key } from '../rng/key.ts';
import { beznosikovInstance } from '../problems/beznosikov.ts';
import { parseQuadraticJson } from '../problems/dense-quadratic.ts';
import { leastSquares } from '../problems/least-squares.ts';
import { logisticRegression } from '../problems/logistic-regression.ts';
import { softmaxRegression } from '../problems/softmax-regression.ts';
import { theorem1Instance } from '../problems/theorem1-instance.ts';
import type { Problem } from '../problems/types.ts';

export const PROBLEM_KINDS = ['quadratic', 'logreg', 'softmax', 'least-squares', 'beznosikov', 'theorem1'] as const;
export type ProblemKind = (typeof PROBLEM_KINDS)[number];
export const PARTITION_MODES: readonly PartitionMode[] = ['contiguous', 'shuffled', 'by-label'];

/** docs/theory.md §3.8: every EF21 experiment uses λ = 0.1. */
export const DEFAULT_LAMBDA = 0.1;

export interface ProblemFlags {
  readonly problem: string;
  readonly data?: string | undefined;
  readonly nodes?: number | undefined;
  readonly lambda?: number | undefined;
  readonly samples?: number | undefined;
  readonly features?: number | undefined;
  readonly partition?: string | undefined;
  readonly seed: number;
}

/** A start point a named instance comes with, and why it is the one to start from. */
export interface DefaultStart {
  readonly x0: Float64Array;
  readonly why: string;
}

export interface RunProblem {
  readonly kind: ProblemKind;
  readonly problem: Problem;
  /** What the JSON records about where the problem came from. */
  readonly source: {
    readonly data: string | null;
    readonly partition: PartitionMode | null;
    readonly samples: number | null;
    readonly lambda: number | null;
  };
  /** The start when --x0 is not given; null for x⁰ = 0. */
  readonly start: DefaultStart | null;
  /** Constants of this kind of problem beyond Problem's own (the EF21 authors' L for logreg). */
  readonly constants: Readonly<Record<string, number>>;
}

/**
 * Both named instances have x* = 0, so from x⁰ = 0 nothing would happen with an exact oracle: each starts where its
 * phenomenon shows. Beznosikov: on x⁰ = t(1, 1, 1) naive compressed GD with top-1 gives x^k = (1 + 11γ/6)^k x⁰
 * (docs/theory.md §2.3). Theorem 1: its statement covers every x⁰ = (0, x₂) with x₂ < 0, and (0, −1) is the start of
 * its Monte Carlo checks, where EF21-SGD-ideal stalls at E‖∇f(x^t)‖² ≥ min{‖∇f(x⁰)‖², (2/21)σ²} (docs/theory.md §5.2).
 */
export function namedStart(kind: 'beznosikov' | 'theorem1'): DefaultStart {
  return kind === 'beznosikov'
    ? {
        x0: Float64Array.of(1, 1, 1),
        why: 'x⁰ = (1, 1, 1), where naive compressed GD with top-1 diverges as (1 + 11γ/6)^k (docs/theory.md §2.3)',
      }
    : {
        x0: Float64Array.of(0, -1),
        why: 'x⁰ = (0, −1), where EF21-SGD-ideal stalls at E‖∇f‖² ≥ min{‖∇f(x⁰)‖², (2/21)σ²} (docs/theory.md §5.2)',
      };
}

/** The text of a file named by a flag, or a one-line RangeError. */
export function readFlagFile(flag: string, path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new RangeError(
      `${flag} '${path}': cannot read (${code === 'ENOENT' ? 'no such file' : (code ?? (e as Error).message)})`,
    );
  }
}

function isPartitionMode(s: string): s is PartitionMode {
  return PARTITION_MODES.some((m) => m === s);
}

function isKind(s: string): s is ProblemKind {
  return PROBLEM_KINDS.some((k) => k === s);
}

/** Prefixes a library's one-line message with the flag that led to it. */
function blame<T>(prefix: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof RangeError) throw new RangeError(`${prefix}: ${e.message}`);
    throw e;
  }
}

function loadDataset(
  kind: 'logreg' | 'softmax' | 'least-squares',
  f: ProblemFlags,
): { data: Dataset; samples: number | null } {
  if (f.data === undefined) throw new RangeError(`--problem ${kind} needs --data (a LIBSVM file, or 'mnist')`);
  if (f.data === 'mnist') {
    if (f.features !== undefined) throw new RangeError('--features applies to LIBSVM files; mnist has 784');
    const labels = kind === 'logreg' ? 'even-odd' : 'digit';
    const data = blame('--data mnist', () =>
      loadMnist({ seed: f.seed, labels, ...(f.samples !== undefined ? { count: f.samples } : {}) }),
    );
    return { data, samples: data.m };
  }
  if (f.samples !== undefined) throw new RangeError('--samples applies to --data mnist only');
  const labels: LibsvmOptions['labels'] =
    kind === 'logreg' ? 'binary' : kind === 'softmax' ? 'multiclass' : 'regression';
  const text = readFlagFile('--data', f.data);
  const data = blame(`--data ${f.data}`, () =>
    readLibsvm(text, { labels, ...(f.features !== undefined ? { dim: f.features } : {}) }),
  );
  return { data, samples: null };
}

/**
 * @example
 * buildRunProblem({ problem: 'theorem1', nodes: 4, seed: 1 }).problem.name;
 * // returns 'theorem1-instance(L=1,n=4)'
 */
export function buildRunProblem(f: ProblemFlags): RunProblem {
  const kind = f.problem;
  if (!isKind(kind)) throw new RangeError(`unknown problem '${kind}'; known: ${PROBLEM_KINDS.join(', ')}`);
  const dataProblem = kind === 'logreg' || kind === 'softmax' || kind === 'least-squares';
  if (f.lambda !== undefined && kind !== 'logreg' && kind !== 'softmax')
    throw new RangeError(`--lambda applies to logreg and softmax, not ${kind}`);
  if (!dataProblem) {
    for (const [flag, v] of [
      ['--samples', f.samples],
      ['--features', f.features],
      ['--partition', f.partition],
    ] as const) {
      if (v !== undefined) throw new RangeError(`${flag} applies to logreg, softmax and least-squares, not ${kind}`);
    }
  }
  if (kind === 'quadratic') {
    if (f.data === undefined)
      throw new RangeError('--problem quadratic needs --data problem.json ({"nodes":[{"A":[[…]],"b":[…]}, …]})');
    const problem = blame(`--data ${f.data}`, () => parseQuadraticJson(readFlagFile('--data', f.data ?? '')));
    if (f.nodes !== undefined && f.nodes !== problem.n)
      throw new RangeError(`--nodes ${f.nodes}, but ${f.data} has ${problem.n} nodes`);
    return {
      kind,
      problem,
      source: { data: f.data, partition: null, samples: null, lambda: null },
      start: null,
      constants: {},
    };
  }
  if (kind === 'beznosikov' || kind === 'theorem1') {
    if (f.data !== undefined) throw new RangeError(`--problem ${kind} is a named instance and takes no --data`);
    if (kind === 'beznosikov') {
      if (f.nodes !== undefined && f.nodes !== 3)
        throw new RangeError(`--problem beznosikov has n = 3 nodes, got --nodes ${f.nodes}`);
      return {
        kind,
        problem: beznosikovInstance(),
        source: { data: null, partition: null, samples: null, lambda: null },
        start: namedStart('beznosikov'),
        constants: {},
      };
    }
    return {
      kind,
      problem: theorem1Instance({ n: f.nodes ?? 1 }),
      source: { data: null, partition: null, samples: null, lambda: null },
      start: namedStart('theorem1'),
      constants: {},
    };
  }
  const mode = f.partition ?? 'contiguous';
  if (!isPartitionMode(mode))
    throw new RangeError(`--partition must be one of ${PARTITION_MODES.join(', ')}, got '${f.partition}'`);
  const { data, samples } = loadDataset(kind, f);
  // Stream 1 of the seed shuffles rows; the run itself uses stream 0 (run-command.ts), so the two never collide.
  const parts = blame('--nodes', () => partition(data, f.nodes ?? 1, { mode, key: foldIn(key(f.seed), 1) }));
  const lambda = f.lambda ?? DEFAULT_LAMBDA;
  const source = { data: f.data ?? null, partition: mode, samples, lambda: kind === 'least-squares' ? null : lambda };
  if (kind === 'logreg') {
    const problem = blame('--problem logreg', () => logisticRegression(parts, { lambda }));
    return { kind, problem, source, start: null, constants: { lAuthors: problem.lAuthors } };
  }
  const problem =
    kind === 'softmax'
      ? blame('--problem softmax', () => softmaxRegression(parts, { lambda, classes: data.classes }))
      : blame('--problem least-squares', () => leastSquares(parts));
  return { kind, problem, source, start: null, constants: {} };
}
