import type { Services } from '../services.ts';
import { appendChanges, type ChangeLogEntry } from '../store/change-log-store.ts';
import { liveOf } from './live-runtime.ts';

/** For changes that only live clients care about (watchers, read marks): log them and wake the streams. */
export async function appendLive(svc: Services, entries: readonly ChangeLogEntry[]): Promise<void> {
  await appendChanges(svc.store, entries);
  liveOf(svc).feed.notify();
}
