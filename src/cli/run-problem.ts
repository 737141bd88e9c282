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
}

/** The text of a file named by a flag, or a one-line RangeError. */
export function readFlagFile(flag: string, path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new RangeError(`${flag} '${path}': cannot read (${code === 'ENOENT' ? 'no such file' : code ?? (e as Error).message})`);
  }
}

function isKind(s: string): s is ProblemKind {
  return (PROBLEM_KINDS as readonly string[]).includes(s);
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

function loadDataset(kind: 'logreg' | 'softmax' | 'least-squares', f: ProblemFlags): { data: Dataset; samples: number | null } {
  if (f.data === undefined) throw new RangeError(`--problem ${kind} needs --data (a LIBSVM file, or 'mnist')`);
  if (f.data === 'mnist') {
    if (f.features !== undefined) throw new RangeError('--features applies to LIBSVM files; mnist has 784');
    const labels = kind === 'logreg' ? 'even-odd' : 'digit';
    const data = blame('--data mnist', () => loadMnist({ seed: f.seed, labels, ...(f.samples !== undefined ? { count: f.samples } : {}) }));
    return { data, samples: data.m };
  }
  if (f.samples !== undefined) throw new RangeError('--samples applies to --data mnist only');
  const labels: LibsvmOptions['labels'] = kind === 'logreg' ? 'binary' : kind === 'softmax' ? 'multiclass' : 'regression';
  const text = readFlagFile('--data', f.data);
  const data = blame(`--data ${f.data}`, () => readLibsvm(text, { labels, ...(f.features !== undefined ? { dim: f.features } : {}) }));
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
  if (f.lambda !== undefined && kind !== 'logreg' && kind !== 'softmax') throw new RangeError(`--lambda applies to logreg and softmax, not ${kind}`);
  if (!dataProblem) {
    for (const [flag, v] of [['--samples', f.samples], ['--features', f.features], ['--partition', f.partition]] as const) {
      if (v !== undefined) throw new RangeError(`${flag} applies to logreg, softmax and least-squares, not ${kind}`);
    }
  }
  if (kind === 'quadratic') {
    if (f.data === undefined) throw new RangeError('--problem quadratic needs --data problem.json ({"nodes":[{"A":[[…]],"b":[…]}, …]})');
    const problem = blame(`--data ${f.data}`, () => parseQuadraticJson(readFlagFile('--data', f.data ?? '')));
    if (f.nodes !== undefined && f.nodes !== problem.n) throw new RangeError(`--nodes ${f.nodes}, but ${f.data} has ${problem.n} nodes`);
    return { kind, problem, source: { data: f.data, partition: null, samples: null, lambda: null } };
  }
  if (kind === 'beznosikov' || kind === 'theorem1') {
    if (f.data !== undefined) throw new RangeError(`--problem ${kind} is a named instance and takes no --data`);
    if (kind === 'beznosikov') {
      if (f.nodes !== undefined && f.nodes !== 3) throw new RangeError(`--problem beznosikov has n = 3 nodes, got --nodes ${f.nodes}`);
      return { kind, problem: beznosikovInstance(), source: { data: null, partition: null, samples: null, lambda: null } };
    }
    return { kind, problem: theorem1Instance({ n: f.nodes ?? 1 }), source: { data: null, partition: null, samples: null, lambda: null } };
  }
  const mode = (f.partition ?? 'contiguous') as PartitionMode;
  if (!PARTITION_MODES.includes(mode)) throw new RangeError(`--partition must be one of ${PARTITION_MODES.join(', ')}, got '${f.partition}'`);
  const { data, samples } = loadDataset(kind, f);
  // Stream 1 of the seed shuffles rows; the run itself uses stream 0 (run-command.ts), so the two never collide.
  const parts = blame('--nodes', () => partition(data, f.nodes ?? 1, { mode, key: foldIn(key(f.seed), 1) }));
  const lambda = f.lambda ?? DEFAULT_LAMBDA;
  const problem =
    kind === 'logreg'
      ? blame('--problem logreg', () => logisticRegression(parts, { lambda }))
      : kind === 'softmax'
        ? blame('--problem softmax', () => softmaxRegression(parts, { lambda, classes: data.classes }))
        : blame('--problem least-squares', () => leastSquares(parts));
  return { kind, problem, source: { data: f.data ?? null, partition: mode, samples, lambda: kind === 'least-squares' ? null : lambda } };
}
