/**
 * The types the published package declares (dist/types). Self-contained on purpose: the
 * declarations a user installs must not reach into this repository's unpublished packages, so
 * nothing here imports `@closeloop/shared`. `Client` implements `BrowserClient`, and the
 * assignment in client.ts checks `BreadcrumbInput` against the ingest contract's Breadcrumb.
 */
import type { ResolvedOptions, User } from './options.ts';

export type Level = 'debug' | 'info' | 'warning' | 'error' | 'fatal';

export interface BreadcrumbInput {
  type?: 'click' | 'navigation' | 'request' | 'console' | 'log' | 'error' | 'default';
  category?: string;
  message?: string;
  level?: Level;
  data?: Record<string, unknown>;
  /** Epoch ms; default now. */
  timestamp?: number;
}

/** What `init()` returns (Sentry's client object); the top-level functions call the current one. */
export interface BrowserClient {
  readonly options: ResolvedOptions;
  captureException(error: unknown): string | undefined;
  captureMessage(message: string, level?: Level): string | undefined;
  setUser(user: User | null): void;
  setTag(key: string, value: string): void;
  addBreadcrumb(crumb: BreadcrumbInput): void;
  /** Sends what is queued; true when nothing is left. */
  flush(): Promise<boolean>;
  /** Removes every hook, sends what is queued, and stops capturing. */
  close(): Promise<boolean>;
}
