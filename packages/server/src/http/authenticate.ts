import { Unauthenticated } from '@closeloop/shared/errors';
import type {} from '@fastify/cookie';
import type { FastifyRequest } from 'fastify';
import { actorFromSession } from '../commands/accounts.ts';
import type { SessionActor } from '../commands/actor.ts';
import { actorFromApiToken, type TokenActor } from '../commands/api-tokens.ts';
import type { Services } from '../services.ts';

export const SESSION_COOKIE = 'cl_session';

/**
 * Resolves who is calling: a personal API token (`Authorization: Bearer clt_…`, with its scope)
 * or the session cookie set at sign-in. Cached on the request so a handler can ask twice.
 */
export async function actorOf(svc: Services, req: FastifyRequest): Promise<SessionActor | TokenActor> {
  const cached = (req as FastifyRequest & { actor?: SessionActor | TokenActor }).actor;
  if (cached) return cached;
  let actor: SessionActor | TokenActor | null = null;
  const auth = req.headers.authorization;
  if (auth) {
    const m = /^Bearer\s+(\S+)$/i.exec(auth);
    if (!m) throw new Unauthenticated('Authorization must be "Bearer <token>"');
    actor = await actorFromApiToken(svc.store, m[1]!);
    if (!actor) throw new Unauthenticated('This API token is unknown or revoked');
  } else {
    const token = req.cookies[SESSION_COOKIE];
    if (token) actor = await actorFromSession(svc.store, token, svc.config.session);
    if (!actor) throw new Unauthenticated();
  }
  (req as FastifyRequest & { actor?: SessionActor | TokenActor }).actor = actor;
  return actor;
}
