import { defineConfig } from 'vitest/config';

// End-to-end tests: a real Vigil jar (../target/vigil.jar, started once by e2e/global-setup.ts) driven by
// headless Chromium through playwright-core. One file at a time: they share the server and its log file.
export default defineConfig({
  test: {
    environment: 'node',
    include: ['e2e/**/*.e2e.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    setupFiles: ['e2e/support/exit-with-runner.ts'],
    pool: 'forks',
    fileParallelism: false,
    maxWorkers: 1,
    minWorkers: 1,
    // Real browser, real server: generous, but every wait in the tests is on a condition.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    teardownTimeout: 30_000,
    // A failure is reported, never retried into a pass.
    retry: 0,
  },
});
