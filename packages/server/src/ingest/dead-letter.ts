import type { Change } from '../live/change-bus.ts';
import type { Store } from '../store/db.ts';
import {
  noteRetryFailed,
  retriesRequested,
  setEventAside,
  takeForRetry,
} from '../store/dead-events-store.ts';
import { claimLogOffset, readLogAfter, readLogRow, saveLogOffset } from '../store/event-log-store.ts';
import { inTransaction, isTransientStoreError, type Tx } from '../store/transaction.ts';

/**
 * "No input stops the pipeline" (DESIGN.md §6). When a batch fails for a reason other than the
 * database being away, the worker takes the next events one per transaction; an event that
 * fails alone is set aside in `dead_events` with its error and the offset moves past it. Admins
 * see it on the project's setup page and ask for a retry (the worker folds it again, exactly
 * once: taking it off the list commits with its effects) or discard it.
 */
export type LogRow = NonNullable<Awaited<ReturnType<typeof readLogRow>>>;
export type FoldRows = (tx: Tx, rows: readonly LogRow[]) => Promise<Change[]>;

export function errorText(err: unknown): string {
  const text = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return text.slice(0, 2000);
}

/** A failure worth setting an event aside for; the database being away is not one. */
export function isPoison(err: unknown): boolean {
  return !isTransientStoreError(err);
}

/**
 * Sets aside the event at the head of the log if it is still `failedId` (another worker may have
 * moved on meanwhile); returns how many log entries that consumed (0 or 1).
 */
export async function setAsideHead(store: Store, offsetName: string, failedId: number, err: unknown) {
  return inTransaction(store, async (tx) => {
    const [row] = await readLogAfter(tx, await claimLogOffset(tx, offsetName), 1);
    if (!row || row.id !== failedId) return 0;
    await setEventAside(tx, {
      workspaceId: row.workspace_id,
      projectId: row.project_id,
      rawEventId: row.id,
      eventId: row.event_id,
      error: errorText(err),
      at: Date.now(),
    });
    await saveLogOffset(tx, offsetName, row.id);
    console.error(`grouping worker: event ${row.event_id} (log id ${row.id}) set aside:`, errorText(err));
    return 1;
  });
}

/** Folds the events admins asked to retry; one that fails again goes back on the list with its new error. */
export async function retrySetAside(store: Store, fold: FoldRows, publish: (c: Change) => void) {
  const ids = await retriesRequested(store, 50);
  for (const id of ids) {
    try {
      const changes = await inTransaction(store, async (tx) => {
        const rawId = await takeForRetry(tx, id);
        const row = rawId === null ? undefined : await readLogRow(tx, rawId);
        return row ? fold(tx, [row]) : [];
      });
      for (const c of changes) publish(c);
    } catch (err) {
      if (!isPoison(err)) throw err;
      await inTransaction(store, (tx) => noteRetryFailed(tx, id, errorText(err), Date.now()));
    }
  }
  return ids.length;
}
