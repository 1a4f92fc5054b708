import { beforeAll, expect, it } from 'vitest';
import { type TestUser, useHarness } from '../../test/api-client.ts';
import { describeEachDialect } from '../../test/dialects.ts';

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describeEachDialect('milestones', (dialect) => {
  const h = useHarness(dialect);
  let member: TestUser;
  let viewer: TestUser;
  let launch: { id: number; name: string };

  const issue = async (payload: Record<string, unknown>, project = 'APP') => {
    const r = await h.req({ method: 'POST', url: `/api/v1/projects/${project}/issues`, as: member, payload });
    expect(r.status).toBe(201);
    return r.body as { key: string; version: number; milestone: { id: number; name: string } | null };
  };
  const milestone = (id: number, as: TestUser = viewer) =>
    h.req({ method: 'GET', url: `/api/v1/milestones/${id}`, as });
  const patchIssue = async (key: string, payload: Record<string, unknown>) => {
    const cur = (await h.req({ method: 'GET', url: `/api/v1/issues/${key}`, as: member })).body;
    return h.req({
      method: 'PATCH',
      url: `/api/v1/issues/${key}`,
      as: member,
      payload: { version: cur.version, ...payload },
    });
  };

  beforeAll(async () => {
    member = await h.invite('member');
    viewer = await h.invite('viewer');
    for (const key of ['APP', 'WEB']) {
      expect(
        (await h.req({ method: 'POST', url: '/api/v1/projects', as: h.owner, payload: { key, name: key } }))
          .status,
      ).toBe(201);
    }
  });

  it('lets members create milestones and forbids viewers', async () => {
    const r = await h.req({
      method: 'POST',
      url: '/api/v1/projects/app/milestones',
      as: member,
      payload: { name: 'v2 launch', description: 'App store release', targetDate: day(14) },
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      name: 'v2 launch',
      projectKey: 'APP',
      state: 'open',
      targetDate: day(14),
      progress: { total: 0, percent: 0 },
    });
    launch = r.body;
    const denied = await h.req({
      method: 'POST',
      url: '/api/v1/projects/APP/milestones',
      as: viewer,
      payload: { name: 'x' },
    });
    expect(denied.status).toBe(403);
  });

  it('answers 409 for a duplicate name in the project, 400 for a bad date, 404 for an unknown project', async () => {
    const post = (project: string, payload: Record<string, unknown>) =>
      h.req({ method: 'POST', url: `/api/v1/projects/${project}/milestones`, as: member, payload });
    expect((await post('APP', { name: 'v2 launch' })).status).toBe(409);
    expect((await post('WEB', { name: 'v2 launch' })).status).toBe(201);
    expect((await post('APP', { name: 'Beta', targetDate: '2026-02-30' })).status).toBe(400);
    expect((await post('NOPE', { name: 'Beta' })).status).toBe(404);
  });

  it('puts issues in a milestone by name or id, records it in history, and rejects unknown or foreign milestones', async () => {
    const a = await issue({ title: 'Store listing', milestone: 'v2 launch' });
    expect(a.milestone).toEqual({ id: launch.id, name: 'v2 launch' });
    const b = await issue({ title: 'Onboarding flow' });
    const moved = await patchIssue(b.key, { milestone: launch.id });
    expect(moved.body.milestone).toEqual({ id: launch.id, name: 'v2 launch' });
    const history = (await h.req({ method: 'GET', url: `/api/v1/issues/${b.key}/activity`, as: viewer }))
      .body;
    expect(history.at(-1)).toMatchObject({
      action: 'changed',
      field: 'milestone',
      from: null,
      to: { id: launch.id, name: 'v2 launch' },
    });
    expect(
      (
        await h.req({
          method: 'POST',
          url: '/api/v1/projects/APP/issues',
          as: member,
          payload: { title: 'x', milestone: 'nope' },
        })
      ).status,
    ).toBe(400);
    const webMilestones = (await h.req({ method: 'GET', url: '/api/v1/projects/WEB/milestones', as: viewer }))
      .body;
    expect((await patchIssue(b.key, { milestone: webMilestones[0].id })).status).toBe(400);
  });

  it('shows progress with estimate and logged totals', async () => {
    const done = await issue({ title: 'Icons', milestone: 'v2 launch', status: 'done', estimateMinutes: 60 });
    const open = await issue({ title: 'Screenshots', milestone: 'v2 launch', estimateMinutes: 90 });
    await h.req({
      method: 'POST',
      url: `/api/v1/issues/${done.key}/worklogs`,
      as: member,
      payload: { minutes: 75 },
    });
    await h.req({
      method: 'POST',
      url: `/api/v1/issues/${open.key}/worklogs`,
      as: member,
      payload: { minutes: 20 },
    });
    const r = await milestone(launch.id);
    expect(r.status).toBe(200);
    expect(r.body.progress).toMatchObject({
      total: 4,
      done: 1,
      open: 3,
      percent: 25,
      estimateMinutes: 150,
      loggedMinutes: 95,
      openEstimateMinutes: 90,
    });
  });

  it('shows impact: blocked work, late work, work due after the target, and linked risks', async () => {
    const m = (
      await h.req({
        method: 'POST',
        url: '/api/v1/projects/APP/milestones',
        as: member,
        payload: { name: 'Campaign', targetDate: day(10) },
      })
    ).body;
    const site = await issue({ title: 'Marketing site', milestone: 'Campaign', dueDate: day(5) });
    const video = await issue({ title: 'Launch video', milestone: 'Campaign', dueDate: day(20) });
    const copy = await issue({ title: 'Ad copy', milestone: 'Campaign', dueDate: day(-1) });
    const assets = await issue({ title: 'Design v5 assets' });
    const risk = await issue({ title: 'Marketing used design v3, not v5', type: 'risk', priority: 'high' });
    const link = (from: string, type: string, target: string) =>
      h.req({ method: 'POST', url: `/api/v1/issues/${from}/links`, as: member, payload: { type, target } });
    expect((await link(assets.key, 'blocks', site.key)).status).toBe(201);
    expect((await link(risk.key, 'relates_to', site.key)).status).toBe(201);
    expect((await link(risk.key, 'blocks', video.key)).status).toBe(201);

    const r = (await milestone(m.id)).body;
    expect(r.impact).toMatchObject({ atRisk: true, targetPassed: false, daysToTarget: 10 });
    expect(r.impact.blocked).toEqual([
      { key: site.key, title: 'Marketing site', blockedBy: [assets.key] },
      { key: video.key, title: 'Launch video', blockedBy: [risk.key] },
    ]);
    expect(r.impact.overdue).toEqual([{ key: copy.key, title: 'Ad copy', dueDate: day(-1) }]);
    expect(r.impact.dueAfterTarget).toEqual([{ key: video.key, title: 'Launch video', dueDate: day(20) }]);
    expect(r.impact.risks).toEqual([
      {
        key: risk.key,
        title: 'Marketing used design v3, not v5',
        type: 'risk',
        affects: [site.key, video.key].sort(),
      },
    ]);

    // The same threat seen from the risk's and the blocker's own pages.
    const affects = async (key: string) =>
      (await h.req({ method: 'GET', url: `/api/v1/issues/${key}`, as: viewer })).body.affects;
    expect(await affects(risk.key)).toEqual([
      { milestone: { id: m.id, name: 'Campaign', targetDate: day(10) }, issues: [site.key, video.key] },
    ]);
    expect(await affects(assets.key)).toEqual([
      { milestone: { id: m.id, name: 'Campaign', targetDate: day(10) }, issues: [site.key] },
    ]);
    expect(await affects(site.key)).toEqual([]);

    // Closing a blocker unblocks its work; closing the risk takes it off the page.
    expect((await patchIssue(assets.key, { status: 'done' })).status).toBe(200);
    // A risk closes with its lessons-learned record.
    const record = await h.req({
      method: 'PUT',
      url: `/api/v1/issues/${risk.key}/lessons`,
      as: member,
      payload: { rootCause: 'Assets were exported from a stale folder' },
    });
    expect(record.status).toBe(200);
    expect((await patchIssue(risk.key, { status: 'done' })).status).toBe(200);
    const after = (await milestone(m.id)).body.impact;
    expect(after.blocked).toEqual([]);
    expect(after.risks).toEqual([]);
    expect(await affects(risk.key)).toEqual([]);
  });

  it('edits, closes and lists milestones by state', async () => {
    const m = (
      await h.req({
        method: 'POST',
        url: '/api/v1/projects/APP/milestones',
        as: member,
        payload: { name: 'Beta' },
      })
    ).body;
    const renamed = await h.req({
      method: 'PATCH',
      url: `/api/v1/milestones/${m.id}`,
      as: member,
      payload: { name: 'Public beta', targetDate: day(3) },
    });
    expect(renamed.body).toMatchObject({ name: 'Public beta', targetDate: day(3), closedAt: null });
    expect(
      (
        await h.req({
          method: 'PATCH',
          url: `/api/v1/milestones/${m.id}`,
          as: member,
          payload: { name: 'v2 launch' },
        })
      ).status,
    ).toBe(409);
    expect(
      (
        await h.req({
          method: 'PATCH',
          url: `/api/v1/milestones/${m.id}`,
          as: viewer,
          payload: { state: 'closed' },
        })
      ).status,
    ).toBe(403);
    const closed = await h.req({
      method: 'PATCH',
      url: `/api/v1/milestones/${m.id}`,
      as: member,
      payload: { state: 'closed' },
    });
    expect(closed.body.state).toBe('closed');
    expect(closed.body.closedAt).not.toBeNull();
    const names = async (state: string) =>
      (
        await h.req({ method: 'GET', url: `/api/v1/projects/APP/milestones?state=${state}`, as: viewer })
      ).body.map((x: { name: string }) => x.name);
    expect(await names('open')).not.toContain('Public beta');
    expect(await names('closed')).toEqual(['Public beta']);
    expect(await names('all')).toEqual(expect.arrayContaining(['Public beta', 'v2 launch', 'Campaign']));
    expect(
      (await h.req({ method: 'GET', url: '/api/v1/projects/APP/milestones', as: viewer })).body[0],
    ).toHaveProperty('progress.total');
    expect((await h.req({ method: 'GET', url: '/api/v1/milestones/99999', as: viewer })).status).toBe(404);
  });

  it('lets only admins delete a milestone; its issues leave it with a history entry and a new version', async () => {
    const m = (
      await h.req({
        method: 'POST',
        url: '/api/v1/projects/APP/milestones',
        as: member,
        payload: { name: 'Doomed' },
      })
    ).body;
    const i = await issue({ title: 'in doomed', milestone: m.id });
    expect((await h.req({ method: 'DELETE', url: `/api/v1/milestones/${m.id}`, as: member })).status).toBe(
      403,
    );
    expect((await h.req({ method: 'DELETE', url: `/api/v1/milestones/${m.id}`, as: h.owner })).status).toBe(
      204,
    );
    const after = (await h.req({ method: 'GET', url: `/api/v1/issues/${i.key}`, as: viewer })).body;
    expect(after.milestone).toBeNull();
    expect(after.version).toBe(i.version + 1);
    const history = (await h.req({ method: 'GET', url: `/api/v1/issues/${i.key}/activity`, as: viewer }))
      .body;
    expect(history.at(-1)).toMatchObject({
      field: 'milestone',
      from: { id: m.id, name: 'Doomed' },
      to: null,
    });
    expect((await milestone(m.id)).status).toBe(404);
  });
});
