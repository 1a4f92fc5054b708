/**
 * The answer to a client over quota. Sentry SDKs read `X-Sentry-Rate-Limits` first and fall back
 * to `Retry-After` (see updateRateLimits in @sentry/core utils/ratelimit). The header is a comma
 * separated list of `retry_after:categories:scope[:reason_code]`, categories separated by `;`,
 * an empty category list meaning "everything": `60:error;transaction:key, 2700::organization`.
 */

/** Sentry's data categories: what SDKs stop sending when told to back off. */
export const DATA_CATEGORIES = [
  'default',
  'error',
  'transaction',
  'security',
  'attachment',
  'session',
  'profile',
  'replay',
  'monitor',
  'span',
  'log_item',
  'feedback',
  'internal',
] as const;
export type DataCategory = (typeof DATA_CATEGORIES)[number];

export type RateLimitScope = 'organization' | 'project' | 'key';

export interface RateLimit {
  retryAfterSeconds: number;
  /** Omitted or empty: every category. */
  categories?: readonly string[];
  /** Closeloop limits per ingest key by default. */
  scope?: RateLimitScope;
  reasonCode?: string;
}

/** The item types that differ from their data category (as in Sentry's SDKs and Relay). */
const CATEGORY_OF: Record<string, DataCategory> = {
  event: 'error',
  transaction: 'transaction',
  attachment: 'attachment',
  session: 'session',
  sessions: 'session',
  client_report: 'internal',
  user_report: 'default',
  feedback: 'feedback',
  profile: 'profile',
  profile_chunk: 'profile',
  replay_event: 'replay',
  replay_recording: 'replay',
  check_in: 'monitor',
  raw_security: 'security',
  span: 'span',
  log: 'log_item',
  otel_log: 'log_item',
};

export function dataCategoryForItem(itemType: string): DataCategory | string {
  return CATEGORY_OF[itemType] ?? itemType;
}

const TOKEN_RE = /^[a-z0-9_]+$/;

function seconds(value: number): number {
  return Number.isFinite(value) ? Math.max(1, Math.ceil(value)) : 60;
}

/** The `X-Sentry-Rate-Limits` value for these limits. */
export function formatRateLimits(limits: readonly RateLimit[]): string {
  return limits
    .map((limit) => {
      // Names reach a header: anything but a plain token would break the client's parser.
      const categories = (limit.categories ?? []).filter((c) => TOKEN_RE.test(c)).join(';');
      const parts = [String(seconds(limit.retryAfterSeconds)), categories, limit.scope ?? 'key'];
      if (limit.reasonCode !== undefined && TOKEN_RE.test(limit.reasonCode)) parts.push(limit.reasonCode);
      return parts.join(':');
    })
    .join(', ');
}

/** `Retry-After` in whole seconds: the longest of the limits, so a client honouring only it backs off enough. */
export function formatRetryAfter(limits: readonly RateLimit[]): string {
  return String(limits.reduce((max, l) => Math.max(max, seconds(l.retryAfterSeconds)), 1));
}

/** Both headers of a 429, ready to set on the reply. */
export function rateLimitHeaders(limits: readonly RateLimit[]): {
  'X-Sentry-Rate-Limits': string;
  'Retry-After': string;
} {
  return { 'X-Sentry-Rate-Limits': formatRateLimits(limits), 'Retry-After': formatRetryAfter(limits) };
}

/** Read a header back, as an SDK would; for tests and for proxying an upstream's answer. */
export function parseRateLimits(header: string): RateLimit[] {
  const out: RateLimit[] = [];
  for (const group of header.split(',')) {
    const [retry = '', categories = '', scope = '', reasonCode] = group.trim().split(':');
    const retryAfterSeconds = Number.parseInt(retry, 10);
    const limit: RateLimit = {
      retryAfterSeconds: Number.isNaN(retryAfterSeconds) ? 60 : retryAfterSeconds,
      categories: categories === '' ? [] : categories.split(';'),
    };
    if (scope === 'organization' || scope === 'project' || scope === 'key') limit.scope = scope;
    if (reasonCode) limit.reasonCode = reasonCode;
    out.push(limit);
  }
  return out;
}
