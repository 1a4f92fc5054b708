import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type ClientMetadata } from 'oidc-provider';

/**
 * A real OpenID Connect provider (the `oidc-provider` package, certified by the OpenID
 * Foundation) on a random loopback port, for the single sign-on tests. Its development sign-in
 * page takes any login as the account id, which becomes the subject; `accounts` decides the
 * claims of some logins (others get a verified email equal to the login).
 *
 * Clients: `closeloop` (RS256 id_tokens), `closeloop-es` (ES256) and `other-app` (a client that
 * is not ours), all with CLIENT_SECRET and the redirect URIs given.
 */
export const CLIENT_SECRET = 'test-client-secret-4c1f9b7e';

export interface TestAccount {
  email?: string;
  emailVerified?: boolean;
  name?: string;
  groups?: string[];
}

export interface TestProvider {
  issuer: string;
  accounts: Map<string, TestAccount>;
  close(): Promise<void>;
}

export async function startTestProvider(redirectUris: string[]): Promise<TestProvider> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const accounts = new Map<string, TestAccount>();
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' });
  const client = (client_id: string, alg: 'RS256' | 'ES256'): ClientMetadata => ({
    client_id,
    client_secret: CLIENT_SECRET,
    redirect_uris: redirectUris,
    grant_types: ['authorization_code'],
    response_types: ['code'],
    id_token_signed_response_alg: alg,
  });
  const provider = new Provider(issuer, {
    clients: [client('closeloop', 'RS256'), client('closeloop-es', 'ES256'), client('other-app', 'RS256')],
    jwks: {
      keys: [
        { ...rsa, kid: 'rsa-1', use: 'sig' },
        { ...ec, kid: 'ec-1', use: 'sig' },
      ],
    },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'groups'] },
    cookies: { keys: ['closeloop-test-provider-cookie-key'] },
    features: { devInteractions: { enabled: true } },
    // Set, so the provider does not print a notice for each default; id_tokens live an hour, as usual.
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 3600 },
    async findAccount(_ctx, id) {
      const a = accounts.get(id) ?? {};
      return {
        accountId: id,
        async claims() {
          return {
            sub: id,
            email: a.email ?? id,
            email_verified: a.emailVerified ?? true,
            ...(a.name ? { name: a.name } : {}),
            ...(a.groups ? { groups: a.groups } : {}),
          };
        },
      };
    },
  });
  // Its warnings about development-only interactions are expected here.
  provider.on('server_error', (_ctx, err) => console.error('test OIDC provider error', err));
  server.on('request', provider.callback());
  return {
    issuer,
    accounts,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * A person at the provider's own pages, without a browser: follows the authorisation URL, signs
 * in as `login` on the development sign-in form, confirms the consent form, and returns the URL
 * the provider sends the browser back to (the redirect URI with `code` and `state`).
 */
export async function signInAtProvider(authorizationUrl: string, login: string): Promise<URL> {
  const jar = new Map<string, string>();
  let url = authorizationUrl;
  let method = 'GET';
  let body: string | undefined;
  for (let hop = 0; hop < 20; hop++) {
    const res = await fetch(url, {
      method,
      redirect: 'manual',
      headers: {
        cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(body ? { body } : {}),
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair!.indexOf('=');
      jar.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
    const location = res.headers.get('location');
    if (location) {
      const next = new URL(location, url);
      if (next.pathname.endsWith('/sso/callback')) return next;
      url = next.toString();
      method = 'GET';
      body = undefined;
      continue;
    }
    const html = await res.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
    if (res.status !== 200 || !action || !prompt)
      throw new Error(`the provider answered ${res.status} without a form: ${html.slice(0, 300)}`);
    url = new URL(action.replace(/&amp;/g, '&'), url).toString();
    method = 'POST';
    body = new URLSearchParams(
      prompt === 'login' ? { prompt, login, password: 'any password' } : { prompt },
    ).toString();
  }
  throw new Error('the provider never sent the browser back');
}
