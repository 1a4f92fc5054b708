import {
  DEFAULT_SESSION_POLICY,
  SESSION_TOUCH_GAP_MS,
  type SessionPolicy,
  sessionAlive,
  sessionNeedsTouch,
} from '@closeloop/core/accounts/session-expiry';
import { afterFailure, lockedFor } from '@closeloop/core/limits/login-throttle';
import { assertCan, assertCanGrantRole } from '@closeloop/core/permissions/permissions';
import { passwordSignInAllowed } from '@closeloop/core/sso/sso-only';
import {
  Conflict,
  Forbidden,
  Invalid,
  NotFound,
  RateLimited,
  Unauthenticated,
} from '@closeloop/shared/errors';
import type { Role } from '@closeloop/shared/issue-fields';
import { assertAcceptablePassword } from '../accounts/common-passwords.ts';
import { hashPassword, verifyPassword } from '../accounts/password.ts';
import { hashSecret, newSecret } from '../accounts/secret-token.ts';
import * as creds from '../store/credentials-store.ts';
import type { Store } from '../store/db.ts';
import { clearLoginThrottle, findLoginThrottle, saveLoginThrottle } from '../store/login-throttle-store.ts';
import { workspaceRequiresSso } from '../store/sso-store.ts';
import { inTransaction, isUniqueViolation } from '../store/transaction.ts';
import { insertSignInChallenge } from '../store/two-factor-store.ts';
import { countUsers, findUserByEmail, findUserById, insertUser } from '../store/users-store.ts';
import {
  findMembership,
  findWorkspace,
  firstMembershipOf,
  insertMembership,
  insertWorkspace,
  slugTaken,
} from '../store/workspaces-store.ts';
import type { Actor, SessionActor } from './actor.ts';
import { audit } from './audit.ts';

const INVITATION_TTL_MS = 14 * 24 * 3600 * 1000;

function slugify(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 40) || 'workspace'
  );
}

async function uniqueSlug(store: Pick<Store, 'db' | 'dialect'>, name: string): Promise<string> {
  const base = slugify(name);
  for (let i = 0; ; i++) {
    const slug = i === 0 ? base : `${base}-${i + 1}`;
    if (!(await slugTaken(store, slug))) return slug;
  }
}

/**
 * The first sign-up on a server creates the workspace and its owner; after that, people join only
 * with an invitation (which fixes their workspace and role).
 */
export async function signUp(
  store: Store,
  input: {
    email: string;
    password: string;
    name: string;
    workspaceName?: string | undefined;
    invitationToken?: string | undefined;
  },
  session: SessionPolicy = DEFAULT_SESSION_POLICY,
): Promise<{ sessionToken: string; actor: Actor }> {
  assertAcceptablePassword(input.password, input.email);
  const passwordHash = await hashPassword(input.password);
  return inTransaction(store, async (tx) => {
    let workspaceId: number;
    let role: Role;
    let invitationId: number | null = null;
    if (input.invitationToken) {
      const inv = await creds.findInvitationByHash(tx, hashSecret(input.invitationToken));
      if (!inv || inv.accepted_at !== null || inv.expires_at < Date.now()) {
        throw new Invalid('This invitation is not valid any more', { field: 'invitationToken' });
      }
      if (inv.email !== input.email) {
        throw new Invalid('This invitation was sent to another email address', { field: 'email' });
      }
      workspaceId = inv.workspace_id;
      role = inv.role as Role;
      // Under "SSO only" the invitation is accepted by signing in through the provider.
      await assertPasswordSignInAllowed(tx, workspaceId, role);
      invitationId = inv.id;
    } else {
      if ((await countUsers(tx)) > 0) {
        throw new Invalid('Sign-up needs an invitation: ask an admin of your workspace to invite you', {
          field: 'invitationToken',
        });
      }
      const ws = await insertWorkspace(tx, {
        name: input.workspaceName ?? `${input.name}'s workspace`,
        slug: await uniqueSlug(tx, input.workspaceName ?? input.name),
      });
      workspaceId = ws.id;
      role = 'owner';
    }
    let user: { id: number };
    try {
      user = await insertUser(tx, { email: input.email, name: input.name, passwordHash });
    } catch (err) {
      if (isUniqueViolation(err))
        throw new Conflict('An account with this email exists; sign in instead', { field: 'email' });
      throw err;
    }
    await insertMembership(tx, { workspaceId, userId: user.id, role });
    if (invitationId !== null) await creds.markInvitationAccepted(tx, invitationId);
    await audit(tx, {
      workspaceId,
      actorId: user.id,
      action: 'auth.sign_up',
      target: input.email,
      details: { role },
    });
    const sessionToken = await startSession(tx, user.id, workspaceId, session);
    return { sessionToken, actor: { userId: user.id, workspaceId, role } };
  });
}

