import { beforeAll, expect, it } from 'vitest';
import { type TestUser, useHarness } from '../../test/api-client.ts';
import { describeEachDialect } from '../../test/dialects.ts';

/**
 * Issue 15: API tokens with a scope. A read-only token only reads; a project token reaches only
 * its project (another project's things are hidden: 404; workspace-wide routes refused: 403).
 * Every route × scope is in the authorisation matrix; this shows the behaviour end to end.
 */
describeEachDialect('API token scopes', (dialect) => {
  const h = useHarness(dialect);
  let shopIssue: string;
  let opsIssue: string;

  const mint = async (payload: Record<string, unknown>): Promise<TestUser & { tokenId: number }> => {
    const r = await h.req({ method: 'POST', url: '/api/v1/tokens', as: h.owner, payload });
    expect(r.status).toBe(201);
    return { id: h.owner.id, email: h.owner.email, token: r.body.token, tokenId: r.body.id };
  };

  beforeAll(async () => {
    for (const key of ['SHOP', 'OPS'])
      expect(
        (await h.req({ method: 'POST', url: '/api/v1/projects', as: h.owner, payload: { key, name: key } }))
          .status,
      ).toBe(201);
    const issue = async (key: string) =>
      (
        await h.req({
          method: 'POST',
          url: `/api/v1/projects/${key}/issues`,
          as: h.owner,
          payload: { title: `In ${key}` },
        })
      ).body.key as string;
    shopIssue = await issue('SHOP');
    opsIssue = await issue('OPS');
  });

  it('lets a read-only token read and answers 403 to every write, minting a token included', async () => {
    const ro = await mint({ name: 'dashboard', readOnly: true });
    expect((await h.req({ method: 'GET', url: `/api/v1/issues/${shopIssue}`, as: ro })).status).toBe(200);
    expect((await h.req({ method: 'GET', url: '/api/v1/issues', as: ro })).status).toBe(200);
    const write = await h.req({
      method: 'POST',
      url: `/api/v1/issues/${shopIssue}/comments`,
      as: ro,
      payload: { body: 'from a read-only token' },
    });
    expect(write.status).toBe(403);
    expect(write.body.error).toMatchObject({ code: 'forbidden', message: 'This API token is read-only' });
    const escalate = await h.req({
      method: 'POST',
      url: '/api/v1/tokens',
      as: ro,
      payload: { name: 'full' },
    });
    expect(escalate.status).toBe(403);
    const comments = await h.req({ method: 'GET', url: `/api/v1/issues/${shopIssue}/comments`, as: h.owner });
    expect(JSON.stringify(comments.body)).not.toContain('from a read-only token');
  });

  it('keeps a project token in its project: 404 for another project, 403 for workspace-wide routes', async () => {
    const shop = await mint({ name: 'shop ci', project: 'SHOP' });
    expect((await h.req({ method: 'GET', url: '/api/v1/projects/SHOP', as: shop })).status).toBe(200);
    expect((await h.req({ method: 'GET', url: `/api/v1/issues/${shopIssue}`, as: shop })).status).toBe(200);
    const comment = await h.req({
      method: 'POST',
      url: `/api/v1/issues/${shopIssue}/comments`,
      as: shop,
      payload: { body: 'from the shop token' },
    });
    expect(comment.status).toBe(201);

    // Another project of the same workspace: exists, but hidden from this token as from a stranger.
    const other = await h.req({ method: 'GET', url: '/api/v1/projects/OPS', as: shop });
    expect(other.status).toBe(404);
    const otherIssue = await h.req({ method: 'GET', url: `/api/v1/issues/${opsIssue}`, as: shop });
    expect(otherIssue.status).toBe(404);
    expect(
      (await h.req({ method: 'PATCH', url: `/api/v1/issues/${opsIssue}`, as: shop, payload: { title: 'x' } }))
        .status,
    ).toBe(404);
    // Workspace-wide routes would reach every project: refused.
    for (const url of ['/api/v1/issues', '/api/v1/projects', '/api/v1/labels', '/api/v1/tokens']) {
      const r = await h.req({ method: 'GET', url, as: shop });
      expect(r.status, url).toBe(403);
      expect(r.body.error.message).toBe('This API token is limited to project SHOP');
    }
  });

  it('combines both limits, lists each token with its scope and audits it', async () => {
    const both = await mint({ name: 'shop reader', readOnly: true, project: 'shop' });
    expect((await h.req({ method: 'GET', url: `/api/v1/issues/${shopIssue}`, as: both })).status).toBe(200);
    expect(
      (
        await h.req({
          method: 'PATCH',
          url: `/api/v1/issues/${shopIssue}`,
          as: both,
          payload: { title: 'y' },
        })
      ).status,
    ).toBe(403);
    expect((await h.req({ method: 'GET', url: `/api/v1/issues/${opsIssue}`, as: both })).status).toBe(404);

    const list = (await h.req({ method: 'GET', url: '/api/v1/tokens', as: h.owner })).body as {
      id: number;
      readOnly: boolean;
      project: string | null;
    }[];
    expect(list.find((t) => t.id === both.tokenId)).toMatchObject({ readOnly: true, project: 'SHOP' });
    expect(list.find((t) => t.id !== both.tokenId && t.project === null && !t.readOnly)).toBeDefined();
    const audit = (await h.req({ method: 'GET', url: '/api/v1/audit-log', as: h.owner })).body.items;
    const created = audit.find((e: { action: string; target: string }) => e.target === 'shop reader');
    expect(created).toMatchObject({ action: 'token.created', details: { readOnly: true, project: 'SHOP' } });
  });

  it('refuses a token for a project the workspace does not have', async () => {
    const r = await h.req({
      method: 'POST',
      url: '/api/v1/tokens',
      as: h.owner,
      payload: { name: 'ghost', project: 'NOPE' },
    });
    expect(r.status).toBe(404);
  });
});
