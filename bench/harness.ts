/**
 * `npm run bench`: rounds per second of EF21 and EF21-SGDM with top-k
 * (k = ⌈1% of d⌉), efcheck's pure implementation side by side with a vectorised NumPy one (bench/reference.py)
 * on the same problem, the same k, the same rounds, from the same start state.
 *
 * Problem: f_i(x) = ½Σ_j a_j x_j² − s_i Σ_j u_j x_j, so ∇f_i(x) = a ⊙ x − s_i u costs one pass in both
 * implementations and needs O(d) memory, not O(nd). a_j, u_j come from a multiplicative hash that is exact in
 * doubles (j·2654435761 < 2^53 for j < 3.4·10⁶) and s_i = (i + 1)/n, so both sides build bit-identical data, and
 * the hash makes |a_j u_j| distinct, so top-k has no ties and both sides keep the same k entries. Every round is
 * then bit-identical, which the bench checks (a SHA-256 of x after the first timed repetition).
 * Oracle: exact gradients, so the bench times the method, not a random-number generator.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ef21 } from '../src/algorithms/ef21.ts';
import { ef21Sgdm } from '../src/algorithms/ef21-sgdm.ts';
import type { Algorithm, MethodState } from '../src/algorithms/types.ts';
import { topK } from '../src/compressors/top-k.ts';
import type { ReadonlyVector, Vector } from '../src/linalg/vector.ts';
import { exactOracle } from '../src/oracles/exact.ts';
import type { Problem } from '../src/problems/types.ts';
import { foldIn, key, split } from '../src/rng/key.ts';
import { type Bandwidth, bandwidth, type TriadResult } from './bandwidth.ts';

export type BenchMethod = 'ef21' | 'ef21-sgdm';

export interface BenchOptions {
  readonly methods: readonly BenchMethod[];
  readonly nodes: readonly number[];
  readonly dims: readonly number[];
  /** Aim for this many seconds per timed repetition (rounds = ⌈target / one warm round⌉, clamped). */
  readonly targetSeconds: number;
  readonly minRounds: number;
  readonly maxRounds: number;
  readonly reps: number;
  /** CPU seconds of warm-up before sizing R (so that R is sized, and the reps run, on optimised code). */
  readonly warmSeconds: number;
  readonly gamma: number;
  readonly eta: number;
  readonly python: string;
  /** The machine's triad bandwidth, bytes per CPU second (bench/bandwidth.ts); each result then reports its share. */
  readonly triadBytesPerSecond?: number;
  /** Called after each configuration (progress lines). */
  readonly onResult?: (r: BenchResult) => void;
}

export interface Timing {
  /** Median over repetitions of rounds per second of CPU time (user + system, all threads of the process). */
  readonly roundsPerSecond: number;
  /** Median over repetitions of rounds per wall-clock second (inflated by other load on a shared machine). */
  readonly roundsPerWallSecond: number;
  /** CPU rounds/s of every repetition. */
  readonly samples: readonly number[];
  /** Share of the CPU time spent in the kernel (page faults of fresh allocations show up here). */
  readonly systemShare: number;
  /** SHA-256 of x after the first timed repetition (R rounds from the start state). */
  readonly xSha256: string;
}

export interface BenchResult {
  readonly method: BenchMethod;
  readonly n: number;
  readonly d: number;
  readonly k: number;
  readonly rounds: number;
  readonly reps: number;
  readonly efcheck: Timing;
  readonly numpy: Timing | null;
  /** efcheck / NumPy rounds per second (> 1: efcheck is faster). */
  readonly ratio: number | null;
  /** Both implementations produced bit-identical x. */
  readonly identical: boolean | null;
  readonly numpyError?: string;
  /** Minimum bytes per round (bench/bandwidth.ts roundBytes), achieved bytes/s and their ratio to the triad. */
  readonly bandwidth?: Bandwidth;
}

export interface BenchReport {
  readonly date: string;
  readonly machine: Record<string, unknown>;
  readonly settings: Record<string, unknown>;
  readonly results: readonly BenchResult[];
  /** The machine's triad bandwidth (bench/bandwidth.ts), the yardstick of each result's `bandwidth`. */
  readonly triad?: TriadResult;
  /** The adversary's cost beside random sampling (bench/adversary.ts); empty with --no-adversary. */
  readonly adversary?: readonly import('./adversary.ts').AdversaryBenchRow[];
}

const HASH_A = 2654435761;
const HASH_U = 2246822519;
const TWO32 = 4294967296;

