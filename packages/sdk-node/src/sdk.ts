import { Client } from './client.ts';
import { installConsoleBreadcrumbs } from './integrations/console-breadcrumbs.ts';
import { installHttpBreadcrumbs } from './integrations/http-breadcrumbs.ts';
import { installShutdownFlush } from './integrations/shutdown.ts';
import { installUncaughtException } from './integrations/uncaught-exception.ts';
import { installUnhandledRejection } from './integrations/unhandled-rejection.ts';
import type { NodeOptions } from './options.ts';

/**
 * The Node SDK's entry point. `init()` makes a client and installs the integrations the
 * options ask for; request helpers live in integrations/fastify.ts and integrations/express.ts.
 */
export { Client } from './client.ts';
export { expressErrorHandler, expressRequestHandler } from './integrations/express.ts';
export { closeloopFastify } from './integrations/fastify.ts';
export type { NodeOptions } from './options.ts';
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
