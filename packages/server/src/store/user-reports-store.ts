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

/**
 * The issues among `ids` a reporter at the door may be offered, with their titles: open, in this
 * project, and answered publicly by the team to all its reporters (a public comment written by a
 * member, tied to no one report). That answer is the team choosing to face reporters on the issue;
 * an issue the team never spoke about publicly stays unseen, whatever it is called.
 */
export async function reporterFacingIssues(
  tx: Tx,
  projectId: number,
  ids: readonly number[],
): Promise<{ id: number; title: string }[]> {
  if (ids.length === 0) return [];
  return tx.db
    .selectFrom('issues as i')
    .select(['i.id', 'i.title'])
    .where('i.project_id', '=', projectId)
    .where('i.id', 'in', ids)
    .where('i.status_category', 'not in', ['done', 'cancelled'])
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('comments as c')
          .select('c.id')
          .whereRef('c.issue_id', '=', 'i.id')
          .where('c.visibility', '=', 'public')
          .where('c.report_id', 'is', null)
          .where('c.author_id', 'is not', null)
          .where('c.deleted_at', 'is', null),
      ),
    )
    .execute();
}