export async function startSession(
  tx: Pick<Store, 'db' | 'dialect'>,
  userId: number,
  workspaceId: number,
  policy: SessionPolicy,
  signedInWith: 'password' | 'sso' = 'password',
): Promise<string> {
  const token = newSecret('cls');
  const now = Date.now();
  await creds.insertSession(tx, {
    tokenHash: hashSecret(token),
    userId,
    workspaceId,
    now,
    expiresAt: now + policy.absoluteMs,
    signedInWith,
  });
  return token;
}

/** How long the second step of a sign-in may take after the password. */
export const SIGN_IN_CHALLENGE_TTL_MS = 5 * 60_000;

/**
 * Signs in with email and password: a session, or, for a person with two-factor sign-in on, a
 * challenge to answer with a code (POST /auth/login/two-factor) before any session exists.
 */
export async function logIn(
  store: Store,
  input: { email: string; password: string },
  context: { ip?: string | undefined; session?: SessionPolicy } = {},
): Promise<{ sessionToken: string; actor: Actor } | { challenge: string }> {
  const email = input.email.toLowerCase();
  const throttle = await findLoginThrottle(store, email);
  const wait = lockedFor(throttle, Date.now());
  if (wait > 0) {
    await auditForEmail(store, email, 'auth.account_locked', context.ip);
    const minutes = Math.ceil(wait / 60_000);
    throw new RateLimited(
      `Too many wrong passwords for this account: sign-in is locked for ${minutes} more minute${minutes === 1 ? '' : 's'}`,
      Math.ceil(wait / 1000),
      { reason: 'account_locked' },
    );
  }
  const user = await findUserByEmail(store, input.email);
  // Hash even when the user is unknown so timing does not reveal which emails have accounts.
  let ok = false;
  if (user) ok = await verifyPassword(input.password, user.password_hash);
  else await hashPassword(input.password);
  if (!user || !ok) {
    // Counted per address, known or not, so a lock reveals nothing about which accounts exist.
    await saveLoginThrottle(store, email, afterFailure(throttle, Date.now()));
    if (user) await auditForEmail(store, email, 'auth.sign_in_failed', context.ip);
    throw new Unauthenticated('Wrong email or password');
  }
  if (throttle) await clearLoginThrottle(store, email);
  const membership = await firstMembershipOf(store, user.id);
  if (!membership) throw new Unauthenticated('This account belongs to no workspace any more');
  await assertPasswordSignInAllowed(store, membership.workspace_id, membership.role as Role);
  if (user.totp_secret !== null) {
    // The password was right; the session starts only after the code (two-factor-sign-in.ts).
    const challenge = newSecret('clc');
    await insertSignInChallenge(store, {
      tokenHash: hashSecret(challenge),
      userId: user.id,
      expiresAt: Date.now() + SIGN_IN_CHALLENGE_TTL_MS,
    });
    return { challenge };
  }
  const sessionToken = await startSession(
    store,
    user.id,
    membership.workspace_id,
    context.session ?? DEFAULT_SESSION_POLICY,
  );
  await audit(store, {
    workspaceId: membership.workspace_id,
    actorId: user.id,
    action: 'auth.sign_in',
    target: user.email,
    ip: context.ip,
  });
  const actor: Actor = {
    userId: user.id,
    workspaceId: membership.workspace_id,
    role: membership.role as Role,
  };
  return { sessionToken, actor };
}

