import { beforeAll, expect, it } from 'vitest';
import { type TestUser, useHarness } from '../../test/api-client.ts';
import { describeEachDialect } from '../../test/dialects.ts';

describeEachDialect('sub-issue progress and time', (dialect) => {
  const h = useHarness(dialect);
  let member: TestUser;
  let other: TestUser;
  let viewer: TestUser;
  const k: Record<string, string> = {};

  const create = async (name: string, payload: Record<string, unknown>) => {
    const r = await h.req({
      method: 'POST',
      url: '/api/v1/projects/MOB/issues',
      as: member,
      payload: { title: name, ...payload },
    });
    expect(r.status).toBe(201);
    k[name] = r.body.key;
    return r.body;
  };
  const log = (key: string, minutes: number, as: TestUser = member, extra: Record<string, unknown> = {}) =>
    h.req({ method: 'POST', url: `/api/v1/issues/${key}/worklogs`, as, payload: { minutes, ...extra } });

  beforeAll(async () => {
    member = await h.invite('member');
    other = await h.invite('member');
    viewer = await h.invite('viewer');
    await h.req({
      method: 'POST',
      url: '/api/v1/projects',
      as: h.owner,
      payload: { key: 'MOB', name: 'Mobile app' },
    });
    await create('parent', {});
    await create('c1', { parentKey: k.parent, estimateMinutes: 60 });
    await create('c2', { parentKey: k.parent, estimateMinutes: 120, status: 'done' });
    await create('c3', { parentKey: k.parent, status: 'cancelled' });
    await create('g1', { parentKey: k.c1, estimateMinutes: 30, status: 'in_progress' });
    await create('lonely', { estimateMinutes: 45 });
  });

  it('logs time and keeps the issue total', async () => {
    const r = await log(k.c1!, 30, member, { note: 'Exported the v5 assets', date: '2026-03-02' });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      minutes: 30,
      userId: member.id,
      date: '2026-03-02',
      note: 'Exported the v5 assets',
    });
    expect((await log(k.g1!, 15)).status).toBe(201);
    expect((await log(k.parent!, 10, other)).status).toBe(201);
    const c1 = await h.req({ method: 'GET', url: `/api/v1/issues/${k.c1}`, as: viewer });
    expect(c1.body.loggedMinutes).toBe(30);
  });

  it('shows a parent the progress of its children and time rolled up over the subtree', async () => {
    const r = await h.req({ method: 'GET', url: `/api/v1/issues/${k.parent}`, as: viewer });
    expect(r.status).toBe(200);
    expect(r.body.children).toMatchObject({
      total: 3,
      done: 1,
      cancelled: 1,
      open: 1,
      percent: 50,
      byCategory: { backlog: 0, todo: 1, in_progress: 0, done: 1, cancelled: 1 },
      estimateMinutes: 180,
      loggedMinutes: 30,
    });
    // Own 10 logged; descendants c1 (60 est, 30 logged), c2 (120), c3, g1 (30 est, 15 logged).
    expect(r.body.rollup).toEqual({ estimateMinutes: 210, loggedMinutes: 55 });
  });

  it('lists the direct children with the same summary', async () => {
    const r = await h.req({ method: 'GET', url: `/api/v1/issues/${k.parent}/children`, as: viewer });
    expect(r.body.items.map((i: { key: string }) => i.key)).toEqual([k.c1, k.c2, k.c3]);
    expect(r.body.progress).toMatchObject({ total: 3, done: 1 });
    expect(r.body.rollup).toEqual({ estimateMinutes: 210, loggedMinutes: 55 });
    const leaf = await h.req({ method: 'GET', url: `/api/v1/issues/${k.lonely}/children`, as: viewer });
    expect(leaf.body).toMatchObject({
      items: [],
      progress: { total: 0, percent: 0 },
      rollup: { estimateMinutes: 45, loggedMinutes: 0 },
    });
  });

  it('follows moves: a child re-parented elsewhere leaves the old roll-up', async () => {
    const g1 = (await h.req({ method: 'GET', url: `/api/v1/issues/${k.g1}`, as: member })).body;
    const moved = await h.req({
      method: 'PATCH',
      url: `/api/v1/issues/${k.g1}`,
      as: member,
      payload: { version: g1.version, parentKey: k.lonely },
    });
    expect(moved.status).toBe(200);
    expect(
      (await h.req({ method: 'GET', url: `/api/v1/issues/${k.parent}`, as: viewer })).body.rollup,
    ).toEqual({
      estimateMinutes: 180,
      loggedMinutes: 40,
    });
    expect(
      (await h.req({ method: 'GET', url: `/api/v1/issues/${k.lonely}`, as: viewer })).body.rollup,
    ).toEqual({
      estimateMinutes: 75,
      loggedMinutes: 15,
    });
  });

  it('lists work logs with the issue and subtree totals', async () => {
    const r = await h.req({ method: 'GET', url: `/api/v1/issues/${k.lonely}/worklogs`, as: viewer });
    expect(r.body).toMatchObject({
      items: [],
      estimateMinutes: 45,
      loggedMinutes: 0,
      rollup: { estimateMinutes: 75, loggedMinutes: 15 },
    });
    const c1 = await h.req({ method: 'GET', url: `/api/v1/issues/${k.c1}/worklogs`, as: viewer });
    expect(c1.body.items).toHaveLength(1);
    expect(c1.body.loggedMinutes).toBe(30);
  });

  it('rejects bad minutes and forbids viewers', async () => {
    expect((await log(k.c1!, 0)).status).toBe(400);
    expect((await log(k.c1!, 1.5)).status).toBe(400);
    expect((await log(k.c1!, 10, member, { date: 'yesterday' })).status).toBe(400);
    expect((await log(k.c1!, 10, viewer)).status).toBe(403);
    expect((await h.req({ method: 'GET', url: '/api/v1/issues/MOB-999/worklogs', as: viewer })).status).toBe(
      404,
    );
  });

  it('lets authors and admins delete logs, others not, and keeps totals and history in step', async () => {
    const made = await log(k.c2!, 25);
    expect(
      (await h.req({ method: 'DELETE', url: `/api/v1/issues/${k.c2}/worklogs/${made.body.id}`, as: other }))
        .status,
    ).toBe(403);
    expect(
      (await h.req({ method: 'GET', url: `/api/v1/issues/${k.c2}`, as: viewer })).body.loggedMinutes,
    ).toBe(25);
    expect(
      (await h.req({ method: 'DELETE', url: `/api/v1/issues/${k.c2}/worklogs/${made.body.id}`, as: member }))
        .status,
    ).toBe(204);
    expect(
      (await h.req({ method: 'GET', url: `/api/v1/issues/${k.c2}`, as: viewer })).body.loggedMinutes,
    ).toBe(0);
    expect(
      (await h.req({ method: 'DELETE', url: `/api/v1/issues/${k.c2}/worklogs/${made.body.id}`, as: member }))
        .status,
    ).toBe(404);
    const byOther = await log(k.c2!, 5, other);
    expect(
      (
        await h.req({
          method: 'DELETE',
          url: `/api/v1/issues/${k.c2}/worklogs/${byOther.body.id}`,
          as: h.owner,
        })
      ).status,
    ).toBe(204);
    const history = (
      await h.req({ method: 'GET', url: `/api/v1/issues/${k.c2}/activity`, as: viewer })
    ).body.map((a: { action: string }) => a.action);
    expect(history.filter((a: string) => a === 'work_logged' || a === 'worklog_deleted')).toEqual([
      'work_logged',
      'worklog_deleted',
      'work_logged',
      'worklog_deleted',
    ]);
  });

  it('does not bump the version when time is logged, so an open edit form stays valid', async () => {
    const before = (await h.req({ method: 'GET', url: `/api/v1/issues/${k.c1}`, as: member })).body;
    await log(k.c1!, 5);
    const edit = await h.req({
      method: 'PATCH',
      url: `/api/v1/issues/${k.c1}`,
      as: member,
      payload: { version: before.version, priority: 'high' },
    });
    expect(edit.status).toBe(200);
    expect(edit.body.loggedMinutes).toBe(35);
  });
});
