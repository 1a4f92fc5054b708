import { randomBytes } from 'node:crypto';
import { domainAllowed, emailDomain } from '@closeloop/core/sso/email-domains';
import { type GroupRole, roleFromGroups } from '@closeloop/core/sso/group-roles';
import { Conflict, Forbidden, Invalid, NotFound } from '@closeloop/shared/errors';
import type { Role } from '@closeloop/shared/issue-fields';
import { hashPassword } from '../accounts/password.ts';
import { hashSecret } from '../accounts/secret-token.ts';
import type { Services } from '../services.ts';
import { authorizationUrl, discover, exchangeCode, newPkce } from '../sso/oidc-client.ts';
import { verifyIdToken } from '../sso/verify-id-token.ts';
import { markInvitationAccepted } from '../store/credentials-store.ts';
import type { Store } from '../store/db.ts';
import * as sso from '../store/sso-store.ts';
import { inTransaction, isUniqueViolation, type Tx } from '../store/transaction.ts';
import { findUserByEmail, insertUser } from '../store/users-store.ts';
import { findMembership, insertMembership } from '../store/workspaces-store.ts';
import { startSession } from './accounts.ts';
import type { Actor } from './actor.ts';
import { audit } from './audit.ts';
import { clientSecretContext, ssoRedirectUri } from './sso-settings.ts';

/**
 * Signing in through a workspace's OpenID Connect provider (authorisation code + PKCE S256):
 * start (state, nonce, verifier kept server-side for ten minutes; the state also in a cookie of
 * the browser that started) → the provider → the app's /sso/callback page → complete (code
 * exchanged, id_token signature and claims verified, the person found or let in, a session).
 */
const LOGIN_TTL_MS = 10 * 60_000;

export async function startSsoSignIn(
  svc: Services,
  input: { email?: string | undefined; workspace?: string | undefined; next?: string | undefined },
): Promise<{ url: string; state: string }> {
  const store = svc.store;
  const workspaceId = await chooseWorkspace(store, input);
  const settings = await sso.findSsoSettings(store, workspaceId);
  if (!settings || Number(settings.enabled) !== 1) throw new NotFound('Single sign-on for this workspace');
  const meta = await discover(settings.issuer, svc.config.SSO_ALLOW_LOOPBACK);
  const state = randomBytes(24).toString('base64url');
  const nonce = randomBytes(24).toString('base64url');
  const pkce = newPkce();
  const now = Date.now();
  await sso.deleteExpiredSsoLogins(store, now);
  await sso.insertSsoLogin(store, {
    stateHash: hashSecret(state),
    workspaceId,
    nonce,
    codeVerifier: pkce.verifier,
    nextPath: input.next ?? null,
    expiresAt: now + LOGIN_TTL_MS,
  });
  const url = authorizationUrl(meta, {
    clientId: settings.client_id,
    redirectUri: ssoRedirectUri(svc.config.publicUrl),
    state,
    nonce,
    codeChallenge: pkce.challenge,
    ...(input.email ? { loginHint: input.email } : {}),
  });
  return { url, state };
}

/** The workspace by slug, else the one whose single sign-on admits the email's domain. */
async function chooseWorkspace(
  store: Store,
  input: { email?: string | undefined; workspace?: string | undefined },
) {
  if (input.workspace) {
    const id = await sso.findWorkspaceIdBySlug(store, input.workspace);
    if (id === undefined) throw new NotFound('Single sign-on for this workspace');
    return id;
  }
  const ids = await sso.enabledSsoForDomain(store, emailDomain(input.email ?? ''));
  if (ids.length === 0) throw new NotFound('Single sign-on for this email address');
  if (ids.length > 1)
    throw new Conflict('Several workspaces sign in people of this domain: give your workspace', {
      field: 'workspace',
    });
  return ids[0]!;
}

