import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.e2e.test.ts'],
    globalSetup: ['./global-setup.ts'],
    // One server, one browser: the files run one after another.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // A browser step waits for the server and the job runner; on a loaded 2-core CI machine a
    // second (the default) is not always enough; only a failing step waits longer.
    expect: { poll: { timeout: 10_000, interval: 100 } },
  },
});
