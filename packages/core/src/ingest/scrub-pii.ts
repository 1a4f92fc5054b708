import type { IngestEvent } from '@closeloop/shared/ingest/event';

/**
 * Scrubs personal and secret data from an event before it is stored. Keys whose name matches a
 * default or project-configured field are replaced with "[Filtered]" wherever they appear (extra,
 * contexts, tags, breadcrumb data, URL query strings); card numbers are masked in free text.
 * User ids and emails stay: they are what "affected users" counts. The defaults follow Sentry's
 * server-side data scrubbing list.
 */
export const DEFAULT_SCRUB_FIELDS = [
  'password',
  'passwd',
  'secret',
  'api_key',
  'apikey',
  'access_token',
  'auth',
  'authorization',
  'credentials',
  'token',
  'session',
  'cookie',
  'set-cookie',
  'csrf',
  'xsrf',
  'ssn',
  'credit_card',
  'card_number',
  'cvv',
] as const;

export const FILTERED = '[Filtered]';
const CARD = /\b(?:\d[ -]?){12,18}\d\b/g;

function matcher(extra: readonly string[]) {
  const needles = [...DEFAULT_SCRUB_FIELDS, ...extra.map((f) => f.toLowerCase())];
  return (key: string) => {
    const k = key.toLowerCase();
    return needles.some((n) => k.includes(n));
  };
}

function scrubText(s: string): string {
  return s.replace(CARD, (m) => (m.replace(/\D/g, '').length >= 13 ? FILTERED : m));
}

function scrubUrl(url: string, isSecret: (k: string) => boolean): string {
  const q = url.indexOf('?');
  if (q < 0) return scrubText(url);
  const [path, rest] = [url.slice(0, q), url.slice(q + 1)];
  const hash = rest.indexOf('#');
  const query = hash < 0 ? rest : rest.slice(0, hash);
  const frag = hash < 0 ? '' : rest.slice(hash);
  const parts = query.split('&').map((p) => {
    const eq = p.indexOf('=');
    const k = eq < 0 ? p : p.slice(0, eq);
    let name = k;
    try {
      name = decodeURIComponent(k);
    } catch {
      // keep the raw key
    }
    return eq >= 0 && isSecret(name) ? `${k}=${encodeURIComponent(FILTERED)}` : scrubText(p);
  });
  return `${scrubText(path)}?${parts.join('&')}${frag}`;
}

function scrubValue(v: unknown, isSecret: (k: string) => boolean, depth: number): unknown {
  if (typeof v === 'string') return scrubText(v);
  if (depth > 8 || v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map((x) => scrubValue(x, isSecret, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v))
    out[k] = isSecret(k) ? FILTERED : scrubValue(x, isSecret, depth + 1);
  return out;
}

export function scrubEvent(event: IngestEvent, extraFields: readonly string[] = []): IngestEvent {
  const isSecret = matcher(extraFields);
  const e: IngestEvent = { ...event };
  if (e.extra) e.extra = scrubValue(e.extra, isSecret, 0) as IngestEvent['extra'];
  if (e.contexts) e.contexts = scrubValue(e.contexts, isSecret, 0) as IngestEvent['contexts'];
  if (e.tags) e.tags = scrubValue(e.tags, isSecret, 0) as IngestEvent['tags'];
  if (e.url) e.url = scrubUrl(e.url, isSecret);
  if (e.request) e.request = { ...e.request, url: scrubUrl(e.request.url, isSecret) };
  if (e.message) e.message = { ...e.message, formatted: scrubText(e.message.formatted) };
  if (e.exception) e.exception = { ...e.exception, value: scrubText(e.exception.value) };
  if (e.breadcrumbs) {
    e.breadcrumbs = e.breadcrumbs.map((b) => ({
      ...b,
      ...(b.message !== undefined ? { message: scrubText(b.message) } : {}),
      ...(b.data ? { data: scrubValue(b.data, isSecret, 0) as Record<string, unknown> } : {}),
    }));
  }
  if (e.user?.ip_address) e.user = { ...e.user, ip_address: undefined };
  return e;
}
