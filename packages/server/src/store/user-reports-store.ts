import type { Insertable, Selectable } from 'kysely';
import type { UserReportTable } from './tables-intake.ts';
import type { Tx } from './transaction.ts';

export type UserReportRow = Selectable<UserReportTable>;

/**
 * Stores a report once per (project, event id): an SDK retry of the same report inserts nothing.
 * Returns the new row's id, or null when it was already stored.
 */
export async function insertUserReport(tx: Tx, row: Insertable<UserReportTable>): Promise<number | null> {
  const r = await tx.db
    .insertInto('user_reports')
    .values(row)
    .onConflict((oc) => oc.columns(['project_id', 'event_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return r?.id ?? null;
}

export async function findUserReport(tx: Tx, id: number): Promise<UserReportRow | undefined> {
  return tx.db.selectFrom('user_reports').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function markReportFiled(
  tx: Tx,
  id: number,
  issueId: number,
  outcome: 'new' | 'plus_one',
  now: number,
): Promise<void> {
  await tx.db
    .updateTable('user_reports')
    .set({ issue_id: issueId, outcome, filed_at: now })
    .where('id', '=', id)
    .execute();
}

/** The reports filed into an issue, oldest first. */
export async function reportsOfIssue(tx: Tx, issueId: number): Promise<UserReportRow[]> {
  return tx.db
    .selectFrom('user_reports')
    .selectAll()
    .where('issue_id', '=', issueId)
    .orderBy('id')
    .limit(200)
    .execute();
}

/** Open issues among `ids` (not in a closed status category), for matching a report to one. */
export async function openIssueIds(tx: Tx, projectId: number, ids: readonly number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await tx.db
    .selectFrom('issues')
    .select('id')
    .where('project_id', '=', projectId)
    .where('id', 'in', ids)
    .where('status_category', 'not in', ['done', 'cancelled'])
    .execute();
  return new Set(rows.map((r) => r.id));
}