/** a_j ∈ [1, 2), u_j ∈ [−1, 1), s_i = (i + 1)/n; the formulas reference.py repeats operation for operation. */
export function benchData(n: number, d: number): { a: Float64Array; u: Float64Array; s: Float64Array } {
  const a = new Float64Array(d);
  const u = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    a[j] = 1 + ((j * HASH_A) % TWO32) / TWO32;
    u[j] = 2 * ((((j + 1) * HASH_U) % TWO32) / TWO32) - 1;
  }
  const s = Float64Array.from({ length: n }, (_, i) => (i + 1) / n);
  return { a, u, s };
}

/** The bench problem as an efcheck Problem: L = L_i = max a_j, f_inf = −Σ_j (s̄u_j)²/(2a_j). */
export function benchProblem(n: number, d: number): Problem {
  const { a, u, s } = benchData(n, d);
  let L = 0;
  let fInf = 0;
  const sBar = s.reduce((acc, v) => acc + v, 0) / n;
  for (let j = 0; j < d; j++) {
    L = Math.max(L, a[j]);
    fInf -= (sBar * u[j]) ** 2 / (2 * a[j]);
  }
  return {
    name: `bench-quadratic(n=${n},d=${d})`,
    dim: d,
    n,
    fI: (i: number, x: ReadonlyVector): number => {
      let acc = 0;
      for (let j = 0; j < d; j++) acc += 0.5 * a[j] * x[j] * x[j] - s[i] * u[j] * x[j];
      return acc;
    },
    gradI: (i: number, x: ReadonlyVector): Vector => {
      const out = new Float64Array(d);
      const si = s[i];
      for (let j = 0; j < d; j++) out[j] = a[j] * x[j] - si * u[j];
      return out;
    },
    // Separable, so a block of the gradient costs a block: the fused round's sweep (src/algorithms/fused/).
    gradIRange: (out: Vector, i: number, x: ReadonlyVector, from: number, to: number): void => {
      const si = s[i];
      for (let j = from; j < to; j++) out[j - from] = a[j] * x[j] - si * u[j];
    },
    L,
    Li: new Array<number>(n).fill(L),
    fInf,
    fInfExact: true,
  };
}

export const topKCount = (d: number): number => Math.max(1, Math.ceil(d / 100));

function median(xs: readonly number[]): number {
  const s = [...xs].sort((p, q) => p - q);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function sha256(x: Float64Array): string {
  return createHash('sha256')
    .update(new Uint8Array(x.buffer, x.byteOffset, x.byteLength))
    .digest('hex');
}

function build(
  method: BenchMethod,
  d: number,
  o: Pick<BenchOptions, 'gamma' | 'eta'>,
): Algorithm<unknown, MethodState> {
  const compressor = topK(d, topKCount(d));
  return (
    method === 'ef21' ? ef21({ gamma: o.gamma, compressor }) : ef21Sgdm({ gamma: o.gamma, eta: o.eta, compressor })
  ) as Algorithm<unknown, MethodState>;
}

/**
 * efcheck's side: warm up until V8 has optimised the round, size R from a warm batch, then `reps` timed runs of R
 * rounds, each from the same start state. Two cold rounds (the first protocol) ran in V8's interpreter: at d = 10³
 * they cost 10–100× a warm round, so R came out that much too small and the timed runs measured mostly cold code.
 */
function timeEfcheck(method: BenchMethod, n: number, d: number, o: BenchOptions): { rounds: number; timing: Timing } {
  const oracle = exactOracle(benchProblem(n, d));
  const alg = build(method, d, o);
  const [kInit, kSteps] = split(key(0));
  const s0 = alg.init(oracle, kInit);
  const cpuSince = (c0: NodeJS.CpuUsage): number => {
    const c = process.cpuUsage(c0);
    return (c.user + c.system) / 1e6;
  };
  // Warm-up: at least 2 rounds and `warmSeconds` of CPU time (a large round is warm after one call).
  let warmState = s0;
  const w0 = process.cpuUsage();
  for (let t = 0; t < 2 || (cpuSince(w0) < o.warmSeconds && t < o.maxRounds); t++)
    warmState = alg.step(warmState, oracle, foldIn(kSteps, t));
  // Sizing batch, warm, sized by CPU time (which other load on a shared machine does not inflate).
  let sized = 0;
  const z0 = process.cpuUsage();
  do warmState = alg.step(warmState, oracle, foldIn(kSteps, sized++));
  while (cpuSince(z0) < o.warmSeconds / 2 && sized < o.maxRounds);
  const warm = cpuSince(z0) / sized;
  // Drop the warm chain before timing, as NumPy's side does (its `state = fresh()` frees the warm arrays at once):
  // kept alive, a state of up to 1.6 GB (n = 100, d = 10⁶) made the first timed repetition allocate past it, and
  // that repetition ran 1.3–2.7× slower than the next ones on the page faults (measured at d = 10⁶).
  warmState = s0;
  const rounds = Math.min(o.maxRounds, Math.max(o.minRounds, Math.ceil(o.targetSeconds / Math.max(warm, 1e-7))));
  const samples: number[] = [];
  const wall: number[] = [];
  let system = 0;
  let total = 0;
  let xSha256 = '';
  // Repetition −1 is untimed, on both sides (reference.py too): like the triad's first pass, it takes the growth of
  // the allocator's pool to its steady size, which made the first timed repetition up to 2× slower than the next.
  for (let r = -1; r < o.reps; r++) {
    let s = s0;
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    for (let t = 0; t < rounds; t++) s = alg.step(s, oracle, foldIn(kSteps, t));
    const c = process.cpuUsage(c0);
    if (r < 0) continue;
    wall.push(rounds / ((performance.now() - t0) / 1000));
    samples.push(rounds / ((c.user + c.system) / 1e6));
    system += c.system;
    total += c.user + c.system;
    if (r === 0) xSha256 = sha256(s.x);
  }
  return {
    rounds,
    timing: {
      roundsPerSecond: median(samples),
      roundsPerWallSecond: median(wall),
      samples,
      systemShare: system / total,
      xSha256,
    },
  };
}

const REFERENCE = join(dirname(fileURLToPath(import.meta.url)), 'reference.py');

/** The environment for NumPy: without the OpenBLAS overrides that slow it on some processors (brief, H10). */
export function pythonEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  return env;
}

