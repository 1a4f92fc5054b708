import { PERFORMANCE_PRUNE_EVERY_MS, prunePerformance } from '../commands/performance-retention.ts';
import type { Services } from '../services.ts';

/** `performance.prune`: hourly, deletes performance rows past PERFORMANCE_RETENTION_DAYS (idempotent). */
export function definePerformanceJobs(svc: Services): void {
  svc.jobs.every('performance.prune', PERFORMANCE_PRUNE_EVERY_MS, async (_payload, ctx) => {
    await prunePerformance(svc, ctx.now);
  });
}
