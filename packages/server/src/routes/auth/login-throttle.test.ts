import { MAX_FAILURES } from '@closeloop/core/limits/login-throttle';
import { expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { useHarness } from '../../test/api-client.ts';
import { describeEachDialect } from '../../test/dialects.ts';

/** Issue 15: the sign-in limit was bypassed by forging X-Forwarded-For, and no account ever locked. */
describeEachDialect('sign-in throttling per account and per address', (dialect) => {
  const h = useHarness(dialect);
  const login = (app: typeof h.app, email: string, password: string, forwardedFor?: string) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password },
      headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
    });

  it('locks an account after repeated wrong passwords, even for the right one, and says for how long', async () => {
    const victim = await h.invite('member', 'Vic Tim');
    for (let i = 0; i < MAX_FAILURES; i++) {
      expect((await login(h.app, victim.email, `guess-${i}`, `203.0.113.${i}`)).statusCode).toBe(401);
    }
    const locked = await login(h.app, victim.email, 'password-123', '198.51.100.7');
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error).toMatchObject({
      code: 'rate_limited',
      details: { reason: 'account_locked' },
    });
    expect(locked.json().error.message).toMatch(/locked for 15 more minutes/);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(800);
    // Other accounts sign in as usual; an unknown address locks the same way (no account oracle).
    expect((await login(h.app, 'owner@example.com', 'owner-password')).statusCode).toBe(200);
    for (let i = 0; i < MAX_FAILURES; i++) await login(h.app, 'nobody@example.com', `guess-${i}`);
    const unknown = await login(h.app, 'nobody@example.com', 'whatever-1');
    expect([unknown.statusCode, unknown.json().error.details]).toEqual([429, { reason: 'account_locked' }]);
  }, 180_000);

  it('a success before the lock clears the count', async () => {
    const user = await h.invite('member', 'Sue Cess');
    // Its own app, so the per-address limit of the test above is not shared.
    const app = await buildApp(h.svc, { webDist: '/x' });
    for (let i = 0; i < MAX_FAILURES - 1; i++) await login(app, user.email, `guess-${i}`);
    expect((await login(app, user.email, 'password-123')).statusCode).toBe(200);
    for (let i = 0; i < MAX_FAILURES - 1; i++) await login(app, user.email, `guess-${i}`);
    expect((await login(app, user.email, 'password-123')).statusCode).toBe(200);
    await app.close();
  }, 180_000);

  it('ignores X-Forwarded-For unless TRUST_PROXY names the proxy', async () => {
    const attempts = async (app: typeof h.app) => {
      const statuses: number[] = [];
      // Distinct addresses, so only the per-address limit (30 a minute) can answer 429.
      for (let i = 0; i < 31; i++) {
        statuses.push((await login(app, `ip${i}@example.com`, 'wrong-password', `192.0.2.${i}`)).statusCode);
      }
      return statuses;
    };
    const direct = await buildApp(
      { ...h.svc, config: { ...h.svc.config, trustProxy: false } },
      { webDist: '/x' },
    );
    const forged = await attempts(direct);
    expect(forged.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(forged[30]).toBe(429);
    await direct.close();
    // Behind a configured proxy (inject connects from 127.0.0.1), each forwarded client has its own budget.
    const proxied = await buildApp(
      { ...h.svc, config: { ...h.svc.config, trustProxy: ['127.0.0.1'] } },
      { webDist: '/x' },
    );
    expect((await attempts(proxied)).every((s) => s === 401)).toBe(true);
    await proxied.close();
  }, 180_000);
});