type PythonOut = Timing;

function timeNumpy(
  method: BenchMethod,
  n: number,
  d: number,
  rounds: number,
  o: BenchOptions,
): PythonOut | { error: string } {
  const config = { method, n, d, k: topKCount(d), rounds, reps: o.reps, gamma: o.gamma, eta: o.eta };
  const r = spawnSync(o.python, [REFERENCE, 'run'], {
    input: JSON.stringify(config),
    env: pythonEnv(),
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (r.error !== undefined) return { error: `${o.python}: ${r.error.message}` };
  if (r.status !== 0) return { error: (r.stderr.trim().split('\n').pop() ?? `exit ${r.status}`).slice(0, 300) };
  return JSON.parse(r.stdout) as PythonOut;
}

/** Python, NumPy and OpenBLAS facts as the reference sees them (with the same environment as the timed runs). */
export function numpyFacts(python: string): Record<string, unknown> {
  const r = spawnSync(python, [REFERENCE, 'facts'], { env: pythonEnv(), encoding: 'utf8' });
  if (r.status !== 0 || r.error !== undefined)
    return { error: r.error?.message ?? r.stderr.trim().split('\n').pop() ?? 'failed' };
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

export function machineFacts(python: string): Record<string, unknown> {
  return {
    node: process.version,
    v8: process.versions.v8,
    platform: `${process.platform} ${process.arch}`,
    cpuCount: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    totalMemoryGB: Math.round(totalmem() / 2 ** 30),
    // What the parent had set; the NumPy runs get them unset.
    openblasEnvUnsetForNumpy: {
      OPENBLAS_CORETYPE: process.env.OPENBLAS_CORETYPE ?? null,
      OPENBLAS_L2_SIZE: process.env.OPENBLAS_L2_SIZE ?? null,
    },
    ...numpyFacts(python),
  };
}

/** Every configuration, efcheck then NumPy, one at a time (so the two never hold their n·d state together). */
export function runBench(o: BenchOptions): BenchResult[] {
  const results: BenchResult[] = [];
  for (const method of o.methods) {
    for (const d of o.dims) {
      for (const n of o.nodes) {
        const { rounds, timing } = timeEfcheck(method, n, d, o);
        const py = timeNumpy(method, n, d, rounds, o);
        const ok = !('error' in py);
        const result: BenchResult = {
          method,
          n,
          d,
          k: topKCount(d),
          rounds,
          reps: o.reps,
          efcheck: timing,
          numpy: ok ? py : null,
          ratio: ok ? timing.roundsPerSecond / py.roundsPerSecond : null,
          identical: ok ? timing.xSha256 === py.xSha256 : null,
          ...(ok ? {} : { numpyError: py.error }),
          ...(o.triadBytesPerSecond === undefined
            ? {}
            : {
                bandwidth: bandwidth(
                  method,
                  n,
                  d,
                  timing.roundsPerSecond,
                  ok ? py.roundsPerSecond : null,
                  o.triadBytesPerSecond,
                ),
              }),
        };
        results.push(result);
        o.onResult?.(result);
      }
    }
  }
  return results;
}
