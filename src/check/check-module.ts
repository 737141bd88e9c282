/**
 * checkModule: a user's compressor module (a path) checked in a worker thread under a watchdog, so that a compress
 * that never returns ends the check with a FAIL naming the input it hung on, instead of hanging it. The worker
 * (compressor-worker.ts) announces every call in shared memory; this thread polls it
 * (watchdog/watched-worker.ts, shared with the method checker) and terminates the worker when one call has run
 * longer than its limit (call-time-limit.ts). A verdict that arrives is the engine's own (check-family.ts); a hang
 * becomes a 'timeout' failure with the seed and the replay command like any other.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Contract } from '../compressors/types.ts';
import { budgetFor } from './effort.ts';
import { callTimeLimit, DEFAULT_CALL_TIMEOUT_MS } from './call-time-limit.ts';
import type { CheckOptions } from './check-family.ts';
import {
  compressorCallOf,
  compressorWatchMemory,
  readProgress,
  readRunningDim,
  readRunningInput,
} from './compressor-watch-memory.ts';
import type { CompressorWorkerInput, CompressorWorkerMessage } from './compressor-worker.ts';
import { describeContractAt } from './format-verdict.ts';
import { replayCommand } from './replay-command.ts';
import { ContractDeclarationError, type CompressorVerdict } from './types.ts';
import { ModuleShapeError } from './user-module.ts';
import type { RunningCall } from './watchdog/call-clock.ts';
import { runWatchedWorker, workerModule, type Settlement } from './watchdog/watched-worker.ts';
import { Z_DEFAULT } from '../stats/mean-se.ts';

export interface CheckModuleOptions extends Omit<CheckOptions, 'onProgress' | 'timeoutMs'> {
  /** Longest one call may run at d ≤ 1000, in ms (default 2000; scaled with d above, call-time-limit.ts). */
  readonly timeoutMs?: number;
}

/** Loading a module compiles it first: it gets longer than one call. */
const LOAD_TIMEOUT_MS = 20_000;

/**
 * Checks a compressor module in a worker. Rejects with ModuleShapeError (cannot load, wrong shape, a hang while
 * loading), ContractDeclarationError (a malformed or hanging contract declaration) or RangeError (bad options), as
 * checkFamily would in this thread.
 * @example
 * const verdict = await checkModule('examples/my-top-k.ts', { seed: 1, effort: 'quick' });
 * verdict.status; // 'pass'
 */
export function checkModule(path: string, options: CheckModuleOptions = {}): Promise<CompressorVerdict> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
  if (!(Number.isFinite(timeoutMs) && timeoutMs > 0))
    return Promise.reject(new RangeError(`checkModule: timeoutMs must be a finite number > 0, got ${timeoutMs}`));
  // Checked here too: a missing file needs no thread to say so.
  if (!existsSync(resolve(path))) return Promise.reject(new ModuleShapeError(`${path}: no such file`));
  const seed = options.seed ?? 0;
  const effort = options.effort ?? 'default';
  const maxDim = options.budget?.maxDim ?? budgetFor(effort).maxDim;
  const memory = compressorWatchMemory(maxDim);
  // The seed is fixed here, so that a verdict built in this thread (a hang) names the same one.
  const data: Omit<CompressorWorkerInput, 'entry'> = { path, options: { ...options, seed }, memory };
  const started = Date.now();
  let name = path;
  const contracts = new Map<number, Contract>();

  const timeout = (running: RunningCall, limit: number): Settlement<CompressorVerdict> => {
    const call = compressorCallOf(running.code);
    const { d, x } = readRunningInput(memory);
    if (call === 'load') return { error: new ModuleShapeError(`${path}: loading did not finish within ${limit} ms`) };
    if (call === 'contract') {
      return {
        error: new ContractDeclarationError(
          `${name}: the declared contract${d > 0 ? ` at d=${d}` : ''} did not return within ${limit} ms`,
        ),
      };
    }
    const tally = readProgress(memory);
    const dims = [...contracts.keys()].sort((a, b) => a - b);
    const contract = contracts.get(d);
    const verdict: CompressorVerdict = {
      name,
      status: 'fail',
      contract: describeContractAt(contract?.kind ?? 'unbiased', (e) => contracts.get(e), dims),
      contractKind: contract?.kind ?? 'unbiased',
      seed,
      effort,
      z: options.z ?? Z_DEFAULT,
      tried: {
        dimensions: dims,
        inputs: tally.inputs + 1,
        samples: running.calls,
        exactInputs: tally.exactInputs,
        climbSteps: tally.climbSteps,
      },
      failure: {
        kind: 'timeout',
        message: `compress did not return within ${limit} ms at d=${d} (call ${running.calls} of the run)${x === null ? '; the input was too long to record' : ''}`,
        d,
        x: x ?? [],
        samples: running.calls,
      },
      replay: replayCommand(path, {
        seed,
        effort,
        ...(options.budget?.maxDim !== undefined && options.budget.maxDim !== budgetFor(effort).maxDim
          ? { maxDim: options.budget.maxDim }
          : {}),
        strictRange: options.strictRange === true,
        ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      }),
      elapsedMs: Date.now() - started,
    };
    return { value: verdict };
  };

  return runWatchedWorker<CompressorWorkerMessage, CompressorVerdict>({
    entry: workerModule('compressor-worker', import.meta.url),
    data,
    memory,
    name: "the compressor checker's worker",
    limitMs: (running) => {
      const call = compressorCallOf(running.code);
      return call === 'load'
        ? LOAD_TIMEOUT_MS
        : call === 'contract'
          ? timeoutMs
          : callTimeLimit(timeoutMs, readRunningDim(memory));
    },
    onMessage: (m) => {
      switch (m.type) {
        case 'ready':
          name = m.name;
          return undefined;
        case 'subject':
          contracts.set(m.d, m.contract);
          return undefined;
        case 'verdict':
          return { value: m.verdict };
        case 'error':
          return {
            error:
              m.error === 'shape'
                ? new ModuleShapeError(m.message)
                : m.error === 'declaration'
                  ? new ContractDeclarationError(m.message)
                  : new RangeError(m.message),
          };
        default:
          return { error: new Error(`the compressor checker's worker failed: ${m.message}`) };
      }
    },
    onTimeout: timeout,
  });
}
