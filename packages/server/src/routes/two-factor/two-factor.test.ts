import { expect, it } from 'vitest';
import { hashSecret } from '../../accounts/secret-token.ts';
import { totpCode } from '../../accounts/totp.ts';
import { type TestUser, useHarness } from '../../test/api-client.ts';
import { describeEachDialect } from '../../test/dialects.ts';

/**
 * Issue 15: two-factor sign-in (TOTP, RFC 6238) with one-time recovery codes, which a workspace
 * admin can require. Codes are computed here from the secret the server hands out.
 */
describeEachDialect('two-factor sign-in', (dialect) => {
  const h = useHarness(dialect);
  const login = (email: string, password: string) =>
    h.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
  const second = (challenge: string, code: string) =>
    h.app.inject({ method: 'POST', url: '/api/v1/auth/login/two-factor', payload: { challenge, code } });
  const cookieOf = (r: { cookies: { name: string; value: string }[] }) =>
    r.cookies.find((c) => c.name === 'cl_session')?.value;
  const withCookie = (cookie: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
    h.app.inject({ method, url, cookies: { cl_session: cookie }, ...(payload ? { payload } : {}) });

  /** Enrols `u` through the API; the secret and the recovery codes. */
  const enrol = async (u: TestUser) => {
    const setup = await h.req({ method: 'POST', url: '/api/v1/me/two-factor/setup', as: u });
    expect(setup.status).toBe(200);
    const { secret, otpauthUri } = setup.body as { secret: string; otpauthUri: string };
    expect(otpauthUri).toBe(
      `otpauth://totp/Closeloop%3A${encodeURIComponent(u.email)}?secret=${secret}&issuer=Closeloop&algorithm=SHA1&digits=6&period=30`,
    );
    const wrong = await h.req({
      method: 'POST',
      url: '/api/v1/me/two-factor/confirm',
      as: u,
      payload: { code: totpCode(secret, Date.now() - 5 * 60_000) },
    });
    expect(wrong.status).toBe(400);
    const ok = await h.req({
      method: 'POST',
      url: '/api/v1/me/two-factor/confirm',
      as: u,
      payload: { code: totpCode(secret, Date.now()) },
    });
    expect(ok.status).toBe(200);
    return { secret, recoveryCodes: ok.body.recoveryCodes as string[] };
  };

  it('enrols with a code, then signs in only with password and a code never used before', async () => {
    const mia = await h.invite('member', 'Mia Two');
    const { secret, recoveryCodes } = await enrol(mia);
    expect(recoveryCodes).toHaveLength(10);
    const status = await h.req({ method: 'GET', url: '/api/v1/me/two-factor', as: mia });
    expect(status.body).toEqual({ enabled: true, recoveryCodesLeft: 10, required: false });

    const first = await login(mia.email, 'password-123');
    expect(first.statusCode).toBe(200);
    expect(cookieOf(first)).toBeUndefined();
    const { challenge, twoFactorRequired } = first.json();
    expect(twoFactorRequired).toBe(true);
    expect((await second(challenge, '000000')).statusCode).toBe(401);
    // The next step's code: the enrolment used this step's, and a code never works twice.
    const code = totpCode(secret, Date.now() + 30_000);
    const done = await second(challenge, code);
    expect(done.statusCode).toBe(200);
    expect(done.json().user.email).toBe(mia.email);
    expect((await withCookie(cookieOf(done)!, 'GET', '/api/v1/me')).statusCode).toBe(200);
    // The challenge is spent; a new one with the same code is refused (replay).
    expect((await second(challenge, code)).statusCode).toBe(400);
    const again = (await login(mia.email, 'password-123')).json().challenge;
    expect((await second(again, code)).statusCode).toBe(401);

    const audit = (await h.req({ method: 'GET', url: '/api/v1/audit-log', as: h.owner })).body.items;
    const mine = audit.filter((e: { target: string }) => e.target === mia.email);
    expect(mine.map((e: { action: string }) => e.action)).toContain('auth.two_factor_enabled');
    expect(mine.find((e: { action: string }) => e.action === 'auth.sign_in').details).toEqual({
      secondFactor: 'totp',
    });
  });

  it('takes each recovery code once, and ends a challenge after five wrong codes', async () => {
    const rob = await h.invite('member', 'Rob Recovery');
    const { secret, recoveryCodes } = await enrol(rob);
    const challenge = async () => (await login(rob.email, 'password-123')).json().challenge as string;
    const code = recoveryCodes[3]!;
    expect((await second(await challenge(), code.toUpperCase())).statusCode).toBe(200);
    expect((await second(await challenge(), code)).statusCode).toBe(401);
    const status = await h.req({ method: 'GET', url: '/api/v1/me/two-factor', as: rob });
    expect(status.body.recoveryCodesLeft).toBe(9);

    const c = await challenge();
    for (let i = 0; i < 5; i++) expect((await second(c, '111111')).statusCode).toBe(401);
    expect((await second(c, totpCode(secret, Date.now() + 30_000))).statusCode).toBe(400);
  });

  it('lets an admin require it once they use it; until then others reach only their own settings', async () => {
    const ada = await h.invite('admin', 'Ada Require');
    const refused = await h.req({
      method: 'PUT',
      url: '/api/v1/workspace/two-factor',
      as: ada,
      payload: { required: true },
    });
    expect(refused.status).toBe(409);
    const { secret } = await enrol(ada);
    const member = await h.invite('member', 'Nia Late');
    const signedIn = await login(member.email, 'password-123');
    const cookie = cookieOf(signedIn)!;
    expect((await withCookie(cookie, 'GET', '/api/v1/issues')).statusCode).toBe(200);

    expect(
      (
        await h.req({
          method: 'PUT',
          url: '/api/v1/workspace/two-factor',
          as: ada,
          payload: { required: true },
        })
      ).status,
    ).toBe(200);
    const blocked = await withCookie(cookie, 'GET', '/api/v1/issues');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.details).toEqual({ reason: 'two_factor_required' });
    const me = await withCookie(cookie, 'GET', '/api/v1/me');
    expect(me.json().mustEnrolTwoFactor).toBe(true);
    // Enrolling through their own settings lets them in.
    const setup = (await withCookie(cookie, 'POST', '/api/v1/me/two-factor/setup')).json();
    const confirmed = await withCookie(cookie, 'POST', '/api/v1/me/two-factor/confirm', {
      code: totpCode(setup.secret, Date.now()),
    });
    expect(confirmed.statusCode).toBe(200);
    expect((await withCookie(cookie, 'GET', '/api/v1/issues')).statusCode).toBe(200);
    // Turning it off is refused while required.
    const off = await h.req({
      method: 'POST',
      url: '/api/v1/me/two-factor/disable',
      as: ada,
      payload: { code: totpCode(secret, Date.now() + 30_000) },
    });
    expect(off.status).toBe(409);
    await h.req({
      method: 'PUT',
      url: '/api/v1/workspace/two-factor',
      as: ada,
      payload: { required: false },
    });
    const offNow = await h.req({
      method: 'POST',
      url: '/api/v1/me/two-factor/disable',
      as: ada,
      payload: { code: totpCode(secret, Date.now() + 30_000) },
    });
    expect(offNow.status).toBe(204);
    expect(cookieOf(await login(ada.email, 'password-123'))).toBeDefined();
  });

  it('lets a password reset set the password but not sign in past the second factor', async () => {
    const pia = await h.invite('member', 'Pia Reset');
    const { secret } = await enrol(pia);
    const token = 'clr_two_factor_reset_test_token';
    const now = Date.now();
    await h.svc.store.db
      .insertInto('password_resets')
      .values({ user_id: pia.id, token_hash: hashSecret(token), created_at: now, expires_at: now + 60_000 })
      .execute();
    const reset = await h.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset/complete',
      payload: { token, password: 'a new reset passphrase' },
    });
    expect(reset.statusCode).toBe(200);
    expect(reset.json()).toEqual({ signInAgain: true });
    expect(cookieOf(reset)).toBeUndefined();
    const first = await login(pia.email, 'a new reset passphrase');
    expect(cookieOf(first)).toBeUndefined();
    const done = await second(first.json().challenge, totpCode(secret, Date.now() + 30_000));
    expect(done.statusCode).toBe(200);
  });
});
