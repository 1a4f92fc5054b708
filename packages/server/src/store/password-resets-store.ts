import type { Tx } from './transaction.ts';

/** Password reset tokens (migration 0151), looked up by the hash of the token, never the token. */

export async function insertPasswordReset(
  tx: Tx,
  r: { userId: number; tokenHash: string; now: number; expiresAt: number },
) {
  await tx.db
    .insertInto('password_resets')
    .values({ user_id: r.userId, token_hash: r.tokenHash, created_at: r.now, expires_at: r.expiresAt })
    .execute();
}

/** How many resets the person asked for since `since`: the per-account cap on reset mails. */
export async function countPasswordResetsSince(tx: Tx, userId: number, since: number): Promise<number> {
  const r = await tx.db
    .selectFrom('password_resets')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('created_at', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * Marks a live, unused token used and returns its user; undefined when it is unknown, used or
 * expired. One UPDATE, so two requests racing with the same token cannot both succeed.
 */
export async function consumePasswordReset(tx: Tx, tokenHash: string, now: number) {
  return tx.db
    .updateTable('password_resets')
    .set({ used_at: now })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning(['user_id'])
    .executeTakeFirst();
}

/** A new password makes the person's other pending reset links useless too. */
export async function retirePasswordResets(tx: Tx, userId: number, now: number) {
  await tx.db
    .updateTable('password_resets')
    .set({ used_at: now })
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .execute();
}
