/**
 * The library entry point: check a compressor, a family, a user module's default export, or a built-in spec
 * string against its declared contract, with the same engine the CLI and the properties use.
 *
 *   import { checkCompressor } from 'efcheck';
 *   const verdict = checkCompressor(myModule, { seed: 1, effort: 'quick' });
 *   expect(verdict.status).toBe('pass');
 */
import type { Compressor } from '../compressors/types.ts';
import { checkFamily, type CheckOptions } from './check-family.ts';
import { fixedFamily } from './compressor-family.ts';
import { userModuleFamily, type UserCompressor } from './user-module.ts';
import type { CompressorFamily, CompressorVerdict } from './types.ts';

export type CheckTarget = Compressor | CompressorFamily | UserCompressor;

function isFamily(t: CheckTarget): t is CompressorFamily {
  return typeof (t as { at?: unknown }).at === 'function';
}

function isCompressor(t: CheckTarget): t is Compressor {
  return typeof (t as { dim?: unknown }).dim === 'number' && typeof (t as { bits?: unknown }).bits === 'function';
}

/**
 * @example
 * checkCompressor(topK(8, 2), { seed: 1, effort: 'quick' }).worst?.tightness;
 * // returns 1 (top-k attains α = k/d at all-equal x)
 */
export function checkCompressor(target: CheckTarget, options: CheckOptions = {}): CompressorVerdict {
  if (isFamily(target)) return checkFamily(target, options);
  if (isCompressor(target)) return checkFamily(fixedFamily(target), options);
  // An object in memory has no path to replay from, so no replay command: the seed alone reproduces the run.
  const { replayTarget: _none, ...family } = userModuleFamily(
    target,
    typeof target.name === 'string' ? target.name : 'compressor',
  );
  return checkFamily(family, options);
}
