import type { Tx } from './transaction.ts';

export async function saveRecurrence(
  tx: Tx,
  r: { issueId: number; workspaceId: number; ofIssueId: number; score: number },
  now: number,
): Promise<boolean> {
  const existing = await tx.db
    .selectFrom('issue_recurrences')
    .select('issue_id')
    .where('issue_id', '=', r.issueId)
    .executeTakeFirst();
  if (existing) return false;
  await tx.db
    .insertInto('issue_recurrences')
    .values({
      issue_id: r.issueId,
      workspace_id: r.workspaceId,
      of_issue_id: r.ofIssueId,
      score: r.score,
      created_at: now,
    })
    .execute();
  return true;
}

/** The closed issue a new one recurs, how it was resolved, and its lessons-learned record if any. */
export async function findRecurrence(tx: Tx, workspaceId: number, issueId: number) {
  return tx.db
    .selectFrom('issue_recurrences as r')
    .innerJoin('issues as i', 'i.id', 'r.of_issue_id')
    .innerJoin('projects as p', 'p.id', 'i.project_id')
    .leftJoin('lessons_learned as l', 'l.issue_id', 'i.id')
    .select([
      'r.score',
      'r.created_at',
      'p.key as project_key',
      'i.number',
      'i.title',
      'i.resolution',
      'i.resolution_note',
      'i.closed_at',
      'l.what_happened',
      'l.impact',
      'l.root_cause',
      'l.fix',
      'l.prevention',
    ])
    .where('r.workspace_id', '=', workspaceId)
    .where('r.issue_id', '=', issueId)
    .executeTakeFirst();
}
