import type { Tx } from './transaction.ts';

export async function insertComment(
  tx: Tx,
  c: { workspaceId: number; issueId: number; authorId: number; body: string },
) {
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
