import type { Sender } from './transport/http-sender.ts';
import type { EventHint, NodeEvent } from './types.ts';

export interface NodeOptions {
  /** `http(s)://<publicKey>@<host>/<projectId>`; defaults to `CLOSELOOP_DSN`. Without one the client does nothing. */
  dsn?: string | undefined;
  /** Defaults to `CLOSELOOP_RELEASE`. */
  release?: string | undefined;
  /** Defaults to `CLOSELOOP_ENVIRONMENT`, then `NODE_ENV`. */
  environment?: string | undefined;
  /** Sent as the `server_name` tag; defaults to the host name. */
  serverName?: string | undefined;
  /** Share of events sent, 0–1 (default 1). */
  sampleRate?: number | undefined;
  /** Change or drop (return null) an event before it is queued. Errors thrown here drop the event. */
  beforeSend?:
    | ((event: NodeEvent, hint: EventHint) => NodeEvent | null | Promise<NodeEvent | null>)
    | undefined;
  /** Breadcrumbs kept per scope (default 50, at most 100: the contract's limit). */
  maxBreadcrumbs?: number | undefined;
  /** Capture uncaught exceptions and unhandled rejections, flush on exit (default true). */
  captureUnhandled?: boolean | undefined;
  /** How long exit paths wait for delivery (default 2000 ms). */
  flushTimeoutMs?: number | undefined;
  /** console.error/warn breadcrumbs (default true). */
  consoleBreadcrumbs?: boolean | undefined;
  /** Outgoing http(s) and fetch breadcrumbs (default true). */
  httpBreadcrumbs?: boolean | undefined;
  /** Print the SDK's own diagnostics to stderr. */
  debug?: boolean | undefined;
  /** Replaces the network request (tests). */
  send?: Sender | undefined;
}
