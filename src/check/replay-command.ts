/**
 * The command that replays a compressor check: the target, the seed, and every flag that changes the run (an
 * effort other than default, a largest dimension other than the effort's, strict range, a time limit other than
 * the default), so that pasting it reproduces the verdict, a hang included.
 */
import type { Effort } from './types.ts';

export interface ReplayOptions {
  readonly seed: number;
  readonly effort: Effort;
  /** Only when it differs from the effort's own. */
  readonly maxDim?: number;
  readonly strictRange?: boolean;
  /** Only when it differs from the default. */
  readonly timeoutMs?: number;
}

/**
 * @example
 * replayCommand('my module.ts', { seed: 3, effort: 'quick', strictRange: true });
 * // returns 'npm run efcheck -- compressor "my module.ts" --seed 3 --effort quick --strict-range'
 */
export function replayCommand(target: string, o: ReplayOptions): string {
  const parts = [
    'npm run efcheck -- compressor',
    /^[\w./@:=,+-]+$/.test(target) ? target : JSON.stringify(target),
    `--seed ${o.seed}`,
  ];
  if (o.effort !== 'default') parts.push(`--effort ${o.effort}`);
  if (o.maxDim !== undefined) parts.push(`--max-dim ${o.maxDim}`);
  if (o.strictRange === true) parts.push('--strict-range');
  if (o.timeoutMs !== undefined) parts.push(`--timeout ${o.timeoutMs}`);
  return parts.join(' ');
}
