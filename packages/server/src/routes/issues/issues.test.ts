import { beforeAll, expect, it } from 'vitest';
import { type TestUser, useHarness } from '../../test/api-client.ts';
import { describeEachDialect } from '../../test/dialects.ts';

describeEachDialect('issues API', (dialect) => {
  const h = useHarness(dialect);
  let member: TestUser;
  let viewer: TestUser;

  beforeAll(async () => {
    member = await h.invite('member', 'Mia Member');
    viewer = await h.invite('viewer', 'Vic Viewer');
    const p = await h.req({
      method: 'POST',
      url: '/api/v1/projects',
      as: h.owner,
      payload: { key: 'SHOP', name: 'Shop' },
    });
    expect(p.status).toBe(201);
  });

  const create = (payload: Record<string, unknown>, as: TestUser = member) =>
    h.req({ method: 'POST', url: '/api/v1/projects/SHOP/issues', as, payload });

  it('creates issues numbered per project and reads them by key', async () => {
    const a = await create({
      title: 'Checkout is slow around noon',
      type: 'incident',
      priority: 'high',
      labels: ['checkout', 'perf'],
    });
    expect(a.status).toBe(201);
    expect(a.body).toMatchObject({
      key: 'SHOP-1',
      number: 1,
      status: 'todo',
      statusCategory: 'todo',
      priority: 'high',
      labels: ['checkout', 'perf'],
      version: 1,
      reporterId: member.id,
    });
    const b = await create({ title: 'Second' });
    expect(b.body.key).toBe('SHOP-2');
    const read = await h.req({ method: 'GET', url: '/api/v1/issues/shop-1', as: viewer });
    expect(read.status).toBe(200);
    expect(read.body.title).toBe('Checkout is slow around noon');
  });

  it('rejects invalid input with a 400 naming the field', async () => {
    const r = await create({ title: '', priority: 'extreme' });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('invalid');
    const paths = r.body.error.details.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['body.title', 'body.priority']));
  });

  it('rejects unknown fields, wrong types and bad dates', async () => {
    expect((await create({ title: 'x', colour: 'red' })).status).toBe(400);
    expect((await create({ title: 42 })).status).toBe(400);
    expect((await create({ title: 'x', dueDate: '2026-13-45' })).status).toBe(400);
  });

  it('answers 400 for malformed JSON and 413 for oversized bodies, never 500', async () => {
    const bad = await h.req({
      method: 'POST',
      url: '/api/v1/projects/SHOP/issues',
      as: member,
      headers: { 'content-type': 'application/json' },
      payload: '{"title": "unterminated',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid');
    const huge = await create({ title: 'x', description: 'a'.repeat(1_100_000) });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('payload_too_large');
  });

  it('forbids viewers from creating or editing', async () => {
    const r = await create({ title: 'nope' }, viewer);
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('forbidden');
    const u = await h.req({
      method: 'PATCH',
      url: '/api/v1/issues/SHOP-1',
      as: viewer,
      payload: { version: 1, title: 'x' },
    });
    expect(u.status).toBe(403);
  });

  it('answers 401 without credentials and with a revoked token', async () => {
    expect((await h.req({ method: 'GET', url: '/api/v1/issues' })).status).toBe(401);
    expect(
      (await h.req({ method: 'GET', url: '/api/v1/issues', headers: { authorization: 'Bearer clt_nope' } }))
        .status,
    ).toBe(401);
  });

  it('answers 404 for unknown issues and projects', async () => {
    expect((await h.req({ method: 'GET', url: '/api/v1/issues/SHOP-999', as: member })).status).toBe(404);
    expect(
      (
        await h.req({
          method: 'POST',
          url: '/api/v1/projects/NOPE/issues',
          as: member,
          payload: { title: 'x' },
        })
      ).status,
    ).toBe(404);
    expect((await h.req({ method: 'GET', url: '/api/v1/issues/not-a-key', as: member })).status).toBe(400);
  });

  it('updates with the current version, records history, and answers 409 with the current issue on a stale version', async () => {
    const created = (await create({ title: 'Marketing used design v3, not v5', type: 'risk' })).body;
    const first = await h.req({
      method: 'PATCH',
      url: `/api/v1/issues/${created.key}`,
      as: member,
      payload: { version: 1, priority: 'high', labels: ['design'] },
    });
    expect(first.status).toBe(200);
    expect(first.body.version).toBe(2);
    const stale = await h.req({
      method: 'PATCH',
      url: `/api/v1/issues/${created.key}`,
      as: h.owner,
      payload: { version: 1, title: 'Mine' },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('conflict');
    expect(stale.body.error.details.current).toMatchObject({
      version: 2,
      priority: 'high',
      title: 'Marketing used design v3, not v5',
    });
    const history = await h.req({ method: 'GET', url: `/api/v1/issues/${created.key}/activity`, as: viewer });
    expect(history.body.map((a: { action: string; field: string | null }) => [a.action, a.field])).toEqual([
      ['created', null],
      ['changed', 'priority'],
      ['changed', 'labels'],
    ]);
    expect(history.body[1]).toMatchObject({ actorId: member.id, from: 'none', to: 'high' });
  });

  it('saves a comment sent with an edit in the same transaction, and neither on a stale version', async () => {
    const c = await create({ title: 'Transition comment target' });
    const key = c.body.key as string;
    const edited = await h.req({
      method: 'PATCH',
      url: `/api/v1/issues/${key}`,
      as: member,
      payload: { version: 1, priority: 'high', comment: 'Raised: customers are blocked' },
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ priority: 'high', version: 2 });
    const stale = await h.req({
      method: 'PATCH',
      url: `/api/v1/issues/${key}`,
      as: member,
      payload: { version: 1, priority: 'low', comment: 'This one must not be kept' },
    });
    expect(stale.status).toBe(409);
    const comments = await h.req({ method: 'GET', url: `/api/v1/issues/${key}/comments`, as: member });
    expect(comments.body.map((x: { body: string }) => x.body)).toEqual(['Raised: customers are blocked']);
    const activity = await h.req({ method: 'GET', url: `/api/v1/issues/${key}/activity`, as: member });
    expect(activity.body.map((a: { action: string }) => a.action)).toContain('commented');
    const empty = await h.req({
      method: 'PATCH',
      url: `/api/v1/issues/${key}`,
      as: member,
      payload: { version: 2, comment: '   ' },
    });
    expect(empty.status).toBe(400);
    const asViewer = await h.req({
      method: 'PATCH',
      url: `/api/v1/issues/${key}`,
      as: viewer,
      payload: { version: 2, comment: 'viewers cannot' },
    });
    expect(asViewer.status).toBe(403);
  });

  it('lets exactly one of two concurrent edits of the same version win', async () => {
    const created = (await create({ title: 'race' })).body;
    const results = await Promise.all(
      ['a', 'b', 'c'].map((t) =>
        h.req({
          method: 'PATCH',
          url: `/api/v1/issues/${created.key}`,
          as: member,
          payload: { version: 1, title: t },
        }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409]);
  });

  it('closes with a resolution and reopens clearing it', async () => {
    const created = (await create({ title: 'to close' })).body;
    const closed = await h.req({
      method: 'PATCH',
      url: `/api/v1/issues/${created.key}`,
      as: member,
      payload: {
        version: 1,
        status: 'done',
        resolution: 'fixed',
        resolutionNote: 'Lessons: pin asset versions',
      },
    });
    expect(closed.body).toMatchObject({
      statusCategory: 'done',
      resolution: 'fixed',
      resolutionNote: 'Lessons: pin asset versions',
    });
    expect(closed.body.closedAt).not.toBeNull();
    const reopened = await h.req({
      method: 'PATCH',
      url: `/api/v1/issues/${created.key}`,
      as: member,
      payload: { version: 2, status: 'in_progress' },
    });
    expect(reopened.body).toMatchObject({ closedAt: null, resolution: null });
    const unknown = await h.req({
      method: 'PATCH',
      url: `/api/v1/issues/${created.key}`,
      as: member,
      payload: { version: 3, status: 'nirvana' },
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.details.allowed).toContain('done');
  });

  it('assigns to a person and a team, and rejects strangers', async () => {
    const team = await h.req({
      method: 'POST',
      url: '/api/v1/teams',
      as: h.owner,
      payload: { key: 'design', name: 'Design', memberIds: [member.id] },
    });
    expect(team.status).toBe(201);
    const both = await create({ title: 'x', assigneeUserId: member.id, assigneeTeamId: team.body.id });
    expect(both.body).toMatchObject({ assigneeUserId: member.id, assigneeTeamId: team.body.id });
    const stranger = await create({ title: 'x', assigneeUserId: 99999 });
    expect(stranger.status).toBe(400);
    const ok = await create({ title: 'team work', assigneeTeamId: team.body.id });
    expect(ok.body.assigneeTeamId).toBe(team.body.id);
    const toUser = await h.req({
      method: 'PATCH',
      url: `/api/v1/issues/${ok.body.key}`,
      as: member,
      payload: { version: 1, assigneeUserId: member.id },
    });
    expect(toUser.body).toMatchObject({ assigneeUserId: member.id, assigneeTeamId: team.body.id });
  });

  it('sets parents and refuses cycles', async () => {
    const parent = (await create({ title: 'parent' })).body;
    const child = (await create({ title: 'child', parentKey: parent.key })).body;
    expect(child.parentKey).toBe(parent.key);
    const cycle = await h.req({
      method: 'PATCH',
      url: `/api/v1/issues/${parent.key}`,
      as: member,
      payload: { version: 1, parentKey: child.key },
    });
    expect(cycle.status).toBe(400);
  });

  it('deletes issues for admins only', async () => {
    const x = (await create({ title: 'delete me' })).body;
    expect((await h.req({ method: 'DELETE', url: `/api/v1/issues/${x.key}`, as: member })).status).toBe(403);
    expect((await h.req({ method: 'DELETE', url: `/api/v1/issues/${x.key}`, as: h.owner })).status).toBe(204);
    expect((await h.req({ method: 'GET', url: `/api/v1/issues/${x.key}`, as: member })).status).toBe(404);
  });
});
