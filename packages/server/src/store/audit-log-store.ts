import type { Tx } from './transaction.ts';

export interface AuditEntryInput {
  workspaceId: number;
  actorId: number | null;
  action: string;
  target: string | null;
  details: Record<string, unknown>;
  ip: string | null;
}

export async function insertAuditEntry(tx: Tx, e: AuditEntryInput): Promise<void> {
  const actor =
    e.actorId === null
      ? undefined
      : await tx.db.selectFrom('users').select('name').where('id', '=', e.actorId).executeTakeFirst();
  await tx.db
    .insertInto('audit_log')
    .values({
      workspace_id: e.workspaceId,
      actor_id: e.actorId,
      actor_name: actor?.name ?? null,
      action: e.action,
      target: e.target,
      details: JSON.stringify(e.details),
      ip: e.ip,
      created_at: Date.now(),
    })
    .execute();
}

/** Newest first; `beforeId` pages back. */
export async function listAuditEntries(
  tx: Tx,
  workspaceId: number,
  opts: { beforeId?: number; limit: number },
) {
  let q = tx.db.selectFrom('audit_log').selectAll().where('workspace_id', '=', workspaceId);
  if (opts.beforeId !== undefined) q = q.where('id', '<', opts.beforeId);
  return q.orderBy('id', 'desc').limit(opts.limit).execute();
}
