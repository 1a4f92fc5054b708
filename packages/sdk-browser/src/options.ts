import { DEFAULT_MAX_BREADCRUMBS } from './breadcrumbs.ts';

export interface User {
  id?: string;
  email?: string;
  username?: string;
}

/**
 * Session replay (rrweb's recorder). Only the replay build records (`closeloop.replay.*.js` or
 * `import … from '@closeloop/sdk-browser/replay'`); the core build ignores these options.
 * Privacy: every input value is masked unless `maskAllInputs: false` (passwords always are),
 * request and response bodies are never recorded.
 */
export interface ReplayOptions {
  /** Default true when a `replay` object is given. */
  enabled?: boolean;
  /** Mask the value of every input, textarea and select. Default true. */
  maskAllInputs?: boolean;
  /** Text inside elements matching this selector is replaced by `*` (always: `[data-closeloop-mask]`). */
  maskTextSelector?: string;
  /** Elements matching this selector are replaced by an empty box of the same size (always: `[data-closeloop-block]`). */
  blockSelector?: string;
  /** Share of sessions recorded from their start (0–1). Default 0. */
  sessionSampleRate?: number;
  /**
   * Share of the other sessions that keep a rolling buffer of the last 60 s (at least; it starts at a
   * full snapshot) and send it only when an error or a rage/dead click happens, then record the rest
   * of the session. Default 1.
   */
  onErrorSampleRate?: number;
}

export type IntegrationName =
  | 'globalErrors'
  | 'consoleErrors'
  | 'fetch'
  | 'xhr'
  | 'pageLoad'
  | 'routeChanges'
  | 'webVitals'
  | 'clicks';

export interface InitOptions {
  /** `https://<publicKey>@<host>/<projectId>`, from the project's setup page. */
  dsn: string;
  release?: string;
  environment?: string;
  user?: User;
  /** Share of errors, messages, console errors and failed requests sent (0–1). Default 1. */
  sampleRate?: number;
  /** Share of ordinary (not slow, not failed) requests whose timing is sent, for endpoint baselines. */
  tracesSampleRate?: number;
  /** Breadcrumbs kept and attached to error-like events. Default 50, at most 100. */
  maxBreadcrumbs?: number;
  /** A request taking at least this long is reported as slow. Default 3000 ms. */
  slowRequestMs?: number;
  /** A response with at least this status is reported as failed. Default 500 (set 400 to include 4xx). */
  failedRequestStatus?: number;
  /** Requests to, and errors thrown from, URLs matching any of these are ignored. */
  ignoreUrls?: Array<string | RegExp>;
  /** Log what the SDK does to the console (only in the debug build / unbundled source). */
  debug?: boolean;
  /** Turn single integrations off, e.g. `{ consoleErrors: false }`. */
  integrations?: Partial<Record<IntegrationName, boolean>>;
  replay?: ReplayOptions;
}

export interface ResolvedOptions {
  dsn: string;
  release?: string | undefined;
  environment?: string | undefined;
  user?: User | undefined;
  sampleRate: number;
  /** Share of ordinary requests sent as `http.client` timings; unset: none. */
  tracesSampleRate?: number;
  maxBreadcrumbs: number;
  slowRequestMs: number;
  failedRequestStatus: number;
  ignoreUrls: Array<string | RegExp>;
  debug: boolean;
  integrations: Partial<Record<IntegrationName, boolean>>;
  /** Kept as given; the replay build reads it (defaults are documented on ReplayOptions). */
  replay?: ReplayOptions;
}

export const DEFAULT_SLOW_REQUEST_MS = 3_000;
export const DEFAULT_FAILED_REQUEST_STATUS = 500;

/** `value` if it is a number in [0, max], else `fallback` (bad options never break the SDK). */
function num(value: number | undefined, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  return typeof value === 'number' && value >= 0 && value <= max ? value : fallback;
}

export function resolveOptions(o: InitOptions): ResolvedOptions {
  return {
    ...o,
    sampleRate: num(o.sampleRate, 1, 1),
    maxBreadcrumbs: num(o.maxBreadcrumbs, DEFAULT_MAX_BREADCRUMBS),
    slowRequestMs: num(o.slowRequestMs, DEFAULT_SLOW_REQUEST_MS),
    failedRequestStatus: num(o.failedRequestStatus, DEFAULT_FAILED_REQUEST_STATUS),
    ignoreUrls: Array.isArray(o.ignoreUrls) ? o.ignoreUrls : [],
    debug: o.debug === true,
    integrations: o.integrations ?? {},
  };
}

export function matchesAny(url: string, patterns: Array<string | RegExp>): boolean {
  for (const p of patterns) {
    if (typeof p === 'string' ? url.includes(p) : p.test(url)) return true;
  }
  return false;
}
