import type { LessonAnswers } from '@closeloop/core/closure/lessons-policy';
import type { LessonsLearnedTable } from './tables-closure.ts';
import type { Tx } from './transaction.ts';

export type LessonsRow = LessonsLearnedTable;

export async function findLessons(tx: Tx, issueId: number): Promise<LessonsRow | undefined> {
  return tx.db.selectFrom('lessons_learned').selectAll().where('issue_id', '=', issueId).executeTakeFirst();
}

/** Writes the whole record (one row per issue); answers not given keep their stored value. */
export async function upsertLessons(
  tx: Tx,
  row: { issueId: number; workspaceId: number; authorId: number; now: number },
  answers: Partial<LessonAnswers>,
): Promise<void> {
  const columns = {
    ...(answers.whatHappened !== undefined ? { what_happened: answers.whatHappened } : {}),
    ...(answers.impact !== undefined ? { impact: answers.impact } : {}),
    ...(answers.rootCause !== undefined ? { root_cause: answers.rootCause } : {}),
    ...(answers.fix !== undefined ? { fix: answers.fix } : {}),
    ...(answers.prevention !== undefined ? { prevention: answers.prevention } : {}),
  };
  const existing = await findLessons(tx, row.issueId);
  if (existing) {
    await tx.db
      .updateTable('lessons_learned')
      .set({ ...columns, updated_at: row.now })
      .where('issue_id', '=', row.issueId)
      .execute();
    return;
  }
  await tx.db
    .insertInto('lessons_learned')
    .values({
      issue_id: row.issueId,
      workspace_id: row.workspaceId,
      what_happened: '',
      impact: '',
      root_cause: '',
      fix: '',
      prevention: '',
      ...columns,
      author_id: row.authorId,
      created_at: row.now,
      updated_at: row.now,
    })
    .execute();
}

export async function insertLessonAction(tx: Tx, issueId: number, actionIssueId: number, now: number) {
  await tx.db
    .insertInto('lesson_actions')
    .values({ issue_id: issueId, action_issue_id: actionIssueId, created_at: now })
    .execute();
}

export async function lessonActionsOf(tx: Tx, issueId: number) {
  return tx.db
    .selectFrom('lesson_actions as a')
    .innerJoin('issues as i', 'i.id', 'a.action_issue_id')
    .innerJoin('projects as p', 'p.id', 'i.project_id')
    .select(['p.key as projectKey', 'i.number', 'i.title', 'i.status', 'i.status_category as statusCategory'])
    .where('a.issue_id', '=', issueId)
    .orderBy('a.created_at')
    .orderBy('i.id')
    .execute();
}

/** The records of issues named by key (project key + number), in one query. */
export async function lessonsOfKeys(
  tx: Tx,
  workspaceId: number,
  keys: readonly { projectKey: string; number: number }[],
) {
  if (keys.length === 0) return [];
  return tx.db
    .selectFrom('lessons_learned as l')
    .innerJoin('issues as i', 'i.id', 'l.issue_id')
    .innerJoin('projects as p', 'p.id', 'i.project_id')
    .select(['p.key as project_key', 'i.number', 'l.root_cause', 'l.fix', 'l.prevention'])
    .where('i.workspace_id', '=', workspaceId)
    .where((eb) =>
      eb.or(keys.map((k) => eb.and([eb('p.key', '=', k.projectKey), eb('i.number', '=', k.number)]))),
    )
    .execute();
}
