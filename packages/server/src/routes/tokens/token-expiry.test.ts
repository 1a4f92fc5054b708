import { expect, it } from 'vitest';
import { useHarness } from '../../test/api-client.ts';
import { describeEachDialect } from '../../test/dialects.ts';

/** Issue 15: API tokens never expired. A token may now carry an expiry and stops working after it. */
describeEachDialect('API token expiry', (dialect) => {
  const h = useHarness(dialect);

  it('a token made to expire works until its expiry and answers 401 after it; one without keeps working', async () => {
    const made = await h.req({
      method: 'POST',
      url: '/api/v1/tokens',
      as: h.owner,
      payload: { name: 'ci', expiresInDays: 30 },
    });
    expect(made.status).toBe(201);
    const days = (Date.parse(made.body.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThanOrEqual(30);
    const ci = { id: h.owner.id, email: h.owner.email, token: made.body.token as string };
    expect((await h.req({ method: 'GET', url: '/api/v1/me', as: ci })).status).toBe(200);
    // Thirty days later, as far as the token is concerned.
    await h.svc.store.db
      .updateTable('api_tokens')
      .set({ expires_at: Date.now() - 1 })
      .where('id', '=', made.body.id)
      .execute();
    expect((await h.req({ method: 'GET', url: '/api/v1/me', as: ci })).status).toBe(401);
    expect((await h.req({ method: 'GET', url: '/api/v1/me', as: h.owner })).status).toBe(200);
    const list = await h.req({ method: 'GET', url: '/api/v1/tokens', as: h.owner });
    expect(list.body.find((t: { id: number }) => t.id === made.body.id).expiresAt).not.toBeNull();
    const bad = await h.req({
      method: 'POST',
      url: '/api/v1/tokens',
      as: h.owner,
      payload: { name: 'x', expiresInDays: 0 },
    });
    expect(bad.status).toBe(400);
  });
});
