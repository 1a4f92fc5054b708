import type { Tx } from './transaction.ts';

/** Adds the reaction if absent, removes it if present; answers whether it is there afterwards. */
export async function toggleReaction(
  tx: Tx,
  r: { workspaceId: number; commentId: number; userId: number; emoji: string },
): Promise<boolean> {
  const del = await tx.db
    .deleteFrom('comment_reactions')
    .where('comment_id', '=', r.commentId)
    .where('user_id', '=', r.userId)
    .where('emoji', '=', r.emoji)
    .executeTakeFirst();
  if (Number(del.numDeletedRows) > 0) return false;
  await tx.db
    .insertInto('comment_reactions')
    .values({
      workspace_id: r.workspaceId,
      comment_id: r.commentId,
      user_id: r.userId,
      emoji: r.emoji,
      created_at: Date.now(),
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
  return true;
}

/** Reactions of the given comments, in the order they were first given. */
export async function reactionsOf(tx: Tx, commentIds: readonly number[]) {
  if (commentIds.length === 0) return [];
  return tx.db
    .selectFrom('comment_reactions')
    .select(['comment_id', 'user_id', 'emoji', 'created_at'])
    .where('comment_id', 'in', commentIds)
    .orderBy('created_at')
    .orderBy('user_id')
    .execute();
}

export async function reactionsOfIssue(tx: Tx, issueId: number) {
  return tx.db
    .selectFrom('comment_reactions as r')
    .innerJoin('comments as c', 'c.id', 'r.comment_id')
    .select(['r.comment_id', 'r.user_id', 'r.emoji', 'r.created_at'])
    .where('c.issue_id', '=', issueId)
    .where('c.deleted_at', 'is', null)
    .orderBy('r.created_at')
    .orderBy('r.user_id')
    .execute();
}
