import { defineConfig } from 'vitest/config';

// In CI, also write vitest's JSON report: .ci/run turns it into the plain "N passed, N failed" line.
const reporters = process.env.CI
  ? ['default', ['json', { outputFile: 'test-results/vitest.json' }]]
  : ['default'];

export default defineConfig({
  test: {
    include: ['app/**/*.test.ts', 'emulator/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/setup/influx.globalSetup.ts'],
    reporters: reporters as never,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
