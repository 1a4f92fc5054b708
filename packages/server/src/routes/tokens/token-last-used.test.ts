import { expect, it } from 'vitest';
import { useHarness } from '../../test/api-client.ts';
import { describeEachDialect } from '../../test/dialects.ts';

/**
 * Regression for issue 9.5: every request with an API token wrote the token's last-used time,
 * turning each read into a write. It is now written at most once a minute per token.
 */
describeEachDialect('API token last-used time', (dialect) => {
  const h = useHarness(dialect);

  it('is noted on first use, then not rewritten by the requests of the same minute', async () => {
    const user = await h.invite('member');
    const tokens = h.svc.store.db
      .selectFrom('api_tokens')
      .select(['id', 'last_used_at'])
      .where('user_id', '=', user.id);
    expect((await h.req({ method: 'GET', url: '/api/v1/me', as: user })).status).toBe(200);
    // Written off the request path: wait for it.
    let first: number | null = null;
    for (let i = 0; i < 100 && first === null; i++) {
      first = (await tokens.executeTakeFirstOrThrow()).last_used_at;
      if (first === null) await new Promise((r) => setTimeout(r, 20));
    }
    expect(first).not.toBeNull();

    // A marker only a write could change; 20 more requests within the minute leave it alone.
    const marker = first! - 1;
    await h.svc.store.db
      .updateTable('api_tokens')
      .set({ last_used_at: marker })
      .where('user_id', '=', user.id)
      .execute();
    for (let i = 0; i < 20; i++)
      expect((await h.req({ method: 'GET', url: '/api/v1/issues', as: user })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 100));
    expect((await tokens.executeTakeFirstOrThrow()).last_used_at).toBe(marker);

    // The token list still says when it was last used.
    const list = await h.req({ method: 'GET', url: '/api/v1/tokens', as: user });
    expect(list.body[0].lastUsedAt).toBe(new Date(marker).toISOString());
  });
});
