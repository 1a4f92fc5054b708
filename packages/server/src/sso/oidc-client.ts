import { createHash, randomBytes } from 'node:crypto';
import { BoundedCache } from '@closeloop/core/limits/bounded-cache';
import { Invalid, Unprocessable } from '@closeloop/shared/errors';
import { refusedLiteralHost } from '../webhooks/target-guard.ts';
import type { Jwk } from './id-token-signature.ts';

/**
 * The relying-party half of OpenID Connect's authorisation code flow with PKCE (S256): discovery
 * (`/.well-known/openid-configuration`), the provider's keys, the authorisation URL and the code
 * exchange. Only the provider an admin configured is ever called.
 */
export interface ProviderMetadata {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
  userinfo_endpoint?: string;
  token_endpoint_auth_methods_supported?: string[];
}

const TIMEOUT_MS = 10_000;
// Discovery and keys change rarely; a key rotation is caught by refetching on an unknown kid.
const metadataCache = new BoundedCache<string, ProviderMetadata>({ maxEntries: 100, maxAgeMs: 10 * 60_000 });
const keysCache = new BoundedCache<string, Jwk[]>({ maxEntries: 100, maxAgeMs: 10 * 60_000 });

/**
 * Where the server may call a provider: https only, never a link-local or cloud-metadata address
 * literal (169.254.169.254…), and loopback (plain http allowed there) only with SSO_ALLOW_LOOPBACK
 * — a provider on the same machine, or the tests. Private addresses are allowed: self-hosted
 * providers often live there. Checked for the issuer when settings are saved and for every URL the
 * discovery document names (it comes from the provider). A name is not resolved here: one that
 * resolves to loopback is not caught (docs/single-sign-on.md).
 */
export function assertProviderUrl(raw: string, allowLoopback: boolean, field = 'issuer'): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Invalid(`The ${field} must be a URL`, { field });
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const loopback =
    host === 'localhost' ||
    refusedLiteralHost(host, { allowPrivate: true, allowLoopback: false })?.includes('loopback');
  if (loopback && !allowLoopback)
    throw new Invalid(`The ${field} is a loopback address (SSO_ALLOW_LOOPBACK is off)`, { field });
  const refused = refusedLiteralHost(host, { allowPrivate: true, allowLoopback: true });
  if (refused) throw new Invalid(`The ${field} may not be reached: ${refused}`, { field });
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback))
    throw new Invalid(`The ${field} must be an https URL`, { field });
  if (field === 'issuer' && (url.search || url.hash))
    throw new Invalid('The issuer has no query or fragment', { field });
  return url;
}

async function getJson(url: string, what: string): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS), redirect: 'error' });
  } catch (err) {
    throw new Unprocessable(`The identity provider did not answer (${what})`, { cause: String(err) });
  }
  if (!res.ok) throw new Unprocessable(`The identity provider answered ${res.status} (${what})`);
  return res.json().catch(() => {
    throw new Unprocessable(`The identity provider's ${what} is not JSON`);
  });
}

export async function discover(
  issuer: string,
  allowLoopback: boolean,
  now = Date.now(),
): Promise<ProviderMetadata> {
  const cached = metadataCache.get(issuer, now);
  if (cached) return cached;
  assertProviderUrl(issuer, allowLoopback);
  const doc = (await getJson(
    `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`,
    'discovery document',
  )) as Partial<ProviderMetadata> | null;
  // OpenID Connect Discovery §4.3: the document must name exactly the issuer it was fetched for.
  if (!doc || doc.issuer !== issuer)
    throw new Unprocessable('The discovery document names another issuer', {
      expected: issuer,
      got: doc?.issuer ?? null,
    });
  for (const field of ['authorization_endpoint', 'token_endpoint', 'jwks_uri'] as const)
    if (typeof doc[field] !== 'string') throw new Unprocessable(`The discovery document has no ${field}`);
  for (const field of [
    'authorization_endpoint',
    'token_endpoint',
    'jwks_uri',
    'userinfo_endpoint',
  ] as const) {
    const url = doc[field];
    if (typeof url === 'string') assertProviderUrl(url, allowLoopback, field);
  }
  const meta = doc as ProviderMetadata;
  metadataCache.set(issuer, meta, now);
  return meta;
}

