/**
 * A family whose every call into user code — the declared contract at a new d, and each compress — is announced
 * to a watch (compressor-watch-memory.ts), so that the worker's watchdog can end a call that never returns and
 * say which input it hung on. The engine sees the same family otherwise.
 */
import type { CompressorWatch } from './compressor-watch-memory.ts';
import type { CheckSubject, CompressorFamily } from './types.ts';

/**
 * `onSubject` is told each subject once, when its d is first reached (the worker forwards its contract, which a
 * timeout verdict names).
 * @example
 * watchedFamily(userModuleFamily(myModule, 'mine.ts'), compressorWatchWriter(memory), post).at(4).run(x, k);
 */
export function watchedFamily(
  family: CompressorFamily,
  watch: CompressorWatch,
  onSubject: (s: CheckSubject) => void = () => undefined,
): CompressorFamily {
  const cache = new Map<number, CheckSubject>();
  const watched = <T>(d: number, x: Float64Array, f: () => T): T => {
    watch.enter('compress', d, x);
    try {
      return f();
    } finally {
      watch.leave();
    }
  };
  const at = (d: number): CheckSubject => {
    const hit = cache.get(d);
    if (hit !== undefined) return hit;
    watch.enter('contract', d);
    let inner: CheckSubject;
    try {
      inner = family.at(d);
    } finally {
      watch.leave();
    }
    const expectation = inner.expectation;
    const s: CheckSubject = {
      name: inner.name,
      dim: inner.dim,
      contract: inner.contract,
      deterministic: inner.deterministic,
      run: (x, k) => watched(d, x, () => inner.run(x, k)),
      ...(expectation === undefined
        ? {}
        : { expectation: (x: Float64Array) => watched(d, x, () => expectation.call(inner, x)) }),
    };
    cache.set(d, s);
    onSubject(s);
    return s;
  };
  return { ...family, at };
}
