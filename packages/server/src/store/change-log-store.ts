import { announceChangeLogGrowth } from './dialect/change-log-announce.ts';
import { orderChangeLogWriters } from './dialect/change-log-order.ts';
import { inTransaction, type Tx } from './transaction.ts';

export interface ChangeLogEntry {
  workspaceId: number;
  /** Set for entries only this user may see (their notifications). */
  userId: number | null;
  type: string;
  payload: Record<string, unknown>;
}

/** Appends entries; call it as the last write of a transaction so the ordering lock is held briefly. */
export async function appendChanges(store: Tx, entries: readonly ChangeLogEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const at = Date.now();
  await inTransaction(store, async (tx) => {
    await orderChangeLogWriters(tx);
    await tx.db
      .insertInto('change_log')
      .values(
        entries.map((e) => ({
          workspace_id: e.workspaceId,
          user_id: e.userId,
          type: e.type,
          payload: JSON.stringify(e.payload),
          created_at: at,
        })),
      )
      .execute();
    await announceChangeLogGrowth(tx);
  });
}

/** What one user of one workspace may see after `afterId`, oldest first. */
export async function readChanges(
  tx: Tx,
  q: { workspaceId: number; userId: number; afterId: number; limit: number },
) {
  return tx.db
    .selectFrom('change_log')
    .select(['id', 'type', 'payload', 'created_at'])
    .where('workspace_id', '=', q.workspaceId)
    .where('id', '>', q.afterId)
    .where((eb) => eb.or([eb('user_id', 'is', null), eb('user_id', '=', q.userId)]))
    .orderBy('id')
    .limit(q.limit)
    .execute();
}

export async function changeLogBounds(tx: Tx): Promise<{ first: number | null; last: number }> {
  const r = await tx.db
    .selectFrom('change_log')
    .select((eb) => [eb.fn.min<number | null>('id').as('first'), eb.fn.max<number | null>('id').as('last')])
    .executeTakeFirst();
  return { first: r?.first == null ? null : Number(r.first), last: r?.last == null ? 0 : Number(r.last) };
}

/** Drops entries older than `before` (epoch ms); clients further behind are told to reload. */
export async function pruneChanges(tx: Tx, before: number): Promise<number> {
  const r = await tx.db.deleteFrom('change_log').where('created_at', '<', before).executeTakeFirst();
  return Number(r.numDeletedRows);
}
