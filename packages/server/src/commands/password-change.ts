import { Invalid } from '@closeloop/shared/errors';
import { assertAcceptablePassword } from '../accounts/common-passwords.ts';
import { hashPassword, verifyPassword } from '../accounts/password.ts';
import { hashSecret } from '../accounts/secret-token.ts';
import type { Store } from '../store/db.ts';
import { retirePasswordResets } from '../store/password-resets-store.ts';
import { deleteOtherSessions } from '../store/sessions-store.ts';
import { inTransaction } from '../store/transaction.ts';
import { findUserById, findUserPasswordHash, updatePasswordHash } from '../store/users-store.ts';
import type { Actor } from './actor.ts';
import { audit } from './audit.ts';

/**
 * A signed-in person changes their password: the current one proves it is them (a stolen session
 * alone cannot lock the owner out); the new one follows the password rules; every other session
 * ends and pending reset links stop working.
 */
export async function changePassword(
  store: Store,
  actor: Actor,
  input: { currentPassword: string; newPassword: string },
  currentToken: string | undefined,
): Promise<{ sessionsEnded: number }> {
  const [user, stored] = await Promise.all([
    findUserById(store, actor.userId),
    findUserPasswordHash(store, actor.userId),
  ]);
  if (!user || !stored || !(await verifyPassword(input.currentPassword, stored))) {
    throw new Invalid('The current password is not right', { field: 'currentPassword' });
  }
  assertAcceptablePassword(input.newPassword, user.email);
  const passwordHash = await hashPassword(input.newPassword);
  return inTransaction(store, async (tx) => {
    await updatePasswordHash(tx, user.id, passwordHash);
    await retirePasswordResets(tx, user.id, Date.now());
    const sessionsEnded = await deleteOtherSessions(
      tx,
      user.id,
      currentToken ? hashSecret(currentToken) : null,
    );
    await audit(tx, {
      workspaceId: actor.workspaceId,
      actorId: actor.userId,
      action: 'auth.password_changed',
      target: user.email,
      details: { sessionsEnded },
    });
    return { sessionsEnded };
  });
}
