import { assertInScope } from '@closeloop/core/permissions/token-scope';
import { Forbidden } from '@closeloop/shared/errors';
import type { FastifyInstance } from 'fastify';
import type { Services } from '../services.ts';
import { actorOf } from './authenticate.ts';
import { routeProject } from './route-project.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The route authenticates its callers itself or lets anyone in (sign-in, ingest keys, signed
     * push hooks). Every other /api route requires a signed-in caller before anything else runs.
     */
    anonymous?: boolean;
  }
}

/**
 * Default deny: an /api route answers 401 to a caller without a valid session or API token in
 * onRequest, before its body is read, parsed or validated, so no work is done for strangers and
 * a route that forgets to authenticate is still closed. An API token's scope (read-only, one
 * project) is enforced here too, once for every route, so no route can forget it. Commands
 * still authorise by role.
 */
export function installSignInFirst(app: FastifyInstance, svc: Services): void {
  app.addHook('onRequest', async (req) => {
    if (req.method === 'OPTIONS' || !req.url.startsWith('/api/')) return;
    const route = req.routeOptions;
    // Unknown paths reach the SPA's catch-all (which answers the JSON 404); the docs are public.
    if (route.url === undefined || route.url === '/*' || route.url.startsWith('/api/docs')) return;
    if (route.config.anonymous) return;
    const actor = await actorOf(svc, req);
    if ('scope' in actor) assertInScope(actor.scope, req.method, routeProject(route.url, req.params));
    if ('mustEnrolTwoFactor' in actor && !route.url.startsWith('/api/v1/me'))
      throw new Forbidden('Your workspace requires two-factor sign-in: turn it on in Settings → Two-factor', {
        reason: 'two_factor_required',
      });
  });
}
