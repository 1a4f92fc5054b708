/**
 * The core SDK's public API (the package's main entry, `closeloop.esm.js` / `closeloop.iife.js`):
 * `init()` returns a client; the top-level functions, like Sentry's, call the current one and do
 * nothing before `init()`. None of them throws.
 */
import type { InitOptions, User } from './options.ts';
import type { BreadcrumbInput, BrowserClient, Level } from './public-types.ts';
import { current, startClient } from './start.ts';

export type { InitOptions, IntegrationName, ReplayOptions, User } from './options.ts';
export type { BreadcrumbInput, BrowserClient, Level } from './public-types.ts';
export { SDK_VERSION } from './version.ts';

/**
 * Starts the SDK and returns its client, or undefined when it cannot run (no DOM, invalid
 * DSN). Calling it again replaces the previous client.
 */
export function init(options: InitOptions): BrowserClient | undefined {
  return startClient(options);
}

/** The client of the last `init()`, if any. */
export function getClient(): BrowserClient | undefined {
  return current;
}

/** Reports an error (or any thrown value); returns the event id, or undefined when not sent. */
export function captureException(error: unknown): string | undefined {
  return current?.captureException(error);
}

export function captureMessage(message: string, level?: Level): string | undefined {
  return current?.captureMessage(message, level);
}

/** The user of every later event; `null` forgets it. */
export function setUser(user: User | null): void {
  current?.setUser(user);
}

export function setTag(key: string, value: string): void {
  current?.setTag(key, value);
}

export function addBreadcrumb(crumb: BreadcrumbInput): void {
  current?.addBreadcrumb(crumb);
}

/** Sends what is queued; true when nothing is left. */
export function flush(): Promise<boolean> {
  return current ? current.flush() : Promise.resolve(true);
}

/** Stops the SDK (every hook removed) after sending what is queued. */
export function close(): Promise<boolean> {
  return current ? current.close() : Promise.resolve(true);
}
