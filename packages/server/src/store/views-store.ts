import type { SavedView, ViewDisplay } from '@closeloop/shared/api/views';
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { SavedViewTable } from './tables-views.ts';
import type { Tx } from './transaction.ts';

type ViewRow = Selectable<SavedViewTable>;

/** The one converter from row to domain view. */
export function toView(r: ViewRow): SavedView {
  return {
    id: r.id,
    name: r.name,
    query: r.query,
    shared: Number(r.shared) === 1,
    ownerId: r.owner_id,
    display: JSON.parse(r.display) as ViewDisplay,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
    version: r.version,
  };
}

/** The actor's personal views and every shared view of the workspace, by name. */
export async function listViewRows(tx: Tx, workspaceId: number, userId: number) {
  return tx.db
    .selectFrom('saved_views')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where((eb) => eb.or([eb('shared', '=', 1), eb('owner_id', '=', userId)]))
    .orderBy('name')
    .orderBy('id')
    .execute();
}

export async function findViewRow(tx: Tx, workspaceId: number, id: number) {
  return tx.db
    .selectFrom('saved_views')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertViewRow(tx: Tx, values: Insertable<SavedViewTable>) {
  return tx.db.insertInto('saved_views').values(values).returningAll().executeTakeFirstOrThrow();
}

/** Applies only if the row still has `expectedVersion`; undefined when someone else edited first. */
export async function updateViewRow(
  tx: Tx,
  id: number,
  expectedVersion: number,
  set: Updateable<SavedViewTable>,
) {
  return tx.db
    .updateTable('saved_views')
    .set({ ...set, version: expectedVersion + 1, updated_at: Date.now() })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .returningAll()
    .executeTakeFirst();
}

export async function deleteViewRow(tx: Tx, id: number) {
  await tx.db.deleteFrom('saved_views').where('id', '=', id).execute();
}
