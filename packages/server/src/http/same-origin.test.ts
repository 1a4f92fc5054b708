import { expect, it } from 'vitest';
import { useHarness } from '../test/api-client.ts';
import { describeEachDialect } from '../test/dialects.ts';

/** Issue 15: a JSON write with the session cookie and a foreign Origin was accepted. */
describeEachDialect('cookie-authenticated writes from another site', (dialect) => {
  const h = useHarness(dialect);

  it('are refused with 403, while same-origin and token writes go through', async () => {
    const login = await h.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'owner@example.com', password: 'owner-password' },
    });
    const cookies = { cl_session: login.cookies.find((c) => c.name === 'cl_session')!.value };
    const post = (headers: Record<string, string>, key: string) =>
      h.app.inject({
        method: 'POST',
        url: '/api/v1/projects',
        cookies,
        headers: { host: 'closeloop.test', ...headers },
        payload: { key, name: key },
      });
    const foreign = await post({ origin: 'https://evil.example' }, 'EVIL');
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().error.code).toBe('forbidden');
    expect((await post({ referer: 'https://evil.example/page' }, 'EVIL')).statusCode).toBe(403);
    expect((await post({ origin: 'null' }, 'EVIL')).statusCode).toBe(403);
    expect((await post({ origin: 'http://closeloop.test' }, 'SAME')).statusCode).toBe(201);
    expect((await post({}, 'NOORIG')).statusCode).toBe(201);
    // A bearer token carries no ambient authority: no origin check.
    const token = await h.req({
      method: 'POST',
      url: '/api/v1/projects',
      as: h.owner,
      headers: { origin: 'https://evil.example' },
      payload: { key: 'TOKEN', name: 'Token' },
    });
    expect(token.status).toBe(201);
    const list = await h.req({ method: 'GET', url: '/api/v1/projects', as: h.owner });
    expect(JSON.stringify(list.body)).not.toContain('EVIL');
  });
});
