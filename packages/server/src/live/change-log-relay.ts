import type { Services } from '../services.ts';
import { CHANGE_LOG_CHANNEL } from '../store/dialect/change-log-announce.ts';
import { liveOf } from './live-runtime.ts';

/**
 * With several API processes on PostgreSQL, a change made through one (or by a worker process)
 * is announced with NOTIFY when its change_log rows commit; this relay wakes this process's SSE
 * connections, which then read the rows like any local change. No-op on SQLite (one process).
 */
export function relayChangeLog(svc: Services): () => Promise<void> {
  const feed = liveOf(svc).feed;
  return svc.store.listen?.(CHANGE_LOG_CHANNEL, () => feed.notify()) ?? (async () => {});
}
