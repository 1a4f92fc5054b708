import type { Tx } from './transaction.ts';

export interface NewComment {
  workspaceId: number;
  issueId: number;
  /** null: written by a reporter on their tracking page (then `reportId` says which report). */
  authorId: number | null;
  body: string;
  /** internal (default) | public: reporters of the issue see it. */
  visibility?: 'internal' | 'public';
  /** The report it was written by (author null) or is addressed to alone. */
  reportId?: number | null;
}

export async function insertComment(tx: Tx, c: NewComment) {
  const at = Date.now();
  return tx.db
    .insertInto('comments')
    .values({
      workspace_id: c.workspaceId,
      issue_id: c.issueId,
      author_id: c.authorId,
      body: c.body,
      created_at: at,
      updated_at: at,
      visibility: c.visibility ?? 'internal',
      report_id: c.reportId ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findComment(tx: Tx, workspaceId: number, id: number) {
  return tx.db
    .selectFrom('comments')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

export async function listComments(tx: Tx, issueId: number) {
  return tx.db
    .selectFrom('comments')
    .selectAll()
    .where('issue_id', '=', issueId)
    .where('deleted_at', 'is', null)
    .orderBy('id')
    .execute();
}

/**
 * What one reporter may read of an issue's conversation (issue 17.6): the team's public replies
 * to everyone, and the comments of their own report (theirs, and the team's to them alone).
 * Internal comments and other reporters' exchanges never leave this query.
 */
export async function reporterComments(tx: Tx, issueId: number, reportId: number) {
  return tx.db
    .selectFrom('comments')
    .select(['id', 'author_id', 'body', 'created_at', 'report_id'])
    .where('issue_id', '=', issueId)
    .where('deleted_at', 'is', null)
    .where('visibility', '=', 'public')
    .where((eb) => eb.or([eb('report_id', 'is', null), eb('report_id', '=', reportId)]))
    .orderBy('id')
    .limit(500)
    .execute();
}

export async function updateCommentBody(tx: Tx, id: number, body: string) {
  return tx.db
    .updateTable('comments')
    .set({ body, updated_at: Date.now() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function softDeleteComment(tx: Tx, id: number) {
  await tx.db.updateTable('comments').set({ deleted_at: Date.now() }).where('id', '=', id).execute();
}
