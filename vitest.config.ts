import { defineConfig } from 'vitest/config';

// The code under test is pure, so sharing one module graph across files is safe and saves ~1.4 s of import per
// file (docs/design.md §0).
export default defineConfig({
  test: {
    include: [
      'src/**/*.test.ts',
      'scripts/**/*.test.ts',
      'properties/**/*.spec.ts',
      'theorems/**/*.spec.ts',
      'bench/**/*.test.ts',
    ],
    setupFiles: ['./vitest.setup.ts'],
    isolate: false,
    pool: 'threads',
    // vitest's default is one worker fewer than the cores: on the 2 cores CI has, one worker and the other core idle.
    maxWorkers: '100%',
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
