import { afterAll, beforeAll, expect, it } from 'vitest';
import { totpCode } from '../../accounts/totp.ts';
import { authorizationUrl, discover, exchangeCode, newPkce } from '../../sso/oidc-client.ts';
import { verifyIdToken } from '../../sso/verify-id-token.ts';
import { useHarness } from '../../test/api-client.ts';
import { describeEachDialect } from '../../test/dialects.ts';
import {
  CLIENT_SECRET,
  signInAtProvider,
  startTestProvider,
  type TestProvider,
} from '../../test/oidc-provider.ts';

/**
 * Issue 15: single sign-on with OpenID Connect (authorisation code + PKCE) against a real
 * provider (oidc-provider) on loopback, on both databases. The test plays the browser: it starts
 * a sign-in, signs in on the provider's own pages, and hands the code and state to the API as the
 * app's /sso/callback page does.
 */
const REDIRECT = 'http://localhost:4000/sso/callback';

describeEachDialect('single sign-on (OpenID Connect)', (dialect) => {
  const h = useHarness(dialect, { env: { SSO_ALLOW_LOOPBACK: 'true' } });
  let idp: TestProvider;
  beforeAll(async () => {
    idp = await startTestProvider([REDIRECT]);
  });
  afterAll(() => idp?.close());

  const settings = (over: Record<string, unknown> = {}) =>
    h.req({
      method: 'PUT',
      url: '/api/v1/workspace/sso',
      as: h.owner,
      payload: {
        enabled: true,
        issuer: idp.issuer,
        clientId: 'closeloop',
        clientSecret: CLIENT_SECRET,
        allowedDomains: ['acme.test'],
        requireSso: false,
        ...over,
      },
    });

  /** Starts a sign-in; the provider URL and the browser's state cookie. */
  const start = async (body: object) => {
    const r = await h.app.inject({ method: 'POST', url: '/api/v1/auth/sso/start', payload: body });
    const cookie = r.cookies.find((c) => c.name === 'cl_sso_state');
    return { status: r.statusCode, body: r.json(), cookie: cookie?.value };
  };
  const callback = (code: string, state: string, browserState: string | undefined) =>
    h.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sso/callback',
      payload: { code, state },
      ...(browserState ? { cookies: { cl_sso_state: browserState } } : {}),
    });
  /**
   * The whole round trip for `login` at the provider, started by the workspace's slug (or by the
   * email's domain when it is one the workspace allows); `tamper` changes the URL sent to the provider.
   */
  const signInAs = async (login: string, tamper: (u: URL) => void = () => {}) => {
    const s = await start(login.endsWith('@acme.test') ? { email: login } : { workspace: 'acme' });
    expect(s.status).toBe(200);
    const url = new URL(s.body.url);
    tamper(url);
    const back = await signInAtProvider(url.toString(), login);
    const res = await callback(back.searchParams.get('code')!, back.searchParams.get('state')!, s.cookie);
    return { res, session: res.cookies.find((c) => c.name === 'cl_session')?.value };
  };
  const auditOf = async (action: string) =>
    (await h.req({ method: 'GET', url: '/api/v1/audit-log?limit=200', as: h.owner })).body.items.filter(
      (e: { action: string }) => e.action === action,
    );

  it('saves the settings for admins without ever answering the client secret, sealed in storage', async () => {
    const saved = await settings();
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({
      enabled: true,
      issuer: idp.issuer,
      clientId: 'closeloop',
      clientSecretSet: true,
      allowedDomains: ['acme.test'],
      redirectUri: REDIRECT,
    });
    const read = await h.req({ method: 'GET', url: '/api/v1/workspace/sso', as: h.owner });
    expect(JSON.stringify(read.body)).not.toContain(CLIENT_SECRET);
    const rows = await h.svc.store.db.selectFrom('workspace_sso').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(CLIENT_SECRET);
    expect(rows[0]!.client_secret).toMatch(/^sealed:v1:/);
    const [entry] = await auditOf('workspace.sso_settings_changed');
    expect(entry.details).toMatchObject({ enabled: true, clientSecretChanged: true });
    expect(JSON.stringify(entry)).not.toContain(CLIENT_SECRET);

    expect((await settings({ enabled: false, requireSso: true })).status).toBe(400);
    // Turning it on checks discovery first: nothing answers on this port.
    const dead = await settings({ issuer: 'http://127.0.0.1:9/' });
    expect(dead.status).toBe(422);
    expect((await settings({ issuer: 'http://idp.example.com' })).status).toBe(400);
  });

  it('lets a new person of an allowed domain in as a member, and finds the same account next time', async () => {
    await settings();
    idp.accounts.set('nora@acme.test', { name: 'Nora North' });
    const first = await signInAs('nora@acme.test');
    expect(first.res.statusCode).toBe(200);
    expect(first.res.json().me).toMatchObject({
      user: { email: 'nora@acme.test', name: 'Nora North' },
      role: 'member',
    });
    expect(first.res.json().next).toBeNull();
    const me = await h.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      cookies: { cl_session: first.session! },
    });
    expect(me.json().user.email).toBe('nora@acme.test');

    const again = await signInAs('nora@acme.test');
    expect(again.res.json().me.user.id).toBe(first.res.json().me.user.id);
    expect((await auditOf('auth.sso_joined')).map((e: { target: string }) => e.target)).toEqual([
      'nora@acme.test',
    ]);
    const signIns = (await auditOf('auth.sign_in')).filter(
      (e: { target: string }) => e.target === 'nora@acme.test',
    );
    expect(signIns).toHaveLength(2);
    expect(signIns[0].details).toMatchObject({ method: 'sso', issuer: idp.issuer });
  });

  it('answers two first sign-ins of the same newcomer at once with one account, never a 500', async () => {
    await settings();
    const ready = await Promise.all(
      [1, 2].map(async () => {
        const s = await start({ email: 'twin@acme.test' });
        const back = await signInAtProvider(s.body.url, 'twin@acme.test');
        return {
          code: back.searchParams.get('code')!,
          state: back.searchParams.get('state')!,
          cookie: s.cookie,
        };
      }),
    );
    const answers = await Promise.all(ready.map((r) => callback(r.code, r.state, r.cookie)));
    for (const a of answers) expect([200, 409]).toContain(a.statusCode);
    expect(answers.some((a) => a.statusCode === 200)).toBe(true);
    const accounts = await h.svc.store.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'twin@acme.test')
      .execute();
    expect(accounts).toHaveLength(1);
  });

  it('links an existing account by its verified email and keeps its role; ES256 tokens too', async () => {
    const admin = await h.invite('admin', 'Ada Existing');
    // Another client of the provider signs id_tokens with ES256; the stored secret is kept.
    expect((await settings({ clientId: 'closeloop-es', clientSecret: undefined })).status).toBe(200);
    const r = await signInAs(admin.email);
    expect(r.res.statusCode).toBe(200);
    expect(r.res.json().me).toMatchObject({ user: { id: admin.id }, role: 'admin' });
    await settings();
  });

  it('lets newcomers join with the highest role their groups map to, else as members', async () => {
    const saved = await settings({
      groupRoles: [
        { group: 'staff', role: 'viewer' },
        { group: 'eng-leads', role: 'admin' },
      ],
    });
    expect(saved.body).toMatchObject({
      groupsClaim: 'groups',
      groupRoles: [{ group: 'staff', role: 'viewer' }, {}],
    });
    idp.accounts.set('lead@acme.test', { groups: ['staff', 'eng-leads'] });
    idp.accounts.set('clerk@acme.test', { groups: ['staff'] });
    idp.accounts.set('sales@acme.test', { groups: ['sales'] });
    const roleOf = async (login: string) => (await signInAs(login)).res.json().me.role;
    expect(await roleOf('lead@acme.test')).toBe('admin');
    expect(await roleOf('clerk@acme.test')).toBe('viewer');
    expect(await roleOf('sales@acme.test')).toBe('member');
    expect((await settings({ groupRoles: [{ group: 'x', role: 'owner' }] })).status).toBe(400);
    await settings();
  });

  it('refuses an email domain not allowed, an unverified email, and accepts a pending invitation', async () => {
    await settings();
    const outsider = await signInAs('zed@elsewhere.test');
    expect(outsider.res.statusCode).toBe(403);
    expect(outsider.res.json().error.details.reason).toBe('domain_not_allowed');
    expect(outsider.session).toBeUndefined();

    idp.accounts.set('unsure@acme.test', { emailVerified: false });
    const unverified = await signInAs('unsure@acme.test');
    expect(unverified.res.statusCode).toBe(403);
    expect(unverified.res.json().error.details.reason).toBe('email_unverified');

    const inv = await h.req({
      method: 'POST',
      url: '/api/v1/invitations',
      as: h.owner,
      payload: { email: 'guest@elsewhere.test', role: 'viewer' },
    });
    expect(inv.status).toBe(201);
    // Started by workspace slug: the domain names no workspace.
    const s = await start({ workspace: 'acme' });
    expect(s.status).toBe(200);
    const back = await signInAtProvider(s.body.url, 'guest@elsewhere.test');
    const guest = await callback(back.searchParams.get('code')!, back.searchParams.get('state')!, s.cookie);
    expect(guest.statusCode).toBe(200);
    expect(guest.json().me.role).toBe('viewer');
    const failed = (await auditOf('auth.sign_in_failed')).map(
      (e: { details: { reason: string } }) => e.details.reason,
    );
    expect(failed).toEqual(expect.arrayContaining(['domain_not_allowed', 'email_unverified']));
  });

  it('refuses a state it never gave, a state from another browser, a used state and a foreign nonce', async () => {
    await settings();
    const s = await start({ email: 'sam@acme.test' });
    const back = await signInAtProvider(s.body.url, 'sam@acme.test');
    const code = back.searchParams.get('code')!;
    const state = back.searchParams.get('state')!;
    expect((await callback(code, 'forged-state', 'forged-state')).statusCode).toBe(400);
    // Login CSRF: someone else's code and state, without their browser's cookie.
    const elsewhere = await callback(code, state, undefined);
    expect(elsewhere.statusCode).toBe(400);
    expect(elsewhere.json().error.details.reason).toBe('state');
    expect((await callback(code, state, s.cookie)).statusCode).toBe(200);
    expect((await callback(code, state, s.cookie)).statusCode).toBe(400);

    // The provider signs whatever nonce it is asked for: a token minted for another sign-in.
    const replayed = await signInAs('sam@acme.test', (u) =>
      u.searchParams.set('nonce', 'nonce-of-another-sign-in'),
    );
    expect(replayed.res.statusCode).toBe(400);
    expect(replayed.res.json().error.details.reason).toBe('nonce');
    expect(replayed.session).toBeUndefined();
  });

  it('refuses a code the provider issued to another client', async () => {
    await settings();
    const r = await signInAs('sam@acme.test', (u) => u.searchParams.set('client_id', 'other-app'));
    expect(r.res.statusCode).toBe(400);
    expect(r.res.json().error.details.reason).toBe('code_refused');
  });

  it("refuses the provider's real id_tokens when meant for another client or expired", async () => {
    const meta = await discover(idp.issuer, true);
    /** A real id_token for `clientId`, through the provider's pages, as that client would get it. */
    const tokenFor = async (clientId: string) => {
      const pkce = newPkce();
      const url = authorizationUrl(meta, {
        clientId,
        redirectUri: REDIRECT,
        state: 'st',
        nonce: 'n-1',
        codeChallenge: pkce.challenge,
      });
      const back = await signInAtProvider(url, 'tess@acme.test');
      return exchangeCode(meta, {
        clientId,
        clientSecret: CLIENT_SECRET,
        redirectUri: REDIRECT,
        code: back.searchParams.get('code')!,
        codeVerifier: pkce.verifier,
      });
    };
    const want = { issuer: idp.issuer, clientId: 'closeloop', nonce: 'n-1', now: Date.now() };
    const ours = await tokenFor('closeloop');
    expect(await verifyIdToken(ours.idToken, meta, want, ours.accessToken)).toMatchObject({
      ok: true,
      identity: { subject: 'tess@acme.test', email: 'tess@acme.test', emailVerified: true },
    });
    // Another client of the provider signs with ES256 (P-256).
    const es = await tokenFor('closeloop-es');
    expect(JSON.parse(Buffer.from(es.idToken.split('.')[0]!, 'base64url').toString()).alg).toBe('ES256');
    expect(await verifyIdToken(es.idToken, meta, { ...want, clientId: 'closeloop-es' })).toMatchObject({
      ok: true,
    });
    const foreign = await tokenFor('other-app');
    expect(await verifyIdToken(foreign.idToken, meta, want)).toMatchObject({ ok: false, reason: 'audience' });
    // The provider's tokens live an hour; two hours later the same token is refused.
    expect(
      await verifyIdToken(ours.idToken, meta, { ...want, now: Date.now() + 2 * 3600_000 }),
    ).toMatchObject({
      ok: false,
      reason: 'expired',
    });
    const [head, body] = ours.idToken.split('.');
    const otherSignature = foreign.idToken.split('.')[2];
    expect(await verifyIdToken(`${head}.${body}.${otherSignature}`, meta, want)).toMatchObject({
      ok: false,
      reason: 'signature',
    });
  });

  it('asks no code of someone who came through the provider where two-factor sign-in is required', async () => {
    await settings();
    const admin = await h.invite('admin', 'Tia Twofactor');
    const { secret } = (await h.req({ method: 'POST', url: '/api/v1/me/two-factor/setup', as: admin })).body;
    const code = totpCode(secret, Date.now());
    expect(
      (await h.req({ method: 'POST', url: '/api/v1/me/two-factor/confirm', as: admin, payload: { code } }))
        .status,
    ).toBe(200);
    const require = (required: boolean) =>
      h.req({ method: 'PUT', url: '/api/v1/workspace/two-factor', as: admin, payload: { required } });
    expect((await require(true)).status).toBe(200);
    try {
      const viaSso = await signInAs('uma@acme.test');
      const issues = await h.app.inject({
        method: 'GET',
        url: '/api/v1/issues',
        cookies: { cl_session: viaSso.session! },
      });
      expect(issues.statusCode).toBe(200);
      // The same person with a password session would be sent to set up a code first.
      await h.svc.store.db
        .updateTable('sessions')
        .set({ signed_in_with: 'password' })
        .where('user_id', '=', viaSso.res.json().me.user.id)
        .execute();
      const asPassword = await h.app.inject({
        method: 'GET',
        url: '/api/v1/issues',
        cookies: { cl_session: viaSso.session! },
      });
      expect(asPassword.statusCode).toBe(403);
    } finally {
      await require(false);
    }
  });

  it('under "SSO only" refuses password sign-in to all but owners, who keep it as the break-glass path', async () => {
    const member = await h.invite('member', 'Mo Password');
    const admin = await h.invite('admin', 'Al Password');
    expect((await settings({ requireSso: true })).status).toBe(200);
    const login = (email: string, password: string) =>
      h.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
    for (const who of [member, admin]) {
      const refused = await login(who.email, 'password-123');
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error.details.reason).toBe('sso_required');
      expect(refused.cookies.find((c) => c.name === 'cl_session')).toBeUndefined();
    }
    // A wrong password still answers as any wrong password does: the rule reveals nothing before it.
    expect((await login(member.email, 'wrong-password')).statusCode).toBe(401);
    expect((await login('owner@example.com', 'owner-password')).statusCode).toBe(200);
    // An invitation is accepted through the provider, not with a new password.
    const inv = await h.req({
      method: 'POST',
      url: '/api/v1/invitations',
      as: h.owner,
      payload: { email: 'late@acme.test', role: 'member' },
    });
    const signup = await h.app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: {
        email: 'late@acme.test',
        password: 'a fine passphrase',
        name: 'Late',
        invitationToken: inv.body.token,
      },
    });
    expect(signup.statusCode).toBe(403);
    // Signing in through the provider still works for the member.
    const sso = await signInAs(member.email);
    expect(sso.res.statusCode).toBe(200);
    expect(sso.res.json().me.role).toBe('member');
    await settings();
    expect((await login(member.email, 'password-123')).statusCode).toBe(200);
  });
});
