import { type SessionPolicy, sessionAlive, sessionEndsAt } from '@closeloop/core/accounts/session-expiry';
import { NotFound } from '@closeloop/shared/errors';
import { hashSecret } from '../accounts/secret-token.ts';
import type { Store } from '../store/db.ts';
import { deleteOtherSessions, deleteOwnSession, listLiveSessions } from '../store/sessions-store.ts';
import type { Actor } from './actor.ts';
import { audit } from './audit.ts';

/**
 * A person's own sessions: listed (the one making the request marked current), revoked one by one,
 * or all but the current one ("sign out everywhere else"). `currentToken` is the session cookie of
 * the request, when it has one (an API token caller has no current session). A session's
 * `expiresAt` is when it ends unless used again (idle) or for good (absolute), whichever is first.
 */
export async function listMySessions(
  store: Store,
  actor: Actor,
  currentToken: string | undefined,
  policy: SessionPolicy,
) {
  const current = currentToken ? hashSecret(currentToken) : null;
  const now = Date.now();
  const rows = await listLiveSessions(store, actor.userId, now);
  return rows
    .map((r) => ({ r, times: { expiresAt: Number(r.expires_at), lastSeenAt: Number(r.last_seen_at) } }))
    .filter(({ times }) => sessionAlive(times, now, policy))
    .map(({ r, times }) => ({
      id: r.id,
      createdAt: new Date(Number(r.created_at)).toISOString(),
      lastSeenAt: new Date(times.lastSeenAt).toISOString(),
      expiresAt: new Date(sessionEndsAt(times, policy)).toISOString(),
      current: r.token_hash === current,
    }));
}

export async function revokeMySession(store: Store, actor: Actor, id: number) {
  if (!(await deleteOwnSession(store, actor.userId, id))) throw new NotFound('Session');
  await audit(store, {
    workspaceId: actor.workspaceId,
    actorId: actor.userId,
    action: 'session.revoked',
    target: null,
  });
}

export async function revokeMyOtherSessions(store: Store, actor: Actor, currentToken: string | undefined) {
  const count = await deleteOtherSessions(
    store,
    actor.userId,
    currentToken ? hashSecret(currentToken) : null,
  );
  await audit(store, {
    workspaceId: actor.workspaceId,
    actorId: actor.userId,
    action: 'session.revoked_others',
    target: null,
    details: { count },
  });
  return { revoked: count };
}
