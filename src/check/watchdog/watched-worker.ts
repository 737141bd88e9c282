/**
 * A checker run in a worker thread under a watchdog: user code that never returns cannot be interrupted inside
 * its own thread, so the check runs in a worker that announces every user call in shared memory (call-clock.ts),
 * and this thread polls that memory and terminates the worker when one call has run past its limit. The checker
 * supplies the worker module, the limits, and what its messages and a timeout mean; this file owns the thread.
 */
import { Worker } from 'node:worker_threads';
import { readCallClock, type RunningCall } from './call-clock.ts';

/** How a run ends: a value, or an error to reject with. */
export type Settlement<T> = { readonly value: T } | { readonly error: Error };

export interface WatchedWorkerOptions<M, T> {
  /** The worker's module, from workerModule: a .ts one starts through worker-boot.mjs, which registers tsx in the
   * new thread first; a .js one (the compiled package, dist/) starts directly. */
  readonly entry: URL;
  /** workerData for the worker module, besides `entry`. */
  readonly data: Readonly<Record<string, unknown>>;
  /** Shared with the worker; it begins with a call clock. */
  readonly memory: SharedArrayBuffer;
  /** The longest the running call may take, in ms. */
  readonly limitMs: (running: RunningCall) => number;
  /** A message from the worker: a settlement ends the run, undefined keeps waiting. */
  readonly onMessage: (message: M) => Settlement<T> | undefined;
  /** The running call passed its limit; the worker is being terminated. */
  readonly onTimeout: (running: RunningCall, limitMs: number) => Settlement<T>;
  /** Names the worker in errors, e.g. "the method checker's worker". */
  readonly name: string;
}

/** Often enough that a limit of a few hundred ms is kept closely; rare enough to cost nothing. */
const POLL_MS = 25;

/**
 * A worker module beside the caller, in the caller's own build: name.ts when the caller runs from the sources,
 * name.js from the compiled package (its build rewrites import specifiers, not the strings given to new URL).
 * @example
 * workerModule('method-worker', import.meta.url).pathname.endsWith('/method-worker.ts');
 * // returns true from the sources
 */
export function workerModule(name: string, callerUrl: string): URL {
  return new URL(`./${name}${callerUrl.endsWith('.ts') ? '.ts' : '.js'}`, callerUrl);
}

/**
 * Runs the worker until a message or a timeout settles it; the worker is terminated either way.
 * @example
 * await runWatchedWorker({ entry: workerModule('method-worker', import.meta.url), data, memory, limitMs, onMessage, onTimeout, name });
 */
export function runWatchedWorker<M, T>(o: WatchedWorkerOptions<M, T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    // Node 20 ignores --import in a worker's execArgv; the boot file registers tsx itself.
    const start = o.entry.pathname.endsWith('.ts') ? new URL('./worker-boot.mjs', import.meta.url) : o.entry;
    const worker = new Worker(start, { workerData: { ...o.data, entry: o.entry.href }, execArgv: [] });
    let settled = false;
    const finish = (s: Settlement<T>): void => {
      if (settled) return;
      settled = true;
      clearInterval(timer);
      void worker.terminate();
      if ('error' in s) reject(s.error);
      else resolve(s.value);
    };
    const timer = setInterval(() => {
      const running = readCallClock(o.memory, Date.now());
      if (running.code === 0) return;
      const limit = o.limitMs(running);
      if (running.elapsedMs > limit) finish(o.onTimeout(running, limit));
    }, POLL_MS);
    worker.on('message', (m: M) => {
      const s = o.onMessage(m);
      if (s !== undefined) finish(s);
    });
    worker.on('error', (e) => finish({ error: e }));
    worker.on('exit', (code) => finish({ error: new Error(`${o.name} exited (code ${code}) before answering`) }));
  });
}
