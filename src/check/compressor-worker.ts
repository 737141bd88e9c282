/**
 * The worker thread of checkModule (check-module.ts): loads the user's compressor module, checks it with the same
 * engine as everywhere else (check-family.ts), and posts the verdict. Every call into user code is announced in
 * the shared watch memory (watched-family.ts), so the main thread can end a call that hangs; nothing here needs to
 * time anything itself.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Contract } from '../compressors/types.ts';
import { checkFamily, type CheckOptions } from './check-family.ts';
import { compressorWatchWriter } from './compressor-watch-memory.ts';
import { ContractDeclarationError, type CompressorFamily, type CompressorVerdict } from './types.ts';
import { importUserDefault, ModuleShapeError, userModuleFamily } from './user-module.ts';
import { watchedFamily } from './watched-family.ts';

export interface CompressorWorkerInput {
  /** The module worker-boot.mjs imports (this one). */
  readonly entry: string;
  readonly path: string;
  /** Everything but the callback, which cannot cross threads. */
  readonly options: Omit<CheckOptions, 'onProgress'>;
  readonly memory: SharedArrayBuffer;
}

/** Errors the main thread rethrows as the same class, so that the command maps them to exit code 2. */
export type CompressorWorkerError = 'shape' | 'declaration' | 'range';

export type CompressorWorkerMessage =
  | { readonly type: 'ready'; readonly name: string }
  | { readonly type: 'subject'; readonly d: number; readonly contract: Contract }
  | { readonly type: 'verdict'; readonly verdict: CompressorVerdict }
  | { readonly type: 'error'; readonly error: CompressorWorkerError; readonly message: string }
  | { readonly type: 'crash'; readonly message: string };

const input = workerData as CompressorWorkerInput;
const post = (m: CompressorWorkerMessage): void => parentPort?.postMessage(m);
const watch = compressorWatchWriter(input.memory);

try {
  watch.enter('load', 0);
  const value = await importUserDefault(input.path, 'compress', '{ name, contract, compress }').finally(() =>
    watch.leave(),
  );
  // userModuleFamily evaluates the declared parameters at a few d to validate them: user code, watched too.
  watch.enter('contract', 0);
  let family: CompressorFamily;
  try {
    family = userModuleFamily(value, input.path);
  } finally {
    watch.leave();
  }
  post({ type: 'ready', name: family.name });
  const watched = watchedFamily(family, watch, (s) => post({ type: 'subject', d: s.dim, contract: s.contract }));
  post({ type: 'verdict', verdict: checkFamily(watched, { ...input.options, onProgress: (t) => watch.progress(t) }) });
} catch (e) {
  if (e instanceof ModuleShapeError) post({ type: 'error', error: 'shape', message: e.message });
  else if (e instanceof ContractDeclarationError) post({ type: 'error', error: 'declaration', message: e.message });
  else if (e instanceof RangeError) post({ type: 'error', error: 'range', message: e.message });
  else post({ type: 'crash', message: e instanceof Error ? `${e.name}: ${e.message}\n${e.stack ?? ''}` : String(e) });
}
