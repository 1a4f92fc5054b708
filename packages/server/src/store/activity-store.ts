import type { Tx } from './transaction.ts';

export interface ActivityEntry {
  workspaceId: number;
  issueId: number;
  actorId: number | null;
  action: string;
  field?: string | null;
  from?: unknown;
  to?: unknown;
}

const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));

export async function recordActivity(tx: Tx, entries: readonly ActivityEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const at = Date.now();
  await tx.db
    .insertInto('activity')
    .values(
      entries.map((e) => ({
        workspace_id: e.workspaceId,
        issue_id: e.issueId,
        actor_id: e.actorId,
        action: e.action,
        field: e.field ?? null,
        old_value: json(e.from),
        new_value: json(e.to),
        created_at: at,
      })),
    )
    .execute();
}

export async function listActivity(tx: Tx, issueId: number) {
  const rows = await tx.db
    .selectFrom('activity')
    .selectAll()
    .where('issue_id', '=', issueId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    issueId: r.issue_id,
    actorId: r.actor_id,
    action: r.action,
    field: r.field,
    from: r.old_value === null ? null : (JSON.parse(r.old_value) as unknown),
    to: r.new_value === null ? null : (JSON.parse(r.new_value) as unknown),
    createdAt: new Date(r.created_at).toISOString(),
  }));
}

/** Who last moved an issue into `status` (null: the system, or nobody on record). */
export async function lastMovedInto(tx: Tx, issueId: number, status: string): Promise<number | null> {
  const row = await tx.db
    .selectFrom('activity')
    .select('actor_id')
    .where('issue_id', '=', issueId)
    .where('field', '=', 'status')
    .where('new_value', '=', json(status))
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return row?.actor_id ?? null;
}
