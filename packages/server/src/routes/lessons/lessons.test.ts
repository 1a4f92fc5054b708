import { beforeAll, expect, it } from 'vitest';
import { type TestUser, useHarness } from '../../test/api-client.ts';
import { describeEachDialect } from '../../test/dialects.ts';

describeEachDialect('lessons learned and the knowledge search', (dialect) => {
  const h = useHarness(dialect);
  let viewer: TestUser;
  const create = async (payload: Record<string, unknown>) => {
    const r = await h.req({ method: 'POST', url: '/api/v1/projects/APP/issues', as: h.owner, payload });
    expect(r.status).toBe(201);
    return r.body as { key: string; version: number };
  };
  const tryClose = (issue: { key: string; version: number }, extra: Record<string, unknown> = {}) =>
    h.req({
      method: 'PATCH',
      url: `/api/v1/issues/${issue.key}`,
      as: h.owner,
      payload: { version: issue.version, status: 'done', resolution: 'fixed', ...extra },
    });
  const close = async (issue: { key: string; version: number }, resolutionNote: string) => {
    const r = await tryClose(issue, { resolutionNote });
    expect(r.status).toBe(200);
    return r.body;
  };

  beforeAll(async () => {
    viewer = await h.invite('viewer', 'Vic Viewer');
    const p = await h.req({
      method: 'POST',
      url: '/api/v1/projects',
      as: h.owner,
      payload: { key: 'APP', name: 'App' },
    });
    expect(p.status).toBe(201);
  });

  it('asks a risk for a record and keeps the answers it is given', async () => {
    const risk = await create({
      title: 'Marketing used design v3, not v5',
      type: 'risk',
      priority: 'medium',
    });
    const before = await h.req({ method: 'GET', url: `/api/v1/issues/${risk.key}/lessons`, as: viewer });
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ issueKey: risk.key, required: true, record: null, actionItems: [] });

    const put = await h.req({
      method: 'PUT',
      url: `/api/v1/issues/${risk.key}/lessons`,
      as: h.owner,
      payload: {
        whatHappened: 'Marketing shipped banners from design v3',
        rootCause: 'The shared drive kept a stale folder of exported assets',
        prevention: 'One asset library with versioned links',
      },
    });
    expect(put.status).toBe(200);
    expect(put.body.record).toMatchObject({
      whatHappened: 'Marketing shipped banners from design v3',
      impact: '',
      rootCause: 'The shared drive kept a stale folder of exported assets',
      fix: '',
    });
    // A second write changes only the answers it names.
    const again = await h.req({
      method: 'PUT',
      url: `/api/v1/issues/${risk.key}/lessons`,
      as: h.owner,
      payload: { fix: 'Re-exported every banner from v5' },
    });
    expect(again.body.record.fix).toBe('Re-exported every banner from v5');
    expect(again.body.record.rootCause).toBe('The shared drive kept a stale folder of exported assets');

    await close(risk, 'Re-shot the campaign with v5');
    const history = await h.req({ method: 'GET', url: `/api/v1/issues/${risk.key}/activity`, as: h.owner });
    expect(history.status).toBe(200);
    expect(JSON.stringify(history.body)).toContain('"field":"lessons"');
  });

  it('refuses to close high, urgent, risk and incident issues without their record (422), closes them with it', async () => {
    const owed = [
      [await create({ title: 'Payments stall at noon', priority: 'high' }), 'high priority'],
      [await create({ title: 'Checkout down', priority: 'urgent' }), 'urgent priority'],
      [
        await create({ title: 'Vendor may miss the launch', type: 'risk', priority: 'low' }),
        'the type is risk',
      ],
      [await create({ title: 'Login outage', type: 'incident' }), 'the type is incident'],
    ] as const;
    for (const [issue, reason] of owed) {
      const refused = await tryClose(issue);
      expect(refused.status, issue.key).toBe(422);
      expect(refused.body.error).toMatchObject({
        code: 'unprocessable',
        details: { field: 'lessons', reasons: [reason] },
      });
      expect(refused.body.error.message).toContain(`Lessons learned are asked for ${issue.key} (${reason})`);
      // Lowering the priority in the closing edit itself does not slip past the rule.
      if (reason === 'high priority') expect((await tryClose(issue, { priority: 'low' })).status).toBe(422);
      const put = await h.req({
        method: 'PUT',
        url: `/api/v1/issues/${issue.key}/lessons`,
        as: h.owner,
        payload: { rootCause: `Why ${issue.key} happened` },
      });
      expect(put.status).toBe(200);
      expect((await tryClose(issue)).status, issue.key).toBe(200);
    }
    // A duplicate's lessons are its original's: closing one as a duplicate asks none.
    const dup = await create({ title: 'Payments stall at noon again', priority: 'urgent' });
    expect((await tryClose(dup, { resolution: 'duplicate' })).status).toBe(200);
    // Raising a task to high while closing it asks for the record too.
    const task = await create({ title: 'Tidy the footer', priority: 'medium' });
    expect((await tryClose(task, { priority: 'high' })).status).toBe(422);
    expect((await tryClose(task)).status).toBe(200);
  });

  it('finds a closed issue by a word of its root cause, and leads with issues that have a record', async () => {
    const plain = await create({ title: 'Drive cleanup', priority: 'low' });
    await close(plain, 'Removed the stale folder from the shared drive');
    const r = await h.req({ method: 'GET', url: '/api/v1/knowledge?q=stale', as: viewer });
    expect(r.status).toBe(200);
    const keys = r.body.items.map((i: { key: string }) => i.key);
    expect(keys).toHaveLength(2);
    expect(r.body.items[0]).toMatchObject({
      title: 'Marketing used design v3, not v5',
      resolution: 'fixed',
      resolutionNote: 'Re-shot the campaign with v5',
      lessons: { rootCause: 'The shared drive kept a stale folder of exported assets' },
    });
    expect(r.body.items[1]).toMatchObject({ key: plain.key, lessons: null });
    // Open issues are not knowledge yet.
    await create({ title: 'Another stale folder appeared' });
    const again = await h.req({ method: 'GET', url: '/api/v1/knowledge?q=stale&project=APP', as: viewer });
    expect(again.body.items).toHaveLength(2);
    // Words found nowhere find nothing.
    const none = await h.req({ method: 'GET', url: '/api/v1/knowledge?q=zeppelin', as: viewer });
    expect(none.body.items).toEqual([]);
  });

  it('turns an action item into a linked task of the same project', async () => {
    const incident = await create({ title: 'Checkout down for 20 minutes', type: 'incident' });
    const r = await h.req({
      method: 'POST',
      url: `/api/v1/issues/${incident.key}/lessons/actions`,
      as: h.owner,
      payload: { title: 'Alert on checkout error rate' },
    });
    expect(r.status).toBe(201);
    expect(r.body.actionItems).toHaveLength(1);
    const item = r.body.actionItems[0];
    expect(item).toMatchObject({ title: 'Alert on checkout error rate', statusCategory: expect.any(String) });
    const links = await h.req({ method: 'GET', url: `/api/v1/issues/${item.key}/links`, as: h.owner });
    expect(links.status).toBe(200);
    expect(JSON.stringify(links.body)).toContain(incident.key);
  });

  it('answers 4xx for bad input and for people who may not write', async () => {
    const task = await create({ title: 'Rename a button', priority: 'medium' });
    const lessons = await h.req({ method: 'GET', url: `/api/v1/issues/${task.key}/lessons`, as: h.owner });
    expect(lessons.body.required).toBe(false);
    const empty = await h.req({
      method: 'PUT',
      url: `/api/v1/issues/${task.key}/lessons`,
      as: h.owner,
      payload: { rootCause: '  ' },
    });
    expect(empty.status).toBe(400);
    expect(empty.body.error.code).toBeTruthy();
    const stranger = await h.req({
      method: 'PUT',
      url: `/api/v1/issues/${task.key}/lessons`,
      as: h.owner,
      payload: { mood: 'x' },
    });
    expect(stranger.status).toBe(400);
    const forbidden = await h.req({
      method: 'PUT',
      url: `/api/v1/issues/${task.key}/lessons`,
      as: viewer,
      payload: { rootCause: 'x' },
    });
    expect(forbidden.status).toBe(403);
    const missing = await h.req({ method: 'GET', url: '/api/v1/issues/APP-999/lessons', as: h.owner });
    expect(missing.status).toBe(404);
    const noQuery = await h.req({ method: 'GET', url: '/api/v1/knowledge', as: h.owner });
    expect(noQuery.status).toBe(400);
  });
});
