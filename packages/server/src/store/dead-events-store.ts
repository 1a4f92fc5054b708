import type { Tx } from './transaction.ts';

/** Events the grouping worker set aside (ingest/dead-letter.ts), newest first per project. */

export async function setEventAside(
  tx: Tx,
  e: {
    workspaceId: number;
    projectId: number;
    rawEventId: number;
    eventId: string;
    error: string;
    at: number;
  },
): Promise<void> {
  await tx.db
    .insertInto('dead_events')
    .values({
      workspace_id: e.workspaceId,
      project_id: e.projectId,
      raw_event_id: e.rawEventId,
      event_id: e.eventId,
      error: e.error,
      attempts: 2,
      failed_at: e.at,
      retry_requested_at: null,
    })
    .onConflict((oc) =>
      oc.column('raw_event_id').doUpdateSet((eb) => ({
        error: e.error,
        failed_at: e.at,
        attempts: eb('dead_events.attempts', '+', 1),
        retry_requested_at: null,
      })),
    )
    .execute();
}

export async function listDeadEvents(tx: Tx, projectId: number, limit: number) {
  return tx.db
    .selectFrom('dead_events as d')
    .leftJoin('raw_events as r', 'r.id', 'd.raw_event_id')
    .select([
      'd.id',
      'd.event_id',
      'd.error',
      'd.attempts',
      'd.failed_at',
      'd.retry_requested_at',
      'r.received_at',
      'r.payload',
    ])
    .where('d.project_id', '=', projectId)
    .orderBy('d.id', 'desc')
    .limit(limit)
    .execute();
}

export async function countDeadEvents(tx: Tx, projectId: number): Promise<number> {
  const r = await tx.db
    .selectFrom('dead_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('project_id', '=', projectId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Marks one for another try by the worker; false when the project has no such event. */
export async function requestRetry(tx: Tx, projectId: number, id: number, at: number): Promise<boolean> {
  const r = await tx.db
    .updateTable('dead_events')
    .set({ retry_requested_at: at })
    .where('project_id', '=', projectId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Forgets a set-aside event (it stays in the raw log, ungrouped). */
export async function discardDeadEvent(tx: Tx, projectId: number, id: number): Promise<boolean> {
  const r = await tx.db
    .deleteFrom('dead_events')
    .where('project_id', '=', projectId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export async function retriesRequested(tx: Tx, limit: number): Promise<number[]> {
  const rows = await tx.db
    .selectFrom('dead_events')
    .select('id')
    .where('retry_requested_at', 'is not', null)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Takes a retry-requested event off the list inside the worker's transaction: if folding it
 * fails, the rollback puts it back. The delete locks the row in PostgreSQL, so two workers
 * never fold the same event.
 */
export async function takeForRetry(tx: Tx, id: number): Promise<number | null> {
  const r = await tx.db
    .deleteFrom('dead_events')
    .where('id', '=', id)
    .where('retry_requested_at', 'is not', null)
    .returning('raw_event_id')
    .executeTakeFirst();
  return r?.raw_event_id ?? null;
}

export async function noteRetryFailed(tx: Tx, id: number, error: string, at: number): Promise<void> {
  await tx.db
    .updateTable('dead_events')
    .set((eb) => ({ error, failed_at: at, attempts: eb('attempts', '+', 1), retry_requested_at: null }))
    .where('id', '=', id)
    .execute();
}
