import { randomBytes } from 'node:crypto';
import type { Store } from '../store/db.ts';
import { appendToLog } from '../store/event-log-store.ts';
import { inTransaction } from '../store/transaction.ts';

/**
 * Logs an event the grouping worker cannot fold: JSON `null`, as an older version or a hand-made
 * import could have logged it (no current client can: ingest validates every event). Folding it
 * throws, so the worker sets it aside in `dead_events`. Returns its event id.
 */
export async function logPoisonEvent(
  store: Store,
  project: { id: number; workspace_id: number },
): Promise<string> {
  const eventId = randomBytes(16).toString('hex');
  await inTransaction(store, (tx) =>
    appendToLog(tx, [
      {
        workspaceId: project.workspace_id,
        projectId: project.id,
        eventId,
        receivedAt: Date.now(),
        payload: 'null',
      },
    ]),
  );
  return eventId;
}
