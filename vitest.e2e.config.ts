import { defineConfig } from 'vitest/config';

// End-to-end tests: the built page in headless Chromium. One build and one preview server
// for the whole run (tests/e2e/global-setup.ts), one test file at a time (the machine
// has two cores and the model is CPU-bound), long timeouts for model loading.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    globalSetup: ['tests/e2e/global-setup.ts'],
    testTimeout: 240_000,
    hookTimeout: 240_000,
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
  },
});
