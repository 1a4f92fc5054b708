import { beforeAll, expect, it } from 'vitest';
import { type TestUser, useHarness } from '../../test/api-client.ts';
import { describeEachDialect } from '../../test/dialects.ts';

describeEachDialect('projects, teams, labels and comments', (dialect) => {
  const h = useHarness(dialect);
  let member: TestUser;
  let viewer: TestUser;

  beforeAll(async () => {
    member = await h.invite('member');
    viewer = await h.invite('viewer');
  });

  it('creates projects for admins only, with unique upper-case keys', async () => {
    expect(
      (
        await h.req({
          method: 'POST',
          url: '/api/v1/projects',
          as: member,
          payload: { key: 'APP', name: 'App' },
        })
      ).status,
    ).toBe(403);
    const ok = await h.req({
      method: 'POST',
      url: '/api/v1/projects',
      as: h.owner,
      payload: { key: 'APP', name: 'Mobile app' },
    });
    expect(ok.status).toBe(201);
    expect(ok.body.statuses.map((s: { category: string }) => s.category)).toEqual(
      expect.arrayContaining(['todo', 'in_progress', 'done']),
    );
    expect(
      (
        await h.req({
          method: 'POST',
          url: '/api/v1/projects',
          as: h.owner,
          payload: { key: 'APP', name: 'Again' },
        })
      ).status,
    ).toBe(409);
    expect(
      (
        await h.req({
          method: 'POST',
          url: '/api/v1/projects',
          as: h.owner,
          payload: { key: 'app', name: 'lower' },
        })
      ).status,
    ).toBe(400);
    expect((await h.req({ method: 'GET', url: '/api/v1/projects/app', as: viewer })).body.name).toBe(
      'Mobile app',
    );
    expect((await h.req({ method: 'GET', url: '/api/v1/projects/NOPE', as: viewer })).status).toBe(404);
    const renamed = await h.req({
      method: 'PATCH',
      url: '/api/v1/projects/APP',
      as: h.owner,
      payload: { name: 'Mobile app launch', archived: true },
    });
    expect(renamed.body).toMatchObject({ name: 'Mobile app launch' });
    expect(renamed.body.archivedAt).not.toBeNull();
  });

  it('manages cross-functional teams with members of the workspace only', async () => {
    const team = await h.req({
      method: 'POST',
      url: '/api/v1/teams',
      as: h.owner,
      payload: { key: 'launch', name: 'Launch squad', memberIds: [member.id, viewer.id] },
    });
    expect(team.status).toBe(201);
    expect(team.body.memberIds.sort()).toEqual([member.id, viewer.id].sort());
    expect(
      (await h.req({ method: 'POST', url: '/api/v1/teams', as: member, payload: { key: 'x', name: 'X' } }))
        .status,
    ).toBe(400);
    expect(
      (await h.req({ method: 'POST', url: '/api/v1/teams', as: member, payload: { key: 'xx', name: 'X' } }))
        .status,
    ).toBe(403);
    expect(
      (
        await h.req({
          method: 'POST',
          url: '/api/v1/teams',
          as: h.owner,
          payload: { key: 'ghosts', name: 'G', memberIds: [424242] },
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await h.req({
          method: 'POST',
          url: '/api/v1/teams',
          as: h.owner,
          payload: { key: 'launch', name: 'Dup' },
        })
      ).status,
    ).toBe(409);
    const updated = await h.req({
      method: 'PATCH',
      url: `/api/v1/teams/${team.body.id}`,
      as: h.owner,
      payload: { memberIds: [member.id] },
    });
    expect(updated.body.memberIds).toEqual([member.id]);
    expect((await h.req({ method: 'GET', url: '/api/v1/teams/99999', as: viewer })).status).toBe(404);
    expect(
      (await h.req({ method: 'DELETE', url: `/api/v1/teams/${team.body.id}`, as: h.owner })).status,
    ).toBe(204);
  });

  it('creates labels, refuses duplicates and viewers', async () => {
    const l = await h.req({
      method: 'POST',
      url: '/api/v1/labels',
      as: member,
      payload: { name: 'design-assets', color: '#22c55e' },
    });
    expect(l.status).toBe(201);
    expect(
      (await h.req({ method: 'POST', url: '/api/v1/labels', as: member, payload: { name: 'design-assets' } }))
        .status,
    ).toBe(409);
    expect(
      (
        await h.req({
          method: 'POST',
          url: '/api/v1/labels',
          as: member,
          payload: { name: 'x', color: 'green' },
        })
      ).status,
    ).toBe(400);
    expect(
      (await h.req({ method: 'POST', url: '/api/v1/labels', as: viewer, payload: { name: 'nope' } })).status,
    ).toBe(403);
    expect((await h.req({ method: 'DELETE', url: `/api/v1/labels/${l.body.id}`, as: member })).status).toBe(
      204,
    );
    expect((await h.req({ method: 'DELETE', url: `/api/v1/labels/${l.body.id}`, as: member })).status).toBe(
      404,
    );
  });

  it('comments in sanitised Markdown, edits by the author only, and shows them in history', async () => {
    await h.req({
      method: 'POST',
      url: '/api/v1/projects',
      as: h.owner,
      payload: { key: 'OPS', name: 'Ops' },
    });
    const issue = (
      await h.req({
        method: 'POST',
        url: '/api/v1/projects/OPS/issues',
        as: member,
        payload: { title: 'Discuss' },
      })
    ).body;
    const c = await h.req({
      method: 'POST',
      url: `/api/v1/issues/${issue.key}/comments`,
      as: member,
      payload: { body: '**v5** assets <script>alert(1)</script>' },
    });
    expect(c.status).toBe(201);
    expect(c.body.bodyHtml).toContain('<strong>v5</strong>');
    expect(c.body.bodyHtml).not.toContain('<script>');
    expect(
      (
        await h.req({
          method: 'POST',
          url: `/api/v1/issues/${issue.key}/comments`,
          as: viewer,
          payload: { body: 'hi' },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await h.req({
          method: 'POST',
          url: `/api/v1/issues/${issue.key}/comments`,
          as: member,
          payload: { body: '   ' },
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await h.req({
          method: 'POST',
          url: '/api/v1/issues/OPS-999/comments',
          as: member,
          payload: { body: 'x' },
        })
      ).status,
    ).toBe(404);
    const other = await h.invite('member');
    expect(
      (
        await h.req({
          method: 'PATCH',
          url: `/api/v1/comments/${c.body.id}`,
          as: other,
          payload: { body: 'mine now' },
        })
      ).status,
    ).toBe(403);
    const edited = await h.req({
      method: 'PATCH',
      url: `/api/v1/comments/${c.body.id}`,
      as: member,
      payload: { body: 'v5 assets are in the drive' },
    });
    expect(edited.body.body).toBe('v5 assets are in the drive');
    const list = await h.req({ method: 'GET', url: `/api/v1/issues/${issue.key}/comments`, as: viewer });
    expect(list.body).toHaveLength(1);
    const history = (await h.req({ method: 'GET', url: `/api/v1/issues/${issue.key}/activity`, as: viewer }))
      .body;
    expect(history.map((a: { action: string }) => a.action)).toEqual([
      'created',
      'commented',
      'comment_edited',
    ]);
    expect(
      (await h.req({ method: 'DELETE', url: `/api/v1/comments/${c.body.id}`, as: h.owner })).status,
    ).toBe(204);
    expect(
      (await h.req({ method: 'GET', url: `/api/v1/issues/${issue.key}/comments`, as: viewer })).body,
    ).toHaveLength(0);
  });

  it('serves the OpenAPI document, health and JSON 404s', async () => {
    const doc = await h.req({ method: 'GET', url: '/api/docs/json' });
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/issues', '/api/v1/issues/{key}', '/api/v1/projects/{key}/issues']),
    );
    expect((await h.req({ method: 'GET', url: '/healthz' })).body).toMatchObject({
      ok: true,
      database: dialect,
    });
    const nf = await h.req({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(nf.status).toBe(404);
    expect(nf.body.error.code).toBe('not_found');
    const wrongType = await h.req({
      method: 'POST',
      url: '/api/v1/labels',
      as: member,
      headers: { 'content-type': 'text/plain' },
      payload: 'name=x',
    });
    expect(wrongType.status).toBe(415);
  });
});
