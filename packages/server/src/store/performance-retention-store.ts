import type { Tx } from './transaction.ts';

/** Rows deleted per table by one prune. */
export interface PerformancePruned {
  hourly: number;
  sessionHours: number;
  sessionPages: number;
}

/**
 * Deletes performance rows of hours before `cutoff` in every project: the hourly histograms, the
 * per-session hours (affected sessions) and the visited pages (flows). Indexed by (project, hour)
 * and (project, first_at); perf_session_hours is read by group through perf_issues, not by time.
 */
export async function deletePerformanceBefore(tx: Tx, cutoff: number): Promise<PerformancePruned> {
  const hourly = await tx.db.deleteFrom('perf_hourly').where('hour', '<', cutoff).executeTakeFirst();
  const sessionHours = await tx.db
    .deleteFrom('perf_session_hours')
    .where('hour', '<', cutoff)
    .executeTakeFirst();
  const sessionPages = await tx.db
    .deleteFrom('session_pages')
    .where('first_at', '<', cutoff)
    .executeTakeFirst();
  return {
    hourly: Number(hourly.numDeletedRows),
    sessionHours: Number(sessionHours.numDeletedRows),
    sessionPages: Number(sessionPages.numDeletedRows),
  };
}
