import { performanceCutoff } from '@closeloop/core/performance/retention';
import type { Services } from '../services.ts';
import { deletePerformanceBefore, type PerformancePruned } from '../store/performance-retention-store.ts';
import { inTransaction } from '../store/transaction.ts';

/** How often the worker prunes: hourly, since rows are kept per hour. */
export const PERFORMANCE_PRUNE_EVERY_MS = 3_600_000;

/** Deletes performance data older than PERFORMANCE_RETENTION_DAYS at `now` (idempotent). */
export function prunePerformance(svc: Services, now: number): Promise<PerformancePruned> {
  const cutoff = performanceCutoff(now, svc.config.PERFORMANCE_RETENTION_DAYS);
  return inTransaction(svc.store, (tx) => deletePerformanceBefore(tx, cutoff));
}
