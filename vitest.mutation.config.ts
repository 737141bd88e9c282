import { defineConfig } from 'vitest/config';

// The tests that can kill mutants of src/compressors and src/algorithms (stryker.config.mjs): their own unit tests
// and the compressor/algorithm property specs. theorems/, reports and the checker specs (properties/check,
// properties/broken, which test src/check) are left out: they are slow and judge other code.
export default defineConfig({
  test: {
    include: [
      'src/compressors/**/*.test.ts',
      'src/algorithms/**/*.test.ts',
      'properties/compressors/**/*.spec.ts',
      'properties/algorithms/**/*.spec.ts',
    ],
    setupFiles: ['./vitest.setup.ts'],
    isolate: false,
    pool: 'threads',
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
