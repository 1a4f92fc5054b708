import { expect, it } from 'vitest';
import { hashSecret, newSecret } from '../../accounts/secret-token.ts';
import { useHarness } from '../../test/api-client.ts';
import { describeEachDialect } from '../../test/dialects.ts';

/** The NIST password rules (core/accounts/password-rules) where a password is chosen. */
describeEachDialect('password rules at sign-up, invitation, change and reset', (dialect) => {
  const h = useHarness(dialect);
  let ip = 0;
  const login = (email: string, password: string) =>
    h.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password },
      remoteAddress: `10.1.0.${++ip}`,
    });
  const expectRefused = (
    r: { status: number; body: { error: { code: string; message: string; details: unknown } } },
    reason: string,
  ) => {
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('unprocessable');
    expect(r.body.error.details).toMatchObject({ field: 'password', reason });
  };

  it('accepting an invitation refuses a common password with a clear 422, then takes a passphrase', async () => {
    const email = 'new.person@example.com';
    const inv = await h.req({
      method: 'POST',
      url: '/api/v1/invitations',
      as: h.owner,
      payload: { email, role: 'member' },
    });
    const signup = (password: string) =>
      h.req({
        method: 'POST',
        url: '/api/v1/auth/signup',
        payload: { email, password, name: 'New', invitationToken: inv.body.token },
      });
    const common = await signup('Password123');
    expectRefused(common, 'common');
    expect(common.body.error.message).toMatch(/too common/);
    expectRefused(await signup('qwertyuiop'), 'common');
    expectRefused(await signup('new.person@example.com'), 'matches_email');
    // No composition rules: lower-case words and spaces only, 70 characters, is fine.
    const long = 'the quiet orange kettle hums beside a window that faces the harbour ok';
    expect(long.length).toBeGreaterThan(64);
    expect((await signup(long)).status).toBe(201);
    expect((await login(email, long)).statusCode).toBe(200);
  });

  it('changing a password needs the current one, follows the rules and ends the other sessions', async () => {
    const mia = await h.invite('member', 'Mia Member');
    const other = (await login(mia.email, 'password-123')).cookies.find(
      (c) => c.name === 'cl_session',
    )!.value;
    const change = (currentPassword: string, newPassword: string) =>
      h.req({
        method: 'POST',
        url: '/api/v1/me/password',
        as: mia,
        payload: { currentPassword, newPassword },
      });
    const wrong = await change('not-my-password', 'a perfectly fine phrase');
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details).toMatchObject({ field: 'currentPassword' });
    expectRefused(await change('password-123', 'iloveyou2024'), 'common');
    expect((await login(mia.email, 'password-123')).statusCode).toBe(200);

    const ok = await change('password-123', 'a perfectly fine phrase');
    expect(ok.status).toBe(200);
    expect(ok.body.sessionsEnded).toBeGreaterThanOrEqual(2);
    const stale = await h.app.inject({ method: 'GET', url: '/api/v1/me', cookies: { cl_session: other } });
    expect(stale.statusCode).toBe(401);
    expect((await login(mia.email, 'password-123')).statusCode).toBe(401);
    expect((await login(mia.email, 'a perfectly fine phrase')).statusCode).toBe(200);
    const log = await h.req({ method: 'GET', url: '/api/v1/audit-log', as: h.owner });
    expect(log.body.items.map((e: { action: string }) => e.action)).toContain('auth.password_changed');
  });

  it('a reset refuses a common password and keeps the token usable for a good one', async () => {
    const bob = await h.invite('member', 'Bob Builder');
    // The token as the reset mail would carry it (the mail itself is tested in password-reset.test.ts).
    const token = newSecret('clr');
    await h.svc.store.db
      .insertInto('password_resets')
      .values({
        user_id: bob.id,
        token_hash: hashSecret(token),
        created_at: Date.now(),
        expires_at: Date.now() + 60_000,
      })
      .execute();
    const complete = (password: string) =>
      h.req({ method: 'POST', url: '/api/v1/auth/password-reset/complete', payload: { token, password } });
    expectRefused(await complete('football123'), 'common');
    expect((await complete('bob builds sturdy sheds')).status).toBe(200);
    expect((await login(bob.email, 'bob builds sturdy sheds')).statusCode).toBe(200);
  });
});
