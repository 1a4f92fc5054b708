import type { Tx } from './transaction.ts';

export async function insertCommentRevision(
  tx: Tx,
  r: { workspaceId: number; commentId: number; body: string; writtenAt: number; replacedBy: number | null },
) {
  await tx.db
    .insertInto('comment_revisions')
    .values({
      workspace_id: r.workspaceId,
      comment_id: r.commentId,
      body: r.body,
      written_at: r.writtenAt,
      replaced_by: r.replacedBy,
      replaced_at: Date.now(),
    })
    .execute();
}

/** Earlier bodies of a comment, oldest first. */
export async function listCommentRevisions(tx: Tx, commentId: number) {
  return tx.db
    .selectFrom('comment_revisions')
    .selectAll()
    .where('comment_id', '=', commentId)
    .orderBy('id')
    .execute();
}
