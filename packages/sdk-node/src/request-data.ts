import type { RequestData } from './types.ts';

/** The shape shared by node:http's IncomingMessage, Fastify's raw request and Express's req. */
export interface IncomingLike {
  method?: string | undefined;
  url?: string | undefined;
  originalUrl?: string | undefined;
  headers: NodeJS.Dict<string | string[]>;
  socket?: object | undefined;
}

/** Headers never sent: credentials and session identifiers. */
const DROPPED_HEADERS = new Set([
  'cookie',
  'set-cookie',
  'authorization',
  'proxy-authorization',
  'x-api-key',
  'x-auth-token',
  'x-csrf-token',
  'x-xsrf-token',
]);

/** Query parameters whose value is replaced by `[Filtered]` (names are matched as substrings). */
const SECRET_PARAMS = [
  'password',
  'passwd',
  'secret',
  'token',
  'api_key',
  'apikey',
  'key',
  'auth',
  'session',
  'code',
  'signature',
  'sig',
  'credential',
];

export const FILTERED = '[Filtered]';

export function requestData(req: IncomingLike, route?: string): RequestData {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    const lower = name.toLowerCase();
    if (value === undefined || DROPPED_HEADERS.has(lower)) continue;
    headers[lower] = (Array.isArray(value) ? value.join(', ') : value).slice(0, 1_000);
  }
  const forwardedProto = headers['x-forwarded-proto']?.split(',')[0]?.trim();
  const protocol =
    forwardedProto || ((req.socket as { encrypted?: boolean } | undefined)?.encrypted ? 'https' : 'http');
  const host = headers['x-forwarded-host']?.split(',')[0]?.trim() || headers.host || 'localhost';
  const path = req.originalUrl ?? req.url ?? '/';
  return {
    method: (req.method ?? 'GET').toUpperCase(),
    url: scrubUrl(`${protocol}://${host}${path.startsWith('/') ? path : `/${path}`}`),
    ...(route ? { route } : {}),
    headers,
  };
}

/** Replaces the values of secret-looking query parameters and drops credentials in the authority. */
export function scrubUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return raw.split('?')[0] ?? raw;
  }
  url.username = '';
  url.password = '';
  const names = [...new Set(url.searchParams.keys())];
  for (const name of names) {
    const lower = name.toLowerCase();
    if (SECRET_PARAMS.some((s) => lower.includes(s))) url.searchParams.set(name, FILTERED);
  }
  return url.toString().slice(0, 4_000);
}
