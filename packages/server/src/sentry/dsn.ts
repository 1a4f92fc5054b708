import { Invalid } from '@closeloop/shared/errors';

/**
 * Sentry DSNs: `http(s)://<public key>[:<secret>]@<host>[:<port>][/<path>]/<project id>`.
 * A Closeloop ingest key plus the server's base URL and a project id is a valid DSN, so an
 * application instrumented with Sentry switches by changing one string.
 */
export interface Dsn {
  protocol: 'http' | 'https';
  publicKey: string;
  /** Deprecated in Sentry; accepted and ignored for authentication. */
  secretKey?: string;
  host: string;
  port?: number;
  /** Path prefix before the project id, without leading or trailing slashes ('' when none). */
  path: string;
  projectId: string;
}

export type DsnErrorReason =
  | 'not_a_url'
  | 'bad_protocol'
  | 'missing_public_key'
  | 'bad_public_key'
  | 'missing_project_id'
  | 'bad_project_id'
  | 'unexpected_query';

export class InvalidDsn extends Invalid {
  constructor(
    readonly reason: DsnErrorReason,
    message: string,
  ) {
    super(message, { reason });
  }
}

/**
 * Sentry's JavaScript SDK only accepts `\w+` keys and numeric project ids (see its DSN regex in
 * @sentry/core utils/dsn); keys and ids outside that would parse here but be refused by the SDK.
 */
const KEY_RE = /^\w{1,128}$/;
const PROJECT_ID_RE = /^\d{1,20}$/;

export function parseDsn(input: string): Dsn {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw new InvalidDsn('not_a_url', 'DSN is not a URL');
  }
  const protocol = url.protocol.slice(0, -1);
  if (protocol !== 'http' && protocol !== 'https') {
    throw new InvalidDsn('bad_protocol', `DSN protocol must be http or https, not ${protocol}`);
  }
  if (url.search !== '' || url.hash !== '') {
    throw new InvalidDsn('unexpected_query', 'DSN must not carry a query string or fragment');
  }
  const publicKey = decodeURIComponent(url.username);
  if (publicKey === '') throw new InvalidDsn('missing_public_key', 'DSN has no public key before "@"');
  if (!KEY_RE.test(publicKey)) {
    throw new InvalidDsn('bad_public_key', 'DSN public key must be 1-128 letters, digits or underscores');
  }
  const segments = url.pathname.split('/').filter((s) => s !== '');
  const projectId = segments.pop();
  if (projectId === undefined) throw new InvalidDsn('missing_project_id', 'DSN has no project id');
  if (!PROJECT_ID_RE.test(projectId)) {
    throw new InvalidDsn('bad_project_id', 'DSN project id must be digits');
  }
  const secretKey = url.password === '' ? undefined : decodeURIComponent(url.password);
  return {
    protocol,
    publicKey,
    ...(secretKey === undefined ? {} : { secretKey }),
    host: url.hostname,
    ...(url.port === '' ? {} : { port: Number(url.port) }),
    path: segments.join('/'),
    projectId,
  };
}

/** The DSN string; the secret is left out unless asked for (Sentry stopped using it). */
export function formatDsn(dsn: Dsn, options: { withSecret?: boolean } = {}): string {
  const secret = options.withSecret && dsn.secretKey ? `:${dsn.secretKey}` : '';
  const port = dsn.port === undefined ? '' : `:${dsn.port}`;
  const path = dsn.path === '' ? '' : `${dsn.path}/`;
  return `${dsn.protocol}://${dsn.publicKey}${secret}@${dsn.host}${port}/${path}${dsn.projectId}`;
}

/** The DSN for an ingest key on a Closeloop server reachable at `baseUrl` (e.g. https://closeloop.example.com). */
export function dsnForIngestKey(baseUrl: string, publicKey: string, projectId: string | number): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new InvalidDsn('not_a_url', 'base URL is not a URL');
  }
  const protocol = url.protocol.slice(0, -1);
  if (protocol !== 'http' && protocol !== 'https') {
    throw new InvalidDsn('bad_protocol', `base URL protocol must be http or https, not ${protocol}`);
  }
  const dsn: Dsn = {
    protocol,
    publicKey,
    host: url.hostname,
    ...(url.port === '' ? {} : { port: Number(url.port) }),
    path: url.pathname
      .split('/')
      .filter((s) => s !== '')
      .join('/'),
    projectId: String(projectId),
  };
  // Round-trip through the parser so an unusable key or project id fails here, not in the SDK.
  return formatDsn(parseDsn(formatDsn(dsn)));
}

/** Where a Sentry SDK configured with `dsn` sends envelopes. */
export function envelopeEndpoint(dsn: Dsn): string {
  const port = dsn.port === undefined ? '' : `:${dsn.port}`;
  const path = dsn.path === '' ? '' : `/${dsn.path}`;
  return `${dsn.protocol}://${dsn.host}${port}${path}/api/${dsn.projectId}/envelope/`;
}
