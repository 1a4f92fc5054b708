import { orderEventLogWriters } from './dialect/event-log-order.ts';
import { dialectOf } from './dialect/store-dialect.ts';
import type { Tx } from './transaction.ts';

export interface LogEntry {
  workspaceId: number;
  projectId: number;
  eventId: string;
  receivedAt: number;
  payload: string;
}

/**
 * Appends events to the raw log. A retried event (same project and event id) is kept once:
 * the SDKs choose event ids, so a retry after a lost answer is harmless.
 */
export async function appendToLog(tx: Tx, entries: readonly LogEntry[]): Promise<void> {
  if (!tx.db.isTransaction)
    throw new Error('appendToLog must run inside a transaction (it holds the order lock)');
  await orderEventLogWriters(tx);
  // Parameters per statement stay far below both engines' limits (SQLite: 32766).
  for (let i = 0; i < entries.length; i += 500) {
    await tx.db
      .insertInto('raw_events')
      .values(
        entries.slice(i, i + 500).map((e) => ({
          workspace_id: e.workspaceId,
          project_id: e.projectId,
          event_id: e.eventId,
          received_at: e.receivedAt,
          payload: e.payload,
        })),
      )
      .onConflict((oc) => oc.columns(['project_id', 'event_id']).doNothing())
      .execute();
  }
}

export async function readLogAfter(tx: Tx, position: number, limit: number) {
  return tx.db
    .selectFrom('raw_events')
    .selectAll()
    .where('id', '>', position)
    .orderBy('id')
    .limit(limit)
    .execute();
}

export async function readLogRow(tx: Tx, id: number) {
  return tx.db.selectFrom('raw_events').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Log rows by id, in one statement (rows no longer in the log are absent). */
export async function readLogRows(tx: Tx, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return tx.db.selectFrom('raw_events').selectAll().where('id', 'in', ids).execute();
}

export async function logOffset(tx: Tx, name: string): Promise<number> {
  const row = await tx.db
    .selectFrom('worker_offsets')
    .select('position')
    .where('name', '=', name)
    .executeTakeFirst();
  return row?.position ?? 0;
}

/**
 * Reads a consumer's offset and holds it for the rest of the transaction: in PostgreSQL the row is
 * locked FOR UPDATE, so a second worker process waits instead of processing the same batch; in
 * SQLite the single writer gives the same guarantee.
 */
export async function claimLogOffset(tx: Tx, name: string): Promise<number> {
  await tx.db
    .insertInto('worker_offsets')
    .values({ name, position: 0 })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const row = await dialectOf(tx.dialect)
    .lockRows(tx.db.selectFrom('worker_offsets').select('position').where('name', '=', name))
    .executeTakeFirstOrThrow();
  return row.position;
}

export async function saveLogOffset(tx: Tx, name: string, position: number): Promise<void> {
  await tx.db
    .insertInto('worker_offsets')
    .values({ name, position })
    .onConflict((oc) => oc.column('name').doUpdateSet({ position }))
    .execute();
}

export async function countLogEvents(tx: Tx, projectId?: number): Promise<number> {
  let q = tx.db.selectFrom('raw_events').select((eb) => eb.fn.countAll<number>().as('n'));
  if (projectId !== undefined) q = q.where('project_id', '=', projectId);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

export async function logHead(tx: Tx): Promise<number> {
  const r = await tx.db
    .selectFrom('raw_events')
    .select((eb) => eb.fn.max('id').as('m'))
    .executeTakeFirst();
  return Number(r?.m ?? 0);
}

/** The event is in the log but the consumer `name` (the grouping worker) has not read it yet. */
export async function awaitsConsumer(tx: Tx, name: string, projectId: number, eventId: string) {
  const row = await tx.db
    .selectFrom('raw_events')
    .select('id')
    .where('project_id', '=', projectId)
    .where('event_id', '=', eventId)
    .executeTakeFirst();
  return row !== undefined && row.id > (await logOffset(tx, name));
}