export async function completeSsoSignIn(
  svc: Services,
  input: { code: string; state: string; browserState: string | undefined },
  context: { ip?: string | undefined },
): Promise<{ sessionToken: string; actor: Actor; next: string | null }> {
  const { store, secrets } = svc;
  const now = Date.now();
  // The state must come back to the browser that asked for it: a link with someone else's code
  // and state (login CSRF) carries no matching cookie.
  if (input.browserState !== input.state)
    throw new Invalid('This sign-in was started in another browser: start again', { reason: 'state' });
  const login = await sso.takeSsoLogin(store, hashSecret(input.state), now);
  if (!login) throw new Invalid('This sign-in has expired or was used: start again', { reason: 'state' });
  const workspaceId = login.workspace_id;
  const settings = await sso.findSsoSettings(store, workspaceId);
  if (!settings || Number(settings.enabled) !== 1) throw new NotFound('Single sign-on for this workspace');
  const meta = await discover(settings.issuer, svc.config.SSO_ALLOW_LOOPBACK);
  const groupRoles = JSON.parse(settings.group_roles) as GroupRole[];
  const tokens = await exchangeCode(meta, {
    clientId: settings.client_id,
    clientSecret: secrets.open(settings.client_secret, clientSecretContext(workspaceId)),
    redirectUri: ssoRedirectUri(svc.config.publicUrl),
    code: input.code,
    codeVerifier: login.code_verifier,
  });
  const refuse = async (reason: string, message: string, email: string | null) => {
    await audit(store, {
      workspaceId,
      actorId: null,
      action: 'auth.sign_in_failed',
      target: email,
      details: { method: 'sso', reason },
      ip: context.ip,
    });
    return message;
  };
  const check = await verifyIdToken(
    tokens.idToken,
    meta,
    { issuer: settings.issuer, clientId: settings.client_id, nonce: login.nonce, now },
    tokens.accessToken,
    groupRoles.length > 0 ? settings.groups_claim : null,
  );
  if (!check.ok)
    throw new Invalid(
      await refuse(check.reason, `The provider's token was refused (${check.reason})`, check.email),
      {
        reason: check.reason,
      },
    );
  const identity = check.identity;
  const outcome = await inTransaction(store, (tx) =>
    personFor(
      tx,
      workspaceId,
      settings.issuer,
      identity,
      {
        allowedDomains: JSON.parse(settings.allowed_domains) as string[],
        groupRole: roleFromGroups(check.groups, groupRoles),
      },
      now,
    ),
  ).catch((err) => {
    // The same newcomer finishing two sign-ins at once: one made the account, the other may retry.
    if (isUniqueViolation(err)) throw new Conflict('You were signing in twice at once: start again');
    throw err;
  });
  if (!outcome.ok)
    throw new Forbidden(await refuse(outcome.reason, outcome.message, identity.email), {
      reason: outcome.reason,
    });
  const { userId, role, provisioned } = outcome;
  const sessionToken = await startSession(store, userId, workspaceId, svc.config.session, 'sso');
  await audit(store, {
    workspaceId,
    actorId: userId,
    action: 'auth.sign_in',
    target: identity.email,
    details: { method: 'sso', issuer: settings.issuer, ...(provisioned ? { joined: provisioned } : {}) },
    ip: context.ip,
  });
  return { sessionToken, actor: { userId, workspaceId, role }, next: login.next_path };
}

type Person =
  | { ok: true; userId: number; role: Role; provisioned: 'domain' | 'invitation' | null }
  | { ok: false; reason: 'email_unverified' | 'domain_not_allowed'; message: string };

/**
 * Who signs in: the person this provider subject was linked to; else the account with the
 * verified email (linked now), joining the workspace through a pending invitation (its role) or an
 * allowed domain (the role the person's groups map to, else member); else a new account on the
 * same terms.
 */
async function personFor(
  tx: Tx,
  workspaceId: number,
  issuer: string,
  identity: { subject: string; email: string | null; emailVerified: boolean; name: string | null },
  admits: { allowedDomains: string[]; groupRole: Role | null },
  now: number,
): Promise<Person> {
  const linked = await sso.findSsoIdentity(tx, workspaceId, issuer, identity.subject);
  if (linked) {
    const m = await findMembership(tx, workspaceId, linked.user_id);
    if (m) return { ok: true, userId: linked.user_id, role: m.role as Role, provisioned: null };
  }
  if (!identity.email || !identity.emailVerified)
    return {
      ok: false,
      reason: 'email_unverified',
      message: 'The identity provider did not confirm your email address',
    };
  const email = identity.email;
  const user = await findUserByEmail(tx, email);
  const membership = user ? await findMembership(tx, workspaceId, user.id) : undefined;
  let role = membership?.role as Role | undefined;
  let provisioned: 'domain' | 'invitation' | null = null;
  if (!role) {
    const invitation = await sso.findPendingInvitation(tx, workspaceId, email, now);
    if (invitation) {
      role = invitation.role as Role;
      provisioned = 'invitation';
      await markInvitationAccepted(tx, invitation.id);
    } else if (domainAllowed(email, admits.allowedDomains)) {
      role = admits.groupRole ?? 'member';
      provisioned = 'domain';
    } else
      return {
        ok: false,
        reason: 'domain_not_allowed',
        message: `People of ${emailDomain(email)} join this workspace only with an invitation`,
      };
  }
  // A new account gets a password nobody knows; "Forgot password?" can set one later.
  const userId =
    user?.id ??
    (
      await insertUser(tx, {
        email,
        name: identity.name ?? email.split('@')[0]!,
        passwordHash: await hashPassword(randomBytes(32).toString('base64url')),
      })
    ).id;
  if (!membership) {
    await insertMembership(tx, { workspaceId, userId, role });
    await audit(tx, {
      workspaceId,
      actorId: userId,
      action: 'auth.sso_joined',
      target: email,
      details: { role, through: provisioned },
    });
  }
  if (!linked) await sso.insertSsoIdentity(tx, { workspaceId, issuer, subject: identity.subject, userId });
  return { ok: true, userId, role, provisioned };
}
