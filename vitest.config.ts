import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // fast-check properties run with a fixed seed in CI (see test/property/arbitraries.ts)
    testTimeout: 30_000,
    pool: 'threads',
    // dist/ built from the current src/ before any test: the CLI and the worker threads run it.
    globalSetup: ['test/setup/build-dist.ts'],
  },
});
