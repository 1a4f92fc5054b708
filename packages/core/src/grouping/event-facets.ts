import type { IngestEvent } from '@closeloop/shared/ingest/event';

/**
 * The facets an issue aggregates from its events: who was affected (user and session counts),
 * where (release, environment, browser, OS, URL, route). The worker counts distinct user keys
 * and sessions and keeps value distributions of `tags`.
 */

export interface EventFacets {
  /** `id:…`, `email:…`, `ip:…` or `session:…` — the best identity the event has; null if none. */
  userKey: string | null;
  sessionId: string | null;
  release: string | null;
  environment: string | null;
  /** `Chrome 126`, `Firefox 127`, `Safari 17`, `Node 20`; null when unknown. */
  browser: string | null;
  /** `Windows`, `macOS`, `iOS`, `Android`, `Linux`, … (name only). */
  os: string | null;
  /** Page URL (the server request URL for Node events) without query and fragment. */
  url: string | null;
  route: string | null;
  /** The facets above plus the event's own tags, flat, for tag distributions. */
  tags: Record<string, string>;
}

const FACET_VALUE_LENGTH = 200;

export function extractFacets(event: IngestEvent): EventFacets {
  const ua = userAgentOf(event);
  const parsed = ua ? parseUserAgent(ua) : { browser: null, os: null };
  const browser = browserFromContexts(event) ?? parsed.browser ?? runtimeFromContexts(event);
  const os = osFromContexts(event) ?? parsed.os;
  const url = stripQuery(event.url);
  const facets: Omit<EventFacets, 'tags'> = {
    userKey: userKey(event),
    sessionId: clean(event.session_id),
    release: clean(event.release),
    environment: clean(event.environment),
    browser,
    os,
    url,
    route: clean(event.route),
  };
  const tags: Record<string, string> = {};
  for (const [key, value] of Object.entries(event.tags ?? {})) tags[key] = value.slice(0, FACET_VALUE_LENGTH);
  for (const key of ['release', 'environment', 'browser', 'os', 'url', 'route'] as const) {
    const value = facets[key];
    if (value !== null) tags[key] = value.slice(0, FACET_VALUE_LENGTH);
  }
  if (event.level) tags.level = event.level;
  return { ...facets, tags };
}

/** Prefixed so that a user id `42` and a session `42` are never the same person. */
export function userKey(event: Pick<IngestEvent, 'user' | 'session_id'>): string | null {
  const user = event.user;
  if (user?.id) return `id:${user.id}`;
  if (user?.email) return `email:${user.email.trim().toLowerCase()}`;
  if (user?.ip_address && user.ip_address !== '{{auto}}') return `ip:${user.ip_address}`;
  if (event.session_id) return `session:${event.session_id}`;
  return null;
}

function clean(value: string | undefined | null): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

function stripQuery(url: string | undefined): string | null {
  if (!url) return null;
  return url.replace(/[?#].*$/s, '') || null;
}

function context(event: IngestEvent, name: string): Record<string, unknown> | undefined {
  return event.contexts?.[name];
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function userAgentOf(event: IngestEvent): string | undefined {
  return (
    str(context(event, 'browser')?.user_agent) ??
    str(context(event, 'browser')?.ua) ??
    str((context(event, 'request')?.headers as Record<string, unknown> | undefined)?.['User-Agent']) ??
    str(event.tags?.user_agent)
  );
}

function browserFromContexts(event: IngestEvent): string | null {
  const browser = context(event, 'browser');
  const name = str(browser?.name);
  if (!name) return null;
  return withMajor(name, str(browser?.version) ?? str(browser?.major));
}

/** Node events name their runtime instead of a browser. */
function runtimeFromContexts(event: IngestEvent): string | null {
  const runtime = context(event, 'runtime');
  const name = str(runtime?.name);
  if (!name) return null;
  return withMajor(name === 'node' ? 'Node' : name, str(runtime?.version));
}

function osFromContexts(event: IngestEvent): string | null {
  return str(context(event, 'os')?.name) ?? null;
}

function withMajor(name: string, version: string | undefined): string {
  const major = version?.replace(/^v/, '').split('.')[0];
  return major ? `${name} ${major}` : name;
}

/**
 * A small user-agent reader for the common browsers; order matters because every Chromium
 * browser also says `Chrome` and `Safari`, and Chrome on iOS says `CriOS`, not `Chrome`.
 */
export function parseUserAgent(ua: string): { browser: string | null; os: string | null } {
  const browsers: [RegExp, string][] = [
    [/\bEdgA?\/(\d+)/, 'Edge'],
    [/\bEdgiOS\/(\d+)/, 'Edge'],
    [/\bOPR\/(\d+)/, 'Opera'],
    [/\bSamsungBrowser\/(\d+)/, 'Samsung Internet'],
    [/\bFirefox\/(\d+)/, 'Firefox'],
    [/\bFxiOS\/(\d+)/, 'Firefox'],
    [/\bCriOS\/(\d+)/, 'Chrome'],
    [/\bHeadlessChrome\/(\d+)/, 'Chrome Headless'],
    [/\bChrome\/(\d+)/, 'Chrome'],
    [/\bVersion\/(\d+)[.\d]* (?:Mobile\/\S+ )?Safari\//, 'Safari'],
    [/\bNode\.js\/v?(\d+)/, 'Node'],
  ];
  let browser: string | null = null;
  for (const [pattern, name] of browsers) {
    const match = pattern.exec(ua);
    if (match) {
      browser = `${name} ${match[1]}`;
      break;
    }
  }
  let os: string | null = null;
  if (/\b(iPhone|iPad|iPod)\b/.test(ua)) os = 'iOS';
  else if (/\bAndroid\b/.test(ua)) os = 'Android';
  else if (/\bCrOS\b/.test(ua)) os = 'Chrome OS';
  else if (/\bWindows\b/.test(ua)) os = 'Windows';
  else if (/\bMac OS X\b|\bMacintosh\b/.test(ua)) os = 'macOS';
  else if (/\bLinux\b/.test(ua)) os = 'Linux';
  return { browser, os };
}
