import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // fast-check properties run with a fixed seed in CI (see test/property/arbitraries.ts)
    testTimeout: 30_000,
    pool: 'threads',
  },
});
