/** A parsed DSN: `http(s)://<publicKey>@<host>[:port][/<path>]/<projectId>` (Sentry's shape). */
export interface Dsn {
  publicKey: string;
  projectId: string;
  /** Scheme, host and port, plus any path prefix before the project id — no trailing slash. */
  origin: string;
  /** Where batches are POSTed, including `?key=`. */
  ingestUrl: string;
}

export const INGEST_PATH = '/api/ingest/v1/events';

/** Undefined for anything that is not a usable DSN: the SDK then stays disabled. */
export function parseDsn(dsn: string | undefined): Dsn | undefined {
  if (!dsn) return undefined;
  let url: URL;
  try {
    url = new URL(dsn.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  const publicKey = decodeURIComponent(url.username);
  if (!publicKey || url.password) return undefined;
  const parts = url.pathname.split('/').filter(Boolean);
  const projectId = parts.pop();
  if (!projectId) return undefined;
  const prefix = parts.length > 0 ? `/${parts.join('/')}` : '';
  const origin = `${url.protocol}//${url.host}${prefix}`;
  return {
    publicKey,
    projectId,
    origin,
    ingestUrl: `${origin}${INGEST_PATH}?key=${encodeURIComponent(publicKey)}`,
  };
}
