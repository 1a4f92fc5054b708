import type { Tx } from './transaction.ts';

/** Two-factor sign-in: a person's TOTP secrets, recovery codes (hashed), sign-in challenges (hashed). */

export async function findTwoFactor(tx: Tx, userId: number) {
  return tx.db
    .selectFrom('users')
    .select(['id', 'email', 'totp_secret', 'totp_pending_secret', 'totp_last_step'])
    .where('id', '=', userId)
    .executeTakeFirst();
}

export async function setPendingTotpSecret(tx: Tx, userId: number, secret: string) {
  await tx.db.updateTable('users').set({ totp_pending_secret: secret }).where('id', '=', userId).execute();
}

/** The pending secret becomes the secret; `step`: the step of the code that confirmed it. */
export async function confirmTotpSecret(tx: Tx, userId: number, secret: string, step: number) {
  await tx.db
    .updateTable('users')
    .set({ totp_secret: secret, totp_pending_secret: null, totp_last_step: step })
    .where('id', '=', userId)
    .execute();
}

/**
 * Records that a code of `step` was used, only if no code of that step or later was: of two
 * requests with the same code, one wins. false: the code was used already.
 */
export async function useTotpStep(tx: Tx, userId: number, step: number): Promise<boolean> {
  const r = await tx.db
    .updateTable('users')
    .set({ totp_last_step: step })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function clearTwoFactor(tx: Tx, userId: number) {
  await tx.db
    .updateTable('users')
    .set({ totp_secret: null, totp_pending_secret: null, totp_last_step: null })
    .where('id', '=', userId)
    .execute();
  await tx.db.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
}

export async function replaceRecoveryCodes(tx: Tx, userId: number, hashes: string[]) {
  await tx.db.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
  await tx.db
    .insertInto('recovery_codes')
    .values(hashes.map((h) => ({ user_id: userId, code_hash: h, used_at: null })))
    .execute();
}

/** Spends one unused recovery code; false when it is unknown or spent already. */
export async function useRecoveryCode(tx: Tx, userId: number, hash: string, now: number): Promise<boolean> {
  const r = await tx.db
    .updateTable('recovery_codes')
    .set({ used_at: now })
    .where('user_id', '=', userId)
    .where('code_hash', '=', hash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function countUnusedRecoveryCodes(tx: Tx, userId: number): Promise<number> {
  const r = await tx.db
    .selectFrom('recovery_codes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function insertSignInChallenge(
  tx: Tx,
  c: { tokenHash: string; userId: number; expiresAt: number },
) {
  await tx.db
    .insertInto('sign_in_challenges')
    .values({ token_hash: c.tokenHash, user_id: c.userId, expires_at: c.expiresAt })
    .execute();
}

/** Counts one attempt at a live challenge and returns it (attempts after this one), or undefined. */
export async function attemptSignInChallenge(tx: Tx, tokenHash: string, now: number) {
  return tx.db
    .updateTable('sign_in_challenges')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('token_hash', '=', tokenHash)
    .where('expires_at', '>', now)
    .returning(['id', 'user_id', 'attempts'])
    .executeTakeFirst();
}

export async function deleteSignInChallenge(tx: Tx, id: number) {
  await tx.db.deleteFrom('sign_in_challenges').where('id', '=', id).execute();
}

export async function setWorkspaceTwoFactorRequired(tx: Tx, workspaceId: number, required: boolean) {
  await tx.db
    .updateTable('workspaces')
    .set({ require_two_factor: required ? 1 : 0 })
    .where('id', '=', workspaceId)
    .execute();
}

export async function workspaceRequiresTwoFactor(tx: Tx, workspaceId: number): Promise<boolean> {
  const r = await tx.db
    .selectFrom('workspaces')
    .select('require_two_factor')
    .where('id', '=', workspaceId)
    .executeTakeFirst();
  return Number(r?.require_two_factor ?? 0) === 1;
}

/** People whose TOTP secrets are still stored as written before sealing (neither starts with `prefix`). */
export async function listUnsealedTotpSecrets(tx: Tx, prefix: string) {
  return tx.db
    .selectFrom('users')
    .select(['id', 'totp_secret', 'totp_pending_secret'])
    .where((eb) =>
      eb.or([
        eb.and([eb('totp_secret', 'is not', null), eb('totp_secret', 'not like', `${prefix}%`)]),
        eb.and([
          eb('totp_pending_secret', 'is not', null),
          eb('totp_pending_secret', 'not like', `${prefix}%`),
        ]),
      ]),
    )
    .execute();
}

/**
 * Replaces one stored secret by its sealed form, only if it still holds `was`: a person who
 * enrolled again meanwhile keeps the newer secret.
 */
export async function replaceTotpSecret(
  tx: Tx,
  userId: number,
  column: 'totp_secret' | 'totp_pending_secret',
  was: string,
  sealed: string,
) {
  await tx.db
    .updateTable('users')
    .set({ [column]: sealed })
    .where('id', '=', userId)
    .where(column, '=', was)
    .execute();
}
