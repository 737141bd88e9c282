/**
 * Trials drawn the way every check draws them (theorems/_template.ts): one stream per sub-check, foldIn(root,
 * stream), and one key per trial, foldIn(stream, t), so that adding a trial or a sub-check never moves another's.
 */
import { foldIn, type Key } from '../../src/rng/key.ts';

/**
 * @example
 * seededTrials(key(1), 3, 2, (k, t) => t);
 * // returns [0, 1] (trial t drew from foldIn(foldIn(key(1), 3), t))
 */
export function seededTrials<T>(root: Key, stream: number, count: number, trial: (k: Key, t: number) => T): T[] {
  const s = foldIn(root, stream);
  return Array.from({ length: count }, (_, t) => trial(foldIn(s, t), t));
}
