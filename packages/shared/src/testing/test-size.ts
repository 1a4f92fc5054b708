/**
 * Suites that grow with their data (property tests, simulations, fuzzing, browser sweeps) run a small
 * size in `npm test` and CI (which must stay under 15 minutes on 2 cores) and their full size under
 * `npm run test:full` (TEST_FULL=1).
 */
export const TEST_FULL = process.env.TEST_FULL === '1';

/** `ci` normally, `full` under `npm run test:full`. */
export function testSize<T>(ci: T, full: T): T {
  return TEST_FULL ? full : ci;
}
