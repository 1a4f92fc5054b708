import { DEFAULT_SESSION_POLICY, type SessionPolicy } from '@closeloop/core/accounts/session-expiry';
import { Invalid, Unauthenticated } from '@closeloop/shared/errors';
import type { Role } from '@closeloop/shared/issue-fields';
import type { SecretBox } from '../accounts/secret-box.ts';
import { hashSecret } from '../accounts/secret-token.ts';
import type { Store } from '../store/db.ts';
import { inTransaction } from '../store/transaction.ts';
import { attemptSignInChallenge, deleteSignInChallenge } from '../store/two-factor-store.ts';
import { findUserById } from '../store/users-store.ts';
import { firstMembershipOf } from '../store/workspaces-store.ts';
import { startSession } from './accounts.ts';
import type { Actor } from './actor.ts';
import { audit } from './audit.ts';
import { passSecondFactor } from './two-factor.ts';

/** Wrong codes one challenge takes before it is spent: the password must be given again (and is throttled). */
const MAX_ATTEMPTS = 5;

/**
 * The second step of signing in: the challenge the password step gave, and a code from the
 * authenticator app or one recovery code. A session starts only here.
 */
export async function completeTwoFactorSignIn(
  store: Store,
  box: SecretBox,
  input: { challenge: string; code: string },
  context: { ip?: string | undefined; session?: SessionPolicy } = {},
): Promise<{ sessionToken: string; actor: Actor }> {
  const now = Date.now();
  const outcome = await inTransaction(store, async (tx) => {
    const c = await attemptSignInChallenge(tx, hashSecret(input.challenge), now);
    if (!c || Number(c.attempts) > MAX_ATTEMPTS) {
      if (c) await deleteSignInChallenge(tx, c.id);
      return { kind: 'expired' as const };
    }
    const user = await findUserById(tx, c.user_id);
    const membership = user ? await firstMembershipOf(tx, c.user_id) : undefined;
    if (!user || !membership) return { kind: 'expired' as const };
    const factor = await passSecondFactor(tx, box, c.user_id, input.code, now);
    if (!factor) return { kind: 'wrong' as const, user, membership };
    await deleteSignInChallenge(tx, c.id);
    const sessionToken = await startSession(
      tx,
      user.id,
      membership.workspace_id,
      context.session ?? DEFAULT_SESSION_POLICY,
    );
    await audit(tx, {
      workspaceId: membership.workspace_id,
      actorId: user.id,
      action: 'auth.sign_in',
      target: user.email,
      details: { secondFactor: factor },
      ip: context.ip,
    });
    const actor: Actor = {
      userId: user.id,
      workspaceId: membership.workspace_id,
      role: membership.role as Role,
    };
    return { kind: 'ok' as const, sessionToken, actor };
  });
  // Like a used reset link: the request is no longer valid (400), whoever sends it.
  if (outcome.kind === 'expired')
    throw new Invalid('This sign-in has expired: enter your password again', { field: 'challenge' });
  if (outcome.kind === 'wrong') {
    // Logged after the transaction so the counted attempt stays counted.
    await audit(store, {
      workspaceId: outcome.membership.workspace_id,
      actorId: null,
      action: 'auth.sign_in_failed',
      target: outcome.user.email,
      details: { secondFactor: true },
      ip: context.ip,
    });
    throw new Unauthenticated('Wrong code');
  }
  return { sessionToken: outcome.sessionToken, actor: outcome.actor };
}
