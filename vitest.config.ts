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
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
