import { NotFound } from '@closeloop/shared/errors';
import { hashSecret } from '../accounts/secret-token.ts';
import type { Store } from '../store/db.ts';
import { deleteOtherSessions, deleteOwnSession, listLiveSessions } from '../store/sessions-store.ts';
import type { Actor } from './actor.ts';
import { audit } from './audit.ts';

/**
 * A person's own sessions: listed (the one making the request marked current), revoked one by one,
 * or all but the current one ("sign out everywhere else"). `currentToken` is the session cookie of
 * the request, when it has one (an API token caller has no current session).
 */
export async function listMySessions(store: Store, actor: Actor, currentToken: string | undefined) {
  const current = currentToken ? hashSecret(currentToken) : null;
  const rows = await listLiveSessions(store, actor.userId, Date.now());
  return rows.map((r) => ({
    id: r.id,
    createdAt: new Date(Number(r.created_at)).toISOString(),
    expiresAt: new Date(Number(r.expires_at)).toISOString(),
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
