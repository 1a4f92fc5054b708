import type { Tx } from './transaction.ts';

export interface WorklogRow {
  id: number;
  workspace_id: number;
  issue_id: number;
  user_id: number | null;
  minutes: number;
  work_date: string;
  note: string;
  created_at: number;
}

/** Adds a log and keeps the issue's `logged_minutes` in step, in the caller's transaction. */
export async function insertWorklog(
  tx: Tx,
  w: { workspaceId: number; issueId: number; userId: number; minutes: number; date: string; note: string },
): Promise<WorklogRow> {
  const row = await tx.db
    .insertInto('worklogs')
    .values({
      workspace_id: w.workspaceId,
      issue_id: w.issueId,
      user_id: w.userId,
      minutes: w.minutes,
      work_date: w.date,
      note: w.note,
      created_at: Date.now(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await addLoggedMinutes(tx, w.issueId, w.minutes);
  return row;
}

/**
 * An atomic increment, not a read-modify-write, so concurrent logs never lose minutes. The issue's
 * version is left alone: logging time is not an edit that should turn someone's open form stale.
 */
async function addLoggedMinutes(tx: Tx, issueId: number, delta: number) {
  await tx.db
    .updateTable('issues')
    .set((eb) => ({ logged_minutes: eb('logged_minutes', '+', delta) }))
    .where('id', '=', issueId)
    .execute();
}

export async function findWorklog(
  tx: Tx,
  workspaceId: number,
  issueId: number,
  id: number,
): Promise<WorklogRow | undefined> {
  return tx.db
    .selectFrom('worklogs')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('issue_id', '=', issueId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function deleteWorklog(tx: Tx, row: WorklogRow) {
  await tx.db.deleteFrom('worklogs').where('id', '=', row.id).execute();
  await addLoggedMinutes(tx, row.issue_id, -row.minutes);
}

export async function listWorklogs(tx: Tx, issueId: number): Promise<WorklogRow[]> {
  return tx.db
    .selectFrom('worklogs')
    .selectAll()
    .where('issue_id', '=', issueId)
    .orderBy('work_date', 'desc')
    .orderBy('id', 'desc')
    .execute();
}
