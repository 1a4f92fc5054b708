import { defineConfig } from 'vitest/config';

// One runner for every package. Store and API suites run against SQLite always and
// PostgreSQL when it is reachable (mandatory when CI=true); see packages/server/src/test/dialects.ts.
export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/*/src/**/*.test.tsx', 'packages/*/e2e/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // expect.poll's 1 s default is shorter than one page render on the 2-core CI machine under load
    // (a replay player and a palette search failed on it there and passed when run alone).
    expect: { poll: { timeout: 10_000 } },
    // scrypt at the production cost is ~160 ms of CPU per sign-up or sign-in; the suites do thousands.
    // accounts/password.test.ts checks the production default, and config.ts refuses this outside tests.
    env: { PASSWORD_HASH_COST: '10' },
    pool: 'forks',
    // Two workers on the 2-core CI machine: a test waiting on PostgreSQL, Chromium or a real-time clock
    // leaves its core idle. Measured on one commit under the same load: tests step 1,241 s with one
    // worker, 1,121 s with two (every test passed both times).
    maxWorkers: 2,
    fileParallelism: true,
  },
});
