import type { Frame } from './stack.ts';

/** The slice of the ingest contract (packages/shared/src/ingest/event.ts, v1) the Node SDK produces. */
export type Level = 'debug' | 'info' | 'warning' | 'error' | 'fatal';

export interface User {
  id?: string;
  email?: string;
  username?: string;
  ip_address?: string;
}

export interface Breadcrumb {
  timestamp: number;
  type?: 'request' | 'console' | 'log' | 'error' | 'default';
  category?: string;
  message?: string;
  level?: Level;
  data?: Record<string, unknown>;
}

/** What request helpers attach to events captured while a request is handled. */
export interface RequestData {
  method: string;
  /** Absolute URL with secret query parameters replaced by `[Filtered]`. */
  url: string;
  route?: string;
  headers: Record<string, string>;
  status?: number;
}

export interface NodeEvent {
  event_id: string;
  type: 'error' | 'message';
  timestamp: number;
  platform: 'node';
  level: Level;
  release?: string;
  environment?: string;
  url?: string;
  route?: string;
  user?: User;
  exception?: {
    type: string;
    value: string;
    frames: Frame[];
    stack?: string;
    mechanism?: { type: string; handled?: boolean };
  };
  message?: { formatted: string };
  request?: { url: string; method: string; status?: number };
  breadcrumbs?: Breadcrumb[];
  contexts?: Record<string, Record<string, unknown>>;
  tags?: Record<string, string>;
  fingerprint?: string[];
  extra?: Record<string, unknown>;
  sdk?: { name: string; version: string };
}

/** Per-capture additions: `captureException(err, { tags, extra, user, fingerprint, level })`. */
export interface CaptureContext {
  tags?: Record<string, string>;
  extra?: Record<string, unknown>;
  user?: User;
  fingerprint?: string[];
  level?: Level;
}

export interface EventHint {
  originalException?: unknown;
  mechanism?: { type: string; handled: boolean };
}
