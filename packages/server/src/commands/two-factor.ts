import { assertCan } from '@closeloop/core/permissions/permissions';
import { Conflict, Invalid, NotFound } from '@closeloop/shared/errors';
import type { SecretBox } from '../accounts/secret-box.ts';
import { hashSecret } from '../accounts/secret-token.ts';
import {
  matchTotp,
  newRecoveryCodes,
  newTotpSecret,
  normaliseRecoveryCode,
  otpauthUri,
} from '../accounts/totp.ts';
import type { Store } from '../store/db.ts';
import type { Tx } from '../store/transaction.ts';
import { inTransaction } from '../store/transaction.ts';
import * as tf from '../store/two-factor-store.ts';
import type { Actor } from './actor.ts';
import { audit } from './audit.ts';

/**
 * Two-factor sign-in with TOTP (RFC 6238) and one-time recovery codes: enrol (a secret shown once
 * as an otpauth URI, confirmed with a code), turn off (with a code), and a workspace switch that
 * requires it of everyone. The sign-in step itself is commands/two-factor-sign-in.ts.
 */

const hashRecovery = (code: string) => hashSecret(`recovery:${normaliseRecoveryCode(code)}`);

/** The sealing context of a person's TOTP secrets (pending and confirmed share it: confirming moves the sealed value). */
export const totpContext = (userId: number) => `totp:${userId}`;

export async function twoFactorStatus(store: Store, actor: Actor) {
  const u = await tf.findTwoFactor(store, actor.userId);
  if (!u) throw new NotFound('Account');
  return {
    enabled: u.totp_secret !== null,
    recoveryCodesLeft: u.totp_secret === null ? 0 : await tf.countUnusedRecoveryCodes(store, actor.userId),
    required: await tf.workspaceRequiresTwoFactor(store, actor.workspaceId),
  };
}

/** A new secret to put into an authenticator app; it counts only once a code confirms it. */
export async function beginTwoFactor(store: Store, box: SecretBox, actor: Actor) {
  const u = await tf.findTwoFactor(store, actor.userId);
  if (!u) throw new NotFound('Account');
  if (u.totp_secret !== null) throw new Conflict('Two-factor sign-in is on already: turn it off first');
  const secret = newTotpSecret();
  await tf.setPendingTotpSecret(store, actor.userId, box.seal(secret, totpContext(actor.userId)));
  return { secret, otpauthUri: otpauthUri('Closeloop', u.email, secret) };
}

/** The code from the app proves it holds the secret: two-factor is on; ten recovery codes, shown once. */
export async function confirmTwoFactor(store: Store, box: SecretBox, actor: Actor, code: string) {
  return inTransaction(store, async (tx) => {
    const u = await tf.findTwoFactor(tx, actor.userId);
    if (!u?.totp_pending_secret) throw new Invalid('Start the set-up first', { field: 'code' });
    const pending = box.open(u.totp_pending_secret, totpContext(actor.userId));
    const step = matchTotp(pending, code, Date.now(), null);
    if (step === null) throw new Invalid('That code is not the one your app shows now', { field: 'code' });
    await tf.confirmTotpSecret(tx, actor.userId, u.totp_pending_secret, step);
    const recoveryCodes = newRecoveryCodes();
    await tf.replaceRecoveryCodes(tx, actor.userId, recoveryCodes.map(hashRecovery));
    await audit(tx, {
      workspaceId: actor.workspaceId,
      actorId: actor.userId,
      action: 'auth.two_factor_enabled',
      target: u.email,
    });
    return { recoveryCodes };
  });
}

/**
 * Checks a second factor of a person with two-factor on: a TOTP code not used before, or an
 * unused recovery code (spent by this). Which one passed, or null.
 */
export async function passSecondFactor(
  tx: Tx,
  box: SecretBox,
  userId: number,
  code: string,
  now: number,
): Promise<'totp' | 'recovery' | null> {
  const u = await tf.findTwoFactor(tx, userId);
  if (!u?.totp_secret) return null;
  const step = matchTotp(
    box.open(u.totp_secret, totpContext(userId)),
    code,
    now,
    u.totp_last_step === null ? null : Number(u.totp_last_step),
  );
  if (step !== null) return (await tf.useTotpStep(tx, userId, step)) ? 'totp' : null;
  if (/^[a-z2-7]{5}-?[a-z2-7]{5}$/i.test(code.trim()))
    return (await tf.useRecoveryCode(tx, userId, hashRecovery(code), now)) ? 'recovery' : null;
  return null;
}

export async function disableTwoFactor(store: Store, box: SecretBox, actor: Actor, code: string) {
  return inTransaction(store, async (tx) => {
    if (await tf.workspaceRequiresTwoFactor(tx, actor.workspaceId))
      throw new Conflict('Your workspace requires two-factor sign-in');
    if (!(await passSecondFactor(tx, box, actor.userId, code, Date.now())))
      throw new Invalid('That code is not right', { field: 'code' });
    const u = await tf.findTwoFactor(tx, actor.userId);
    await tf.clearTwoFactor(tx, actor.userId);
    await audit(tx, {
      workspaceId: actor.workspaceId,
      actorId: actor.userId,
      action: 'auth.two_factor_disabled',
      target: u?.email ?? null,
    });
  });
}

/** An admin requires two-factor sign-in of everyone; only once they use it themselves (no lock-out). */
export async function setTwoFactorRequired(store: Store, actor: Actor, required: boolean) {
  assertCan(actor.role, 'two-factor.require');
  const me = await tf.findTwoFactor(store, actor.userId);
  if (required && !me?.totp_secret)
    throw new Conflict('Turn on two-factor sign-in for yourself before requiring it of everyone');
  await tf.setWorkspaceTwoFactorRequired(store, actor.workspaceId, required);
  await audit(store, {
    workspaceId: actor.workspaceId,
    actorId: actor.userId,
    action: 'workspace.two_factor_required',
    target: null,
    details: { required },
  });
  return { required };
}
