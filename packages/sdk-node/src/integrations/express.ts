import type { Client } from '../client.ts';
import { type IncomingLike, requestData } from '../request-data.ts';
import { Scope, scopeStorage } from '../scope.ts';
import type { User } from '../types.ts';
import { errorStatus } from './http-status.ts';

/** The parts of Express's req/res the helpers use; Express itself is not a dependency. */
export interface ExpressRequestLike extends IncomingLike {
  baseUrl?: string;
  route?: { path?: unknown };
  user?: unknown;
}
export interface ExpressResponseLike {
  statusCode?: number;
  headersSent?: boolean;
}
type Next = (err?: unknown) => void;

export interface ExpressHelperOptions {
  /** The user of a request, asked at capture time; by default `req.user` when it has an id, email or username. */
  user?: (req: ExpressRequestLike) => User | undefined;
}

const kScope = Symbol('closeloop.scope');
type WithScope = ExpressRequestLike & { [kScope]?: Scope };

/** First middleware: `app.use(expressRequestHandler(client))`. Runs the rest of the request in its own scope. */
export function expressRequestHandler(client: Client, opts: ExpressHelperOptions = {}) {
  return (req: ExpressRequestLike, _res: ExpressResponseLike, next: Next): void => {
    let scope: Scope;
    try {
      scope = scopeFor(client, req, opts);
    } catch {
      next();
      return;
    }
    scopeStorage.run(scope, () => next());
  };
}

/**
 * Error middleware, after your routes and before your own error handlers:
 * `app.use(expressErrorHandler(client))`. Captures errors that will be answered with 5xx and
 * passes every error on unchanged.
 */
export function expressErrorHandler(client: Client, opts: ExpressHelperOptions = {}) {
  return (err: unknown, req: ExpressRequestLike, res: ExpressResponseLike, next: Next): void => {
    try {
      const status = errorStatus(err, res.statusCode);
      if (status >= 500) {
        const scope = scopeFor(client, req, opts);
        if (scope.request) {
          scope.request.status = status;
          const route = routeOf(req);
          if (route) scope.request.route = route;
        }
        scopeStorage.run(scope, () =>
          client.captureException(err, {}, { mechanism: { type: 'express', handled: false } }),
        );
      }
    } catch {
      // never in the way of the app's own error handling
    }
    next(err);
  };
}

function scopeFor(client: Client, req: WithScope, opts: ExpressHelperOptions): Scope {
  const existing = req[kScope];
  if (existing) return existing;
  const scope = new Scope(client.globalScope.maxBreadcrumbs, client.globalScope);
  scope.request = requestData(req);
  scope.userFrom = () => (opts.user ? opts.user(req) : defaultUser(req.user));
  req[kScope] = scope;
  return scope;
}

/** `/users/:id` once Express matched a route (`req.baseUrl` + `req.route.path`). */
function routeOf(req: ExpressRequestLike): string | undefined {
  const path = req.route?.path;
  return typeof path === 'string' ? `${req.baseUrl ?? ''}${path}` : undefined;
}

function defaultUser(u: unknown): User | undefined {
  if (typeof u !== 'object' || u === null) return undefined;
  const r = u as Record<string, unknown>;
  const user: User = {};
  if (r.id !== undefined && r.id !== null) user.id = String(r.id);
  if (typeof r.email === 'string') user.email = r.email;
  if (typeof r.username === 'string') user.username = r.username;
  return Object.keys(user).length > 0 ? user : undefined;
}
