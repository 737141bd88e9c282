/**
 * The worker thread of checkMethod (check-method.ts): loads the user's module, validates and probes it, runs the
 * search, and posts the verdict. Every user call is announced in the shared watchdog memory, so the main thread
 * can end a call that hangs; nothing here needs to time anything itself.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ModuleShapeError } from '../check/user-module.ts';
import type { MethodEffort } from './method-effort.ts';
import type { MethodVerdict } from './method-verdict.ts';
import { probeMethod } from './probe-method.ts';
import { resolveClass } from './resolve-class.ts';
import { runMethodCheck } from './run-method-check.ts';
import type { CompressorClass } from './user-method.ts';
import { loadUserMethod, type MethodShape } from './validate-method.ts';
import { watchdogWriter } from './watchdog-memory.ts';

export interface MethodWorkerInput {
  /** The module worker-boot.mjs imports (this one). */
  readonly entry: string;
  readonly path: string;
  readonly seed: number;
  readonly effort: MethodEffort;
  readonly cls: CompressorClass | null;
  readonly memory: SharedArrayBuffer;
}

export type MethodWorkerMessage =
  | { readonly type: 'ready'; readonly shape: MethodShape; readonly cls: CompressorClass }
  | { readonly type: 'verdict'; readonly verdict: MethodVerdict }
  | { readonly type: 'shape-error'; readonly message: string }
  | { readonly type: 'crash'; readonly message: string };

const input = workerData as MethodWorkerInput;
const port = parentPort;
const post = (m: MethodWorkerMessage): void => port?.postMessage(m);
const monitor = watchdogWriter(input.memory);

try {
  monitor.phase('load');
  monitor.enter('load');
  const method = await loadUserMethod(input.path).finally(() => monitor.leave());
  const cls = resolveClass(method, input.cls);
  const { module: _code, ...shape } = method;
  post({ type: 'ready', shape, cls });
  monitor.phase('probe');
  probeMethod(method, cls, monitor);
  monitor.phase('search');
  post({ type: 'verdict', verdict: runMethodCheck(method, { seed: input.seed, effort: input.effort, cls, monitor }) });
} catch (e) {
  if (e instanceof ModuleShapeError) post({ type: 'shape-error', message: e.message });
  else post({ type: 'crash', message: e instanceof Error ? `${e.name}: ${e.message}\n${e.stack ?? ''}` : String(e) });
}
