import type { Tx } from './transaction.ts';

/**
 * The rows a merge moves, and its record. A merge moves comments and machine-found event groups
 * (their fingerprint with them, so later events reach the original) and copies watchers and the
 * reporter onto the original; the record lists exactly what it moved so an undo moves only that back.
 */

export interface MergeRecord {
  commentIds: number[];
  groupIds: number[];
  /** Users the merge added as watchers of the original. */
  watcherIds: number[];
  /** The duplicate's reporter, when the merge made them a watcher of the original. */
  reporterIds: number[];
  /** The duplicates link the merge created (null when one already existed: it stays either way). */
  linkId: number | null;
  /** The duplicate before it was closed. */
  before: { status: string; statusCategory: string; resolution: string | null; closedAt: number | null };
}

export async function moveComments(tx: Tx, fromIssue: number, toIssue: number, ids?: readonly number[]) {
  let q = tx.db.selectFrom('comments').select('id').where('issue_id', '=', fromIssue);
  if (ids) {
    if (ids.length === 0) return [];
    q = q.where('id', 'in', ids);
  }
  const moved = (await q.execute()).map((r) => r.id);
  if (moved.length > 0) {
    await tx.db.updateTable('comments').set({ issue_id: toIssue }).where('id', 'in', moved).execute();
  }
  return moved;
}

export async function moveGroups(tx: Tx, fromIssue: number, toIssue: number, ids?: readonly number[]) {
  let q = tx.db.selectFrom('event_groups').select('id').where('issue_id', '=', fromIssue);
  if (ids) {
    if (ids.length === 0) return [];
    q = q.where('id', 'in', ids);
  }
  const moved = (await q.execute()).map((r) => r.id);
  if (moved.length > 0) {
    await tx.db.updateTable('event_groups').set({ issue_id: toIssue }).where('id', 'in', moved).execute();
  }
  return moved;
}

export async function removeWatchers(tx: Tx, issueId: number, userIds: readonly number[]) {
  if (userIds.length === 0) return;
  await tx.db
    .deleteFrom('issue_watchers')
    .where('issue_id', '=', issueId)
    .where('user_id', 'in', userIds)
    .execute();
}

export async function insertMerge(
  tx: Tx,
  m: { workspaceId: number; duplicateId: number; originalId: number; by: number | null; record: MergeRecord },
): Promise<number> {
  const row = await tx.db
    .insertInto('issue_merges')
    .values({
      workspace_id: m.workspaceId,
      duplicate_id: m.duplicateId,
      original_id: m.originalId,
      merged_by: m.by,
      merged_at: Date.now(),
      moved: JSON.stringify(m.record),
      undone_at: null,
      undone_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The active merge that made `issueId` a duplicate, if any. */
export async function activeMergeOf(tx: Tx, issueId: number) {
  return tx.db
    .selectFrom('issue_merges')
    .selectAll()
    .where('duplicate_id', '=', issueId)
    .where('undone_at', 'is', null)
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

export async function markUndone(tx: Tx, id: number, by: number | null) {
  await tx.db
    .updateTable('issue_merges')
    .set({ undone_at: Date.now(), undone_by: by })
    .where('id', '=', id)
    .execute();
}

/** Merges in which the issue took part, either side, newest first, with both keys. */
export async function mergesOfIssue(tx: Tx, issueId: number) {
  return tx.db
    .selectFrom('issue_merges as m')
    .innerJoin('issues as d', 'd.id', 'm.duplicate_id')
    .innerJoin('projects as dp', 'dp.id', 'd.project_id')
    .innerJoin('issues as o', 'o.id', 'm.original_id')
    .innerJoin('projects as op', 'op.id', 'o.project_id')
    .select([
      'm.id',
      'm.merged_at',
      'm.merged_by',
      'm.undone_at',
      'm.moved',
      'd.number as d_number',
      'dp.key as d_project',
      'o.number as o_number',
      'op.key as o_project',
    ])
    .where((eb) => eb.or([eb('m.duplicate_id', '=', issueId), eb('m.original_id', '=', issueId)]))
    .orderBy('m.id', 'desc')
    .execute();
}
