import { expect, it } from 'vitest';
import { useHarness } from '../../test/api-client.ts';
import { describeEachDialect } from '../../test/dialects.ts';

/** Issue 15, item 2: a session list with revoke, and signing out everywhere else. */
describeEachDialect('your sessions', (dialect) => {
  const h = useHarness(dialect);
  const signIn = async (email: string, password: string) => {
    const r = await h.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
    expect(r.statusCode).toBe(200);
    return r.cookies.find((c) => c.name === 'cl_session')!.value;
  };
  const as = (cookie: string, method: 'GET' | 'POST' | 'DELETE', url: string) =>
    h.app.inject({ method, url, cookies: { cl_session: cookie } });

  it('lists your sessions with the current one marked, revokes one, and signs out everywhere else', async () => {
    const mia = await h.invite('member', 'Mia');
    const laptop = await signIn(mia.email, 'password-123');
    const phone = await signIn(mia.email, 'password-123');
    const tablet = await signIn(mia.email, 'password-123');
    const owners = await signIn('owner@example.com', 'owner-password');

    const list = (await as(laptop, 'GET', '/api/v1/me/sessions')).json().items;
    // Sign-up's own session plus three sign-ins; never another person's.
    expect(list).toHaveLength(4);
    expect(list.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
    const phoneId = (await as(phone, 'GET', '/api/v1/me/sessions'))
      .json()
      .items.find((s: { current: boolean }) => s.current).id;

    // Another person cannot revoke it; its owner can, and it stops working at once.
    expect((await as(owners, 'DELETE', `/api/v1/me/sessions/${phoneId}`)).statusCode).toBe(404);
    expect((await as(phone, 'GET', '/api/v1/me')).statusCode).toBe(200);
    expect((await as(laptop, 'DELETE', `/api/v1/me/sessions/${phoneId}`)).statusCode).toBe(204);
    expect((await as(phone, 'GET', '/api/v1/me')).statusCode).toBe(401);

    const others = await as(laptop, 'POST', '/api/v1/me/sessions/revoke-others');
    expect(others.json()).toEqual({ revoked: 2 });
    expect((await as(tablet, 'GET', '/api/v1/me')).statusCode).toBe(401);
    expect((await as(laptop, 'GET', '/api/v1/me')).statusCode).toBe(200);
    expect((await as(owners, 'GET', '/api/v1/me')).statusCode).toBe(200);
    expect((await as(laptop, 'GET', '/api/v1/me/sessions')).json().items).toHaveLength(1);

    const audit = await h.req({ method: 'GET', url: '/api/v1/audit-log', as: h.owner });
    expect(audit.body.items.slice(0, 2).map((e: { action: string }) => e.action)).toEqual([
      'session.revoked_others',
      'session.revoked',
    ]);
  });
});
