import type { StatusDef } from '@closeloop/core/workflows/default-workflow';
import type { Tx } from './transaction.ts';

export async function insertProject(
  tx: Tx,
  p: { workspaceId: number; key: string; name: string; description: string },
  statuses: readonly StatusDef[],
) {
  const row = await tx.db
    .insertInto('projects')
    .values({
      workspace_id: p.workspaceId,
      key: p.key,
      name: p.name,
      description: p.description,
      next_number: 1,
      created_at: Date.now(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await tx.db
    .insertInto('statuses')
    .values(
      statuses.map((s, i) => ({
        project_id: row.id,
        key: s.key,
        name: s.name,
        category: s.category,
        position: i,
      })),
    )
    .execute();
  return row;
}

export async function findProjectByKey(tx: Tx, workspaceId: number, key: string) {
  return tx.db
    .selectFrom('projects')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('key', '=', key.toUpperCase())
    .executeTakeFirst();
}

export async function listProjects(tx: Tx, workspaceId: number) {
  return tx.db
    .selectFrom('projects')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('key')
    .execute();
}

export async function updateProject(
  tx: Tx,
  id: number,
  set: { name?: string; description?: string; archived_at?: number | null },
) {
  // An empty PATCH changes nothing; an UPDATE without SET is not SQL (it answered 500).
  if (Object.keys(set).length === 0)
    return tx.db.selectFrom('projects').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  return tx.db.updateTable('projects').set(set).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export async function listStatuses(tx: Tx, projectIds: readonly number[]) {
  if (projectIds.length === 0) return [];
  return tx.db
    .selectFrom('statuses')
    .select(['project_id', 'key', 'name', 'category', 'position'])
    .where('project_id', 'in', projectIds)
    .orderBy('project_id')
    .orderBy('position')
    .execute();
}

/** Hands out the next per-project issue number; runs inside the create transaction. */
export async function takeIssueNumber(tx: Tx, projectId: number): Promise<number> {
  const row = await tx.db
    .updateTable('projects')
    .set((eb) => ({ next_number: eb('next_number', '+', 1) }))
    .where('id', '=', projectId)
    .returning('next_number')
    .executeTakeFirstOrThrow();
  return row.next_number - 1;
}
