/**
 * checkMethod: a researcher's error-feedback method (user-method.ts) checked by the adversary — does its Lyapunov
 * function decrease at its own step size, from any state, against the worst compressor of its class?
 *
 * A module path runs in a worker thread (method-worker.ts) so that a user call that hangs can be ended: the worker
 * announces each call in shared memory (watchdog-memory.ts), and this thread polls it and terminates the worker
 * when one call has run longer than the time limit (default 2 s), reporting the call and the input it hung on
 * (the thread and its polling: src/check/watchdog/watched-worker.ts, shared with the compressor checker).
 * An in-memory module runs in this thread, without that protection.
 */
import { randomInt } from 'node:crypto';
import { ModuleShapeError } from '../check/user-module.ts';
import { runWatchedWorker, workerModule } from '../check/watchdog/watched-worker.ts';
import {
  decodeCandidate,
  emptyCandidate,
  candidateJson,
  spaceDescription,
  type SearchMonitor,
} from './method-space.ts';
import type { MethodEffort } from './method-effort.ts';
import type { MethodVerdict } from './method-verdict.ts';
import type { MethodWorkerInput, MethodWorkerMessage } from './method-worker.ts';
import { probeMethod } from './probe-method.ts';
import { resolveClass } from './resolve-class.ts';
import { claimText, replayCommand, runMethodCheck } from './run-method-check.ts';
import type { CallName } from './user-call.ts';
import type { CompressorClass, UserMethod } from './user-method.ts';
import { validateMethod, type MethodShape } from './validate-method.ts';
import { callOf, readCandidate, readProgress, sharedWatchdogMemory } from './watchdog-memory.ts';

export interface CheckMethodOptions {
  /** Default: a fresh seed (printed in the verdict and its replay command). */
  readonly seed?: number;
  /** Default 'default'. */
  readonly effort?: MethodEffort;
  /** The compressor class to check against; default the first the module declares. */
  readonly class?: CompressorClass;
  /** Longest a single user call may run, in ms (default 2000). */
  readonly timeoutMs?: number;
}

export const DEFAULT_CALL_TIMEOUT_MS = 2000;
/** Loading a module compiles it first: it gets longer than one call. */
const LOAD_TIMEOUT_MS = 20_000;

const QUIET: SearchMonitor = { enter: () => undefined, leave: () => undefined, evaluating: () => undefined };

function settings(o: CheckMethodOptions): { seed: number; effort: MethodEffort; timeoutMs: number } {
  const seed = o.seed ?? randomInt(0x80000000);
  if (!Number.isSafeInteger(seed) || seed < 0)
    throw new RangeError(`checkMethod: seed must be a non-negative safe integer, got ${seed}`);
  const timeoutMs = o.timeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
  if (!(timeoutMs > 0)) throw new RangeError(`checkMethod: timeoutMs must be > 0, got ${timeoutMs}`);
  return { seed, effort: o.effort ?? 'default', timeoutMs };
}

/** The verdict for a call that ran past its time limit during the search. */
function timeoutVerdict(
  shape: MethodShape,
  cls: CompressorClass,
  o: { seed: number; effort: MethodEffort; timeoutMs: number },
  memory: SharedArrayBuffer,
  call: CallName,
  evaluations: number,
  seconds: number,
): MethodVerdict {
  const at = readCandidate(memory);
  const candidate = at === null ? null : decodeCandidate(at.z, emptyCandidate(shape, at.shape));
  const where = candidate === null ? '' : ` (n = ${candidate.n}, d = ${candidate.d}, γ = ${at?.multiplier}·gamma)`;
  return {
    status: 'fail',
    method: shape.name,
    source: shape.source,
    class: cls,
    claim: claimText(shape),
    searched: spaceDescription(shape, cls),
    seed: o.seed,
    effort: o.effort,
    worstRatio: NaN,
    worst: null,
    failure: {
      kind: 'timeout',
      call,
      message: `${call} did not return within ${o.timeoutMs} ms${where}`,
      instance: candidate === null ? null : candidateJson(shape, cls, candidate),
      multiplier: at?.multiplier ?? null,
    },
    criticalMultiplier: null,
    below: null,
    atCritical: null,
    evaluations,
    seconds,
    replay: replayCommand(shape, { seed: o.seed, effort: o.effort, cls }),
  };
}

function checkInWorker(
  path: string,
  cls: CompressorClass | null,
  o: { seed: number; effort: MethodEffort; timeoutMs: number },
): Promise<MethodVerdict> {
  const memory = sharedWatchdogMemory();
  const data: Omit<MethodWorkerInput, 'entry'> = { path, seed: o.seed, effort: o.effort, cls, memory };
  const started = Date.now();
  let ready: { shape: MethodShape; cls: CompressorClass } | null = null;
  return runWatchedWorker<MethodWorkerMessage, MethodVerdict>({
    entry: workerModule('method-worker', import.meta.url),
    data,
    memory,
    name: "the method checker's worker",
    limitMs: (running) => (callOf(running.code) === 'load' ? LOAD_TIMEOUT_MS : o.timeoutMs),
    onMessage: (m) => {
      if (m.type === 'ready') {
        ready = { shape: m.shape, cls: m.cls };
        return undefined;
      }
      if (m.type === 'verdict') return { value: m.verdict };
      if (m.type === 'shape-error') return { error: new ModuleShapeError(m.message) };
      return { error: new Error(`the method checker's worker failed: ${m.message}`) };
    },
    onTimeout: (running, limit) => {
      const call = callOf(running.code) as CallName;
      const progress = readProgress(memory);
      if (ready === null || progress.phase !== 'search') {
        const what = call === 'load' ? `loading ${path}` : `${call} on a benign probe instance (n = 2, d = 2)`;
        return {
          error: new ModuleShapeError(`${ready?.shape.name ?? path}: ${what} did not finish within ${limit} ms`),
        };
      }
      return {
        value: timeoutVerdict(
          ready.shape,
          ready.cls,
          o,
          memory,
          call,
          progress.evaluations,
          (Date.now() - started) / 1000,
        ),
      };
    },
  });
}

/**
 * Checks a method module (a path to a .ts/.js file, run in a worker with a per-call time limit) or an in-memory
 * module object (run in this thread, no time limit). Rejects with ModuleShapeError when the module cannot be
 * loaded, lacks the shape, or fails on the probe instance.
 * @example
 * const verdict = await checkMethod('examples/my-ef21.ts', { seed: 1 });
 * verdict.status; // 'pass'
 */
export async function checkMethod(
  target: string | UserMethod,
  options: CheckMethodOptions = {},
): Promise<MethodVerdict> {
  const o = settings(options);
  if (typeof target === 'string') return checkInWorker(target, options.class ?? null, o);
  const method = validateMethod(
    target,
    typeof target.name === 'string' && target.name !== '' ? target.name : 'the-module',
  );
  const cls = resolveClass(method, options.class);
  probeMethod(method, cls, QUIET);
  return runMethodCheck(method, { seed: o.seed, effort: o.effort, cls, monitor: QUIET });
}
