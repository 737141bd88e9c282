import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compressorRegistry } from '../../src/compressors/registry.ts';

describe('registry coverage', () => {
  it('every registry entry has its own spec under properties/compressors/ (optax coverage_check)', () => {
    const specs = new Set(
      readdirSync(fileURLToPath(new URL('.', import.meta.url))).filter((f) => f.endsWith('.spec.ts')),
    );
    const missing = compressorRegistry.map((e) => `${e.id}.spec.ts`).filter((f) => !specs.has(f));
    expect(missing).toEqual([]);
    expect(specs.has('combinators.spec.ts')).toBe(true);
  });
});
