import { Forbidden } from '@closeloop/shared/errors';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { SESSION_COOKIE } from './authenticate.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function originOf(req: FastifyRequest): string | undefined {
  const origin = req.headers.origin;
  if (origin && origin !== 'null') return origin;
  if (origin === 'null') return 'null';
  const referer = req.headers.referer;
  if (!referer) return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return 'null';
  }
}

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

/**
 * Defence in depth against cross-site request forgery: a write authenticated by the session
 * cookie must come from our own origin (the Host it was sent to, or PUBLIC_URL). Browsers send
 * Origin on every cross-origin POST/PATCH/DELETE; a page elsewhere cannot forge it. Requests with
 * a Bearer token carry no ambient credentials and are not checked; nor are those without Origin
 * and Referer (not a browser).
 */
export function installSameOriginWrites(app: FastifyInstance, publicUrl: string): void {
  const publicHost = hostOf(publicUrl);
  app.addHook('onRequest', async (req) => {
    if (SAFE_METHODS.has(req.method) || !req.url.startsWith('/api/v1/')) return;
    if (req.headers.authorization || !req.cookies[SESSION_COOKIE]) return;
    const origin = originOf(req);
    if (origin === undefined) return;
    const host = hostOf(origin);
    if (host !== null && (host === req.headers.host || host === publicHost)) return;
    throw new Forbidden('A write with the session cookie must come from this site', { origin });
  });
}