/** Refuses a password sign-in (or a session from a password) where the workspace requires single sign-on. */
export async function assertPasswordSignInAllowed(
  tx: Pick<Store, 'db' | 'dialect'>,
  workspaceId: number,
  role: Role,
) {
  if (!passwordSignInAllowed(role, await workspaceRequiresSso(tx, workspaceId)))
    throw new Forbidden('Your workspace signs in through single sign-on: use "Sign in with SSO"', {
      reason: 'sso_required',
    });
}

/** Failed or locked sign-ins of an existing account are logged in its workspace; unknown emails are not. */
async function auditForEmail(
  store: Store,
  email: string,
  action: 'auth.sign_in_failed' | 'auth.account_locked',
  ip: string | undefined,
) {
  const user = await findUserByEmail(store, email);
  const membership = user ? await firstMembershipOf(store, user.id) : undefined;
  if (!user || !membership) return;
  await audit(store, { workspaceId: membership.workspace_id, actorId: null, action, target: email, ip });
}

export async function logOut(store: Store, sessionToken: string) {
  await creds.deleteSession(store, hashSecret(sessionToken));
}

/**
 * The session's person, or null once it has ended (idle or absolute, core/accounts/session-expiry).
 * A use moves the idle clock at most once a minute, so reads stay reads between those writes.
 */
export async function actorFromSession(
  store: Store,
  token: string,
  policy: SessionPolicy,
): Promise<SessionActor | null> {
  const now = Date.now();
  const p = await creds.findSessionPrincipal(store, hashSecret(token), now);
  if (!p) return null;
  const lastSeenAt = Number(p.last_seen_at);
  if (!sessionAlive({ expiresAt: Number(p.expires_at), lastSeenAt }, now, policy)) return null;
  if (sessionNeedsTouch(lastSeenAt, now)) await creds.touchSession(store, p.id, now, SESSION_TOUCH_GAP_MS);
  const actor: SessionActor = { userId: p.user_id, workspaceId: p.workspace_id, role: p.role as Role };
  // Someone who came through the workspace's identity provider was signed in by it; no code is asked too.
  if (Number(p.require_two_factor) === 1 && p.totp_secret === null && p.signed_in_with !== 'sso')
    actor.mustEnrolTwoFactor = true;
  return actor;
}

export async function me(store: Store, actor: Actor | SessionActor) {
  const [user, workspace] = await Promise.all([
    findUserById(store, actor.userId),
    findWorkspace(store, actor.workspaceId),
  ]);
  if (!user || !workspace) throw new NotFound('Account');
  return {
    user,
    workspace,
    role: actor.role,
    mustEnrolTwoFactor: 'mustEnrolTwoFactor' in actor && actor.mustEnrolTwoFactor === true,
  };
}

export async function createInvitation(store: Store, actor: Actor, input: { email: string; role: Role }) {
  assertCan(actor.role, 'member.invite');
  assertCanGrantRole(actor.role, input.role);
  const existing = await findUserByEmail(store, input.email);
  if (existing && (await findMembership(store, actor.workspaceId, existing.id))) {
    throw new Conflict('This person is already a member', { field: 'email' });
  }
  const token = newSecret('cli');
  const row = await creds.insertInvitation(store, {
    workspaceId: actor.workspaceId,
    email: input.email,
    role: input.role,
    tokenHash: hashSecret(token),
    invitedBy: actor.userId,
    expiresAt: Date.now() + INVITATION_TTL_MS,
  });
  await audit(store, {
    workspaceId: actor.workspaceId,
    actorId: actor.userId,
    action: 'invitation.created',
    target: input.email,
    details: { role: input.role },
  });
  return { row, token };
}

export async function listInvitations(store: Store, actor: Actor) {
  assertCan(actor.role, 'member.invite');
  return creds.listInvitations(store, actor.workspaceId);
}

/** Revoking a pending invitation makes its link useless; an accepted one is a membership now. */
export async function revokeInvitation(store: Store, actor: Actor, id: number) {
  assertCan(actor.role, 'member.invite');
  const row = await creds.deletePendingInvitation(store, actor.workspaceId, id);
  if (!row) throw new NotFound('Pending invitation');
  await audit(store, {
    workspaceId: actor.workspaceId,
    actorId: actor.userId,
    action: 'invitation.revoked',
    target: row.email,
    details: { role: row.role },
  });
  return row;
}
