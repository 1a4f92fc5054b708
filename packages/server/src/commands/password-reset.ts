import { DEFAULT_SESSION_POLICY, type SessionPolicy } from '@closeloop/core/accounts/session-expiry';
import { passwordSignInAllowed } from '@closeloop/core/sso/sso-only';
import { Invalid } from '@closeloop/shared/errors';
import type { Role } from '@closeloop/shared/issue-fields';
import { assertAcceptablePassword } from '../accounts/common-passwords.ts';
import { hashPassword } from '../accounts/password.ts';
import { hashSecret, newSecret } from '../accounts/secret-token.ts';
import { passwordResetLink, renderPasswordResetMail } from '../mail/password-reset-mail.ts';
import { revokeAllApiTokensOf } from '../store/credentials-store.ts';
import type { Store } from '../store/db.ts';
import { enqueueJob } from '../store/jobs-store.ts';
import { enqueueMails } from '../store/mail-outbox-store.ts';
import {
  consumePasswordReset,
  countPasswordResetsSince,
  insertPasswordReset,
  retirePasswordResets,
} from '../store/password-resets-store.ts';
import { deleteOtherSessions } from '../store/sessions-store.ts';
import { workspaceRequiresSso } from '../store/sso-store.ts';
import { inTransaction } from '../store/transaction.ts';
import { findTwoFactor } from '../store/two-factor-store.ts';
import { findUserByEmail, findUserById, updatePasswordHash } from '../store/users-store.ts';
import { firstMembershipOf } from '../store/workspaces-store.ts';
import { startSession } from './accounts.ts';
import type { Actor } from './actor.ts';
import { audit } from './audit.ts';

export const RESET_TTL_MS = 30 * 60_000;
/** Reset mails per account and hour: enough for a lost mail, too few to flood someone's inbox. */
export const RESETS_PER_HOUR = 3;

export const PASSWORD_RESET_JOB = 'auth.password_reset';

/**
 * "Forgot password?": the request only enqueues a job, for any address, so the answer and the work
 * done while answering are the same whether the address has an account (no account oracle, not
 * even by timing). The job (`sendPasswordReset`) finds the account and mails it.
 */
export async function requestPasswordReset(
  store: Store,
  input: { email: string },
  context: { ip?: string | undefined } = {},
): Promise<void> {
  await enqueueJob(store, {
    kind: PASSWORD_RESET_JOB,
    payload: { email: input.email.toLowerCase(), ip: context.ip ?? null },
    // One address's requests run one after another, so the hourly cap cannot be raced past.
    orderingKey: `password-reset:${input.email.toLowerCase()}`,
  });
}

/**
 * The job behind a reset request: unknown addresses, accounts without a workspace and accounts
 * over their hourly cap get nothing; otherwise a single-use token is stored as a hash and mailed
 * through the outbox.
 */
export async function sendPasswordReset(
  store: Store,
  publicUrl: string,
  p: { email: string; ip: string | null },
): Promise<void> {
  const user = await findUserByEmail(store, p.email);
  if (!user) return;
  const membership = await firstMembershipOf(store, user.id);
  if (!membership) return;
  const now = Date.now();
  await inTransaction(store, async (tx) => {
    if ((await countPasswordResetsSince(tx, user.id, now - 3_600_000)) >= RESETS_PER_HOUR) return;
    const token = newSecret('clr');
    await insertPasswordReset(tx, {
      userId: user.id,
      tokenHash: hashSecret(token),
      now,
      expiresAt: now + RESET_TTL_MS,
    });
    const mail = renderPasswordResetMail(passwordResetLink(publicUrl, token), RESET_TTL_MS / 60_000);
    await enqueueMails(tx, [
      { workspaceId: membership.workspace_id, userId: user.id, to: user.email, ...mail },
    ]);
    await audit(tx, {
      workspaceId: membership.workspace_id,
      actorId: null,
      action: 'auth.password_reset_requested',
      target: user.email,
      ip: p.ip,
    });
  });
}

/**
 * Sets a new password with a mailed token: the token works once and for RESET_TTL_MS; every
 * session of the account ends (whoever else was signed in is out), every API token of the person
 * is revoked, and a fresh session starts here, unless two-factor sign-in is on (then the person
 * signs in with the new password and a code).
 */
export async function completePasswordReset(
  store: Store,
  input: { token: string; password: string },
  context: { ip?: string | undefined; session?: SessionPolicy } = {},
): Promise<{ sessionToken: string | null; actor: Actor }> {
  const passwordHash = await hashPassword(input.password);
  return inTransaction(store, async (tx) => {
    const now = Date.now();
    const reset = await consumePasswordReset(tx, hashSecret(input.token), now);
    if (!reset) {
      throw new Invalid('This reset link is not valid any more: ask for a new one', { field: 'token' });
    }
    const user = await findUserById(tx, reset.user_id);
    const membership = user ? await firstMembershipOf(tx, reset.user_id) : undefined;
    if (!user || !membership)
      throw new Invalid('This account belongs to no workspace any more', { field: 'token' });
    // A refused password rolls the transaction back: the token stays usable for a better one.
    assertAcceptablePassword(input.password, user.email);
    await updatePasswordHash(tx, user.id, passwordHash);
    await retirePasswordResets(tx, user.id, now);
    const signedOut = await deleteOtherSessions(tx, user.id, null);
    // Whoever knew the old password may have minted tokens with it; they end with it.
    const tokensRevoked = await revokeAllApiTokensOf(tx, user.id, now);
    // A mailbox is one factor: with two-factor sign-in on, the new password still needs a code.
    const twoFactorOn = (await findTwoFactor(tx, user.id))?.totp_secret != null;
    // Under "SSO only" the password is set, but signing in stays with the provider (owners excepted).
    const ssoOnly = !passwordSignInAllowed(
      membership.role as Role,
      await workspaceRequiresSso(tx, membership.workspace_id),
    );
    const sessionToken =
      twoFactorOn || ssoOnly
        ? null
        : await startSession(tx, user.id, membership.workspace_id, context.session ?? DEFAULT_SESSION_POLICY);
    await audit(tx, {
      workspaceId: membership.workspace_id,
      actorId: user.id,
      action: 'auth.password_reset',
      target: user.email,
      details: { sessionsEnded: signedOut, tokensRevoked },
      ip: context.ip,
    });
    return {
      sessionToken,
      actor: { userId: user.id, workspaceId: membership.workspace_id, role: membership.role as Role },
    };
  });
}
