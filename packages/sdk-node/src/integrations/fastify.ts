import type { FastifyPluginCallback, FastifyRequest } from 'fastify';
import type { Client } from '../client.ts';
import { requestData } from '../request-data.ts';
import { Scope, scopeStorage } from '../scope.ts';
import type { User } from '../types.ts';
import { errorStatus } from './http-status.ts';

export interface FastifyHelperOptions {
  client: Client;
  /** The user of a request, asked when an event is captured (after your auth hooks ran). */
  user?: (request: FastifyRequest) => User | undefined;
}

const kScope = Symbol('closeloop.scope');
type WithScope = FastifyRequest & { [kScope]?: Scope };

/**
 * `app.register(closeloopFastify, { client })`. Each request runs in its own scope (method,
 * URL, route, headers without credentials, user), so every event captured while handling it
 * carries that context; errors answered with 5xx are captured.
 */
export const closeloopFastify: FastifyPluginCallback<FastifyHelperOptions> = (fastify, opts, done) => {
  const { client, user } = opts;
  fastify.addHook('onRequest', (request, _reply, next) => {
    let scope: Scope;
    try {
      scope = new Scope(client.globalScope.maxBreadcrumbs, client.globalScope);
      scope.request = requestData(request.raw, request.routeOptions?.url);
      if (user) scope.userFrom = () => user(request);
      (request as WithScope)[kScope] = scope;
    } catch {
      next();
      return;
    }
    // Everything after `next()` — later hooks, the handler and their continuations — runs in the scope.
    scopeStorage.run(scope, next);
  });
  fastify.addHook('onError', (request, reply, error, next) => {
    try {
      const status = errorStatus(error, reply.statusCode);
      if (status >= 500) {
        const scope = (request as WithScope)[kScope];
        const capture = () =>
          client.captureException(error, {}, { mechanism: { type: 'fastify', handled: false } });
        if (scope?.request) {
          scope.request.status = status;
          scopeStorage.run(scope, capture);
        } else capture();
      }
    } catch {
      // never in the way of the app's own error handling
    }
    next();
  });
  done();
};

// What fastify-plugin does: hooks apply to the whole app, not only to an encapsulated child.
Object.assign(closeloopFastify, {
  [Symbol.for('skip-override')]: true,
  [Symbol.for('fastify.display-name')]: 'closeloop',
});
