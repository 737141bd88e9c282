/**
 * The checker's seed inside a spec: derived from fast-check's global seed (FC_SEED, set in vitest.setup.ts), so
 * a failing run replays with the printed FC_SEED and no spec hard-codes a seed.
 */
import fc from 'fast-check';

export function specSeed(offset = 0): number {
  const seed = fc.readConfigureGlobal().seed ?? 0;
  return (((seed % 0x40000000) + 0x40000000) % 0x40000000) + offset;
}
