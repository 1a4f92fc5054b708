import type { Tx } from './transaction.ts';

/** A person's own sign-in sessions (the list with revoke in Settings → Sessions). */
export async function listLiveSessions(tx: Tx, userId: number, now: number) {
  return tx.db
    .selectFrom('sessions')
    .select(['id', 'token_hash', 'created_at', 'expires_at', 'last_seen_at'])
    .where('user_id', '=', userId)
    .where('expires_at', '>', now)
    .orderBy('id', 'desc')
    .execute();
}

export async function deleteOwnSession(tx: Tx, userId: number, id: number) {
  return tx.db
    .deleteFrom('sessions')
    .where('user_id', '=', userId)
    .where('id', '=', id)
    .returning('id')
    .executeTakeFirst();
}

/** Every session of the person but `keepHash` (null: all of them). */
export async function deleteOtherSessions(tx: Tx, userId: number, keepHash: string | null): Promise<number> {
  let q = tx.db.deleteFrom('sessions').where('user_id', '=', userId);
  if (keepHash !== null) q = q.where('token_hash', '!=', keepHash);
  const rows = await q.returning('id').execute();
  return rows.length;
}
