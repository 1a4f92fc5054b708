import { defineConfig } from 'vitest/config';

// One runner for every package. Store and API suites run against SQLite always and
// PostgreSQL when it is reachable (mandatory when CI=true); see packages/server/src/test/dialects.ts.
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // expect.poll's 1 s default is shorter than one page render on the 2-core CI machine under load
    // (a replay player and a palette search failed on it there and passed when run alone).
    expect: { poll: { timeout: 10_000 } },
    // scrypt at the production cost is ~160 ms of CPU per sign-up or sign-in; the suites do thousands.
    // accounts/password.test.ts checks the production default, and config.ts refuses this outside tests.
    env: { PASSWORD_HASH_COST: '10' },
    pool: 'forks',
    // Three workers on the 2-core CI machine: a test waiting on PostgreSQL, Chromium or a real-time clock
    // (sla.test.ts waits a minute of it) leaves its core idle. Fresh-clone CI on a quiet machine, same
    // 2,017 tests, all passing: tests step 835 s with two workers, 742 s with three (2026-12-03).
    maxWorkers: 3,
    fileParallelism: true,
    // Every test file belongs to exactly one project (a root `include` would be merged into both).
    projects: [
      {
        // The server and domain suites share one module graph per worker instead of importing it
        // again for every file (import was ~40% of their CPU time: 10 route suites took 63 CPU-s
        // isolated and 32 shared). Safe because their state hangs off the services each suite
        // creates and closes, never off a module; a suite that changes module state restores it.
        extends: true,
        test: {
          name: 'server',
          include: ['packages/{server,core,shared}/src/**/*.test.ts'],
          isolate: false,
        },
      },
      {
        // SDKs patch globals (error handlers, fetch, console) and the browser suites each drive their
        // own Chromium: a fresh module graph per file.
        extends: true,
        test: {
          name: 'isolated',
          include: [
            'packages/{sdk-browser,sdk-core,sdk-node,web,cli}/src/**/*.test.{ts,tsx}',
            'packages/*/e2e/**/*.test.ts',
          ],
        },
      },
      // CI runs the two stories (DESIGN.md §1) once more with the server on PostgreSQL, in the same
      // run so they share its two workers instead of waiting for it; outside CI E2E_DATABASE=postgres does it.
      ...(process.env.CI
        ? [
            {
              extends: true as const,
              test: {
                name: 'stories on postgres',
                include: [
                  'packages/web/e2e/story-project-issue.test.ts',
                  'packages/web/e2e/shop-monitoring.test.ts',
                ],
                env: { E2E_DATABASE: 'postgres' },
              },
            },
          ]
        : []),
    ],
  },
});
