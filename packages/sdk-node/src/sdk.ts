import { Client } from './client.ts';
import { installConsoleBreadcrumbs } from './integrations/console-breadcrumbs.ts';
import { installHttpBreadcrumbs } from './integrations/http-breadcrumbs.ts';
import { installShutdownFlush } from './integrations/shutdown.ts';
import { installUncaughtException } from './integrations/uncaught-exception.ts';
import { installUnhandledRejection } from './integrations/unhandled-rejection.ts';
import type { NodeOptions } from './options.ts';
import { Scope } from './scope.ts';
import type { Breadcrumb, CaptureContext, Level, User } from './types.ts';

/**
 * The Node SDK's entry point. `init()` makes a client and installs the integrations the
 * options ask for; request helpers live in integrations/fastify.ts and integrations/express.ts.
 */
export { Client } from './client.ts';
export { expressErrorHandler, expressRequestHandler } from './integrations/express.ts';
export { closeloopFastify } from './integrations/fastify.ts';
export type { NodeOptions } from './options.ts';
export type { Scope } from './scope.ts';
export type { Breadcrumb, CaptureContext, Level, NodeEvent, User } from './types.ts';

let current: Client | undefined;

export function init(options: NodeOptions = {}): Client {
  if (current) void current.close(0);
  const client = new Client(options);
  current = client;
  if (!client.enabled) return client;
  if (options.consoleBreadcrumbs ?? true) client.onClose(installConsoleBreadcrumbs(client));
  if (options.httpBreadcrumbs ?? true) client.onClose(installHttpBreadcrumbs(client));
  if (options.captureUnhandled ?? true) {
    client.onClose(installUncaughtException(client));
    client.onClose(installUnhandledRejection(client));
    client.onClose(installShutdownFlush(client));
  }
  return client;
}

/** The client of the last `init()`, if any. */
export function getClient(): Client | undefined {
  return current;
}

/*
 * Top-level functions like Sentry's: each calls the client of the last `init()` and does nothing
 * before it. None of them throws.
 */

/** Reports an error (or any thrown value); returns the event id, or undefined when not sent. */
export function captureException(error: unknown, ctx?: CaptureContext): string | undefined {
  return current?.captureException(error, ctx);
}

export function captureMessage(message: string, level?: Level, ctx?: CaptureContext): string | undefined {
  return current?.captureMessage(message, level, ctx);
}

/** The user of the current scope (the request's inside a request helper); `null` forgets it. */
export function setUser(user: User | null): void {
  current?.setUser(user);
}

export function setTag(key: string, value: string): void {
  current?.setTag(key, value);
}

export function setExtra(key: string, value: unknown): void {
  current?.setExtra(key, value);
}

export function addBreadcrumb(crumb: Omit<Breadcrumb, 'timestamp'> & { timestamp?: number }): void {
  current?.addBreadcrumb(crumb);
}

/** Runs `fn` in a child scope: user, tags and breadcrumbs set inside stay inside. Without `init()`, just runs it. */
export function withScope<T>(fn: (scope: Scope) => T): T {
  return current ? current.withScope(fn) : fn(new Scope(0));
}

/** Waits until what is queued is delivered (default timeout: `flushTimeoutMs`); true when nothing is left. */
export function flush(timeoutMs?: number): Promise<boolean> {
  return current ? current.flush(timeoutMs) : Promise.resolve(true);
}

/** Flushes, then removes every integration and stops sending. */
export function close(timeoutMs?: number): Promise<boolean> {
  return current ? current.close(timeoutMs) : Promise.resolve(true);
}
