import { Invalid, Unauthenticated } from '@closeloop/shared/errors';
import { parseDsn } from './dsn.ts';

/**
 * Where a Sentry client puts its public key. Sentry accepts three places, in this order of
 * preference: the `X-Sentry-Auth` header (server SDKs, older browser SDKs), the `sentry_key`
 * query parameter (browser SDKs, since a header would force a CORS preflight) and the `dsn` in the
 * envelope header (tunnels and Relay hops). `Authorization: Sentry ...` is the same as the header.
 */
export type AuthSource = 'header' | 'query' | 'envelope';

export interface SentryAuth {
  publicKey: string;
  source: AuthSource;
  /** `sentry_client`, e.g. `sentry.javascript.node/11.12.0`, when the client said. */
  client?: string;
  /** `sentry_version`, the protocol version (7 for every current SDK). */
  version?: string;
}

export type AuthErrorReason =
  | 'missing'
  | 'malformed_header'
  | 'missing_key'
  | 'bad_key'
  | 'conflicting_keys'
  | 'bad_dsn';

export class SentryAuthError extends Unauthenticated {
  constructor(
    readonly reason: AuthErrorReason,
    message: string,
  ) {
    super(message, { reason });
  }
}

/** The DSN in the envelope header names another project than the URL path does. */
export class ProjectMismatch extends Invalid {
  constructor(pathProjectId: string, dsnProjectId: string) {
    super(`Envelope DSN is for project ${dsnProjectId}, but it was sent to project ${pathProjectId}`, {
      reason: 'project_mismatch',
      path: pathProjectId,
      dsn: dsnProjectId,
    });
  }
}

export type HeaderBag = Record<string, string | string[] | undefined>;
export type QueryBag = URLSearchParams | Record<string, unknown>;

const KEY_RE = /^\w{1,128}$/;

/**
 * Parse `Sentry sentry_version=7, sentry_client=sentry.javascript.node/11.12.0, sentry_key=abc`.
 * The `Sentry ` prefix is optional (Relay tolerates its absence); pairs are comma separated and
 * values may be double-quoted.
 */
export function parseSentryAuthHeader(value: string): Record<string, string> {
  let rest = value.trim();
  if (/^sentry\s/i.test(rest)) rest = rest.slice(6).trim();
  const out: Record<string, string> = {};
  for (const part of rest.split(',')) {
    const piece = part.trim();
    if (piece === '') continue;
    const eq = piece.indexOf('=');
    if (eq <= 0)
      throw new SentryAuthError(
        'malformed_header',
        `X-Sentry-Auth: expected key=value, got "${truncateForMessage(piece)}"`,
      );
    const key = piece.slice(0, eq).trim().toLowerCase();
    let val = piece.slice(eq + 1).trim();
    if (val.length >= 2 && val.startsWith('"') && val.endsWith('"')) val = val.slice(1, -1);
    out[key] = val;
  }
  return out;
}

function truncateForMessage(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

function header(headers: HeaderBag, name: string): string | undefined {
  // Node lowercases header names; a plain object from elsewhere may not have.
  let value = headers[name];
  if (value === undefined) {
    for (const [k, v] of Object.entries(headers)) {
      if (k.toLowerCase() === name) {
        value = v;
        break;
      }
    }
  }
  return Array.isArray(value) ? value[0] : value;
}

function queryParam(query: QueryBag | undefined, name: string): string | undefined {
  if (query === undefined) return undefined;
  const value = query instanceof URLSearchParams ? (query.get(name) ?? undefined) : query[name];
  if (Array.isArray(value)) return typeof value[0] === 'string' ? value[0] : undefined;
  return typeof value === 'string' ? value : undefined;
}

function checkKey(key: string, where: string): string {
  if (key === '') throw new SentryAuthError('missing_key', `${where} has an empty sentry_key`);
  if (!KEY_RE.test(key))
    throw new SentryAuthError('bad_key', `${where}: sentry_key must be 1-128 letters, digits or underscores`);
  return key;
}

export interface AuthInput {
  headers: HeaderBag;
  query?: QueryBag;
  /** The `dsn` field of the envelope header, when there is an envelope and it has one. */
  envelopeDsn?: unknown;
  /** The `<project id>` of `/api/<project id>/envelope/`; a DSN naming another project is refused. */
  projectIdFromPath?: string;
}

/** The auth the request carries in its header or query string, or undefined when it carries none. */
export function authFromRequest(input: Pick<AuthInput, 'headers' | 'query'>): SentryAuth | undefined {
  const found: SentryAuth[] = [];
  const raw = header(input.headers, 'x-sentry-auth') ?? sentryAuthorization(input.headers);
  if (raw !== undefined) {
    const pairs = parseSentryAuthHeader(raw);
    const key = pairs.sentry_key;
    if (key === undefined) throw new SentryAuthError('missing_key', 'X-Sentry-Auth has no sentry_key');
    found.push({
      publicKey: checkKey(key, 'X-Sentry-Auth'),
      source: 'header',
      ...(pairs.sentry_client ? { client: pairs.sentry_client } : {}),
      ...(pairs.sentry_version ? { version: pairs.sentry_version } : {}),
    });
  }
  const queryKey = queryParam(input.query, 'sentry_key');
  if (queryKey !== undefined) {
    const client = queryParam(input.query, 'sentry_client');
    const version = queryParam(input.query, 'sentry_version');
    found.push({
      publicKey: checkKey(queryKey, 'query string'),
      source: 'query',
      ...(client ? { client } : {}),
      ...(version ? { version } : {}),
    });
  }
  const [first, second] = found;
  if (first && second && first.publicKey !== second.publicKey) {
    throw new SentryAuthError('conflicting_keys', 'X-Sentry-Auth and the query string name different keys');
  }
  return first;
}

function sentryAuthorization(headers: HeaderBag): string | undefined {
  const value = header(headers, 'authorization');
  return value !== undefined && /^sentry\s/i.test(value.trim()) ? value : undefined;
}

/** The auth carried by an envelope header's `dsn`, or undefined when there is none. */
export function authFromEnvelopeDsn(dsn: unknown, projectIdFromPath?: string): SentryAuth | undefined {
  if (dsn === undefined || dsn === null) return undefined;
  if (typeof dsn !== 'string') throw new SentryAuthError('bad_dsn', 'envelope header "dsn" must be a string');
  let parsed: ReturnType<typeof parseDsn>;
  try {
    parsed = parseDsn(dsn);
  } catch (error) {
    throw new SentryAuthError(
      'bad_dsn',
      `envelope header "dsn" is not a valid DSN: ${(error as Error).message}`,
    );
  }
  if (projectIdFromPath !== undefined && parsed.projectId !== projectIdFromPath) {
    throw new ProjectMismatch(projectIdFromPath, parsed.projectId);
  }
  return { publicKey: parsed.publicKey, source: 'envelope' };
}

/**
 * The public key of a request, from whichever place carries it. Header and query win over the
 * envelope DSN (as in Relay); a DSN that is present is still checked against the path's project.
 */
export function extractPublicKey(input: AuthInput): SentryAuth {
  const fromRequest = authFromRequest(input);
  const fromEnvelope = authFromEnvelopeDsn(input.envelopeDsn, input.projectIdFromPath);
  const auth = fromRequest ?? fromEnvelope;
  if (auth === undefined) {
    throw new SentryAuthError(
      'missing',
      'No Sentry auth: send X-Sentry-Auth, a sentry_key query parameter or a dsn in the envelope header',
    );
  }
  return auth;
}