/** The provider's signing keys; `fresh` skips the cache (a token signed with a key not seen yet). */
export async function providerKeys(meta: ProviderMetadata, fresh = false, now = Date.now()): Promise<Jwk[]> {
  const cached = fresh ? undefined : keysCache.get(meta.jwks_uri, now);
  if (cached) return cached;
  const set = (await getJson(meta.jwks_uri, 'key set')) as { keys?: unknown } | null;
  if (!set || !Array.isArray(set.keys)) throw new Unprocessable('The provider’s key set has no keys');
  const keys = set.keys as Jwk[];
  keysCache.set(meta.jwks_uri, keys, now);
  return keys;
}

/** A PKCE verifier (RFC 7636: 43+ characters of base64url) and its S256 challenge. */
export function newPkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export function authorizationUrl(
  meta: ProviderMetadata,
  p: {
    clientId: string;
    redirectUri: string;
    state: string;
    nonce: string;
    codeChallenge: string;
    loginHint?: string;
  },
): string {
  const url = new URL(meta.authorization_endpoint);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', p.clientId);
  url.searchParams.set('redirect_uri', p.redirectUri);
  url.searchParams.set('scope', 'openid email profile');
  url.searchParams.set('state', p.state);
  url.searchParams.set('nonce', p.nonce);
  url.searchParams.set('code_challenge', p.codeChallenge);
  url.searchParams.set('code_challenge_method', 'S256');
  if (p.loginHint) url.searchParams.set('login_hint', p.loginHint);
  return url.toString();
}

/**
 * Exchanges the code for tokens at the token endpoint: the id_token, unverified (the caller
 * verifies it), and the access token for the userinfo endpoint. The client authenticates with client_secret_basic, or client_secret_post when the
 * provider lists only that.
 */
export async function exchangeCode(
  meta: ProviderMetadata,
  p: { clientId: string; clientSecret: string; redirectUri: string; code: string; codeVerifier: string },
): Promise<{ idToken: string; accessToken: string | null }> {
  const form = new URLSearchParams({
    grant_type: 'authorization_code',
    code: p.code,
    redirect_uri: p.redirectUri,
    code_verifier: p.codeVerifier,
  });
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  const methods = meta.token_endpoint_auth_methods_supported ?? ['client_secret_basic'];
  if (!methods.includes('client_secret_basic') && methods.includes('client_secret_post')) {
    form.set('client_id', p.clientId);
    form.set('client_secret', p.clientSecret);
  } else {
    // RFC 6749 §2.3.1: both parts form-encoded before base64.
    const enc = (v: string) => encodeURIComponent(v).replace(/%20/g, '+');
    headers.authorization = `Basic ${Buffer.from(`${enc(p.clientId)}:${enc(p.clientSecret)}`).toString('base64')}`;
  }
  let res: Response;
  try {
    res = await fetch(meta.token_endpoint, {
      method: 'POST',
      headers,
      body: form.toString(),
      signal: AbortSignal.timeout(TIMEOUT_MS),
      redirect: 'error',
    });
  } catch (err) {
    throw new Unprocessable('The identity provider did not answer (token endpoint)', { cause: String(err) });
  }
  const body = (await res.json().catch(() => null)) as {
    id_token?: unknown;
    access_token?: unknown;
    error?: unknown;
  } | null;
  if (!res.ok || typeof body?.id_token !== 'string')
    throw new Invalid('The identity provider refused the sign-in code', {
      reason: 'code_refused',
      providerError: typeof body?.error === 'string' ? body.error : res.status,
    });
  return {
    idToken: body.id_token,
    accessToken: typeof body.access_token === 'string' ? body.access_token : null,
  };
}

/**
 * The userinfo claims (OpenID Connect Core §5.3), for providers that keep email out of the
 * id_token (oidc-provider does by default). Used only when its `sub` equals the verified id_token's.
 */
export async function fetchUserinfo(
  meta: ProviderMetadata,
  accessToken: string,
): Promise<Record<string, unknown>> {
  if (!meta.userinfo_endpoint) return {};
  let res: Response;
  try {
    res = await fetch(meta.userinfo_endpoint, {
      headers: { authorization: `Bearer ${accessToken}` },
      signal: AbortSignal.timeout(TIMEOUT_MS),
      redirect: 'error',
    });
  } catch (err) {
    throw new Unprocessable('The identity provider did not answer (userinfo)', { cause: String(err) });
  }
  if (!res.ok) return {};
  const body = (await res.json().catch(() => null)) as Record<string, unknown> | null;
  return body && typeof body === 'object' ? body : {};
}
