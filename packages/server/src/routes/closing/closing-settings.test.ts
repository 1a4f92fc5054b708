import { beforeAll, expect, it } from 'vitest';
import { type TestUser, useHarness } from '../../test/api-client.ts';
import { describeEachDialect } from '../../test/dialects.ts';

/** Issue 13 §1: a project's own resolutions, retiring them, and the lessons rule closing obeys. */
describeEachDialect('closing settings: project resolutions and the lessons rule', (dialect) => {
  const h = useHarness(dialect);
  let member: TestUser;
  const create = async (payload: Record<string, unknown>) => {
    const r = await h.req({ method: 'POST', url: '/api/v1/projects/RES/issues', as: member, payload });
    expect(r.status).toBe(201);
    return r.body as { key: string; version: number };
  };
  const close = (issue: { key: string; version: number }, resolution: string) =>
    h.req({
      method: 'PATCH',
      url: `/api/v1/issues/${issue.key}`,
      as: member,
      payload: { version: issue.version, status: 'done', resolution },
    });
  const resolutions = async () => {
    const r = await h.req({ method: 'GET', url: '/api/v1/projects/RES/resolutions', as: member });
    expect(r.status).toBe(200);
    return r.body.items as { key: string; name: string; builtIn: boolean; retired: boolean }[];
  };
  const edit = (key: string, payload: Record<string, unknown>) =>
    h.req({ method: 'PATCH', url: `/api/v1/projects/RES/resolutions/${key}`, as: h.owner, payload });

  beforeAll(async () => {
    member = await h.invite('member', 'Mia Member');
    const p = await h.req({
      method: 'POST',
      url: '/api/v1/projects',
      as: h.owner,
      payload: { key: 'RES', name: 'Resolutions' },
    });
    expect(p.status).toBe(201);
  });

  it('offers a resolution an admin added, and closes with it', async () => {
    const refused = await h.req({
      method: 'POST',
      url: '/api/v1/projects/RES/resolutions',
      as: member,
      payload: { key: 'works_as_designed', name: 'Works as designed' },
    });
    expect(refused.status).toBe(403);
    const added = await h.req({
      method: 'POST',
      url: '/api/v1/projects/RES/resolutions',
      as: h.owner,
      payload: { key: 'works_as_designed', name: 'Works as designed' },
    });
    expect(added.status).toBe(201);
    const again = await h.req({
      method: 'POST',
      url: '/api/v1/projects/RES/resolutions',
      as: h.owner,
      payload: { key: 'fixed', name: 'Fixed again' },
    });
    expect(again.status).toBe(409);
    expect((await resolutions()).at(-1)).toEqual({
      key: 'works_as_designed',
      name: 'Works as designed',
      builtIn: false,
      retired: false,
    });
    const issue = await create({ title: 'Totals hide zero lines' });
    const closed = await close(issue, 'works_as_designed');
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ statusCategory: 'done', resolution: 'works_as_designed' });
    // A resolution no project knows is refused as a domain error, with the usual error body.
    const unknown = await close(await create({ title: 'Another' }), 'because_i_said_so');
    expect(unknown.status).toBe(422);
    expect(unknown.body.error).toMatchObject({ code: 'unprocessable', details: { field: 'resolution' } });
  });

  it('refuses a retired resolution (422), while issues closed with it keep it', async () => {
    const old = await create({ title: 'Export skips archived rows' });
    const before = await close(old, 'works_as_designed');
    expect(before.status).toBe(200);
    const renamed = await edit('works_as_designed', { name: 'As designed', retired: true });
    expect(renamed.status).toBe(200);
    expect((await resolutions()).find((r) => r.key === 'works_as_designed')).toMatchObject({
      name: 'As designed',
      retired: true,
    });
    const fresh = await create({ title: 'Export skips hidden rows' });
    const refused = await close(fresh, 'works_as_designed');
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('unprocessable');
    expect(refused.body.error.message).toMatch(/As designed is retired/);
    const kept = await h.req({ method: 'GET', url: `/api/v1/issues/${old.key}`, as: member });
    expect(kept.body).toMatchObject({ resolution: 'works_as_designed', statusCategory: 'done' });
    // Re-saving the closed issue with the resolution it has is no new choice.
    const resaved = await h.req({
      method: 'PATCH',
      url: `/api/v1/issues/${old.key}`,
      as: member,
      payload: { version: kept.body.version, resolution: 'works_as_designed', resolutionNote: 'By design' },
    });
    expect(resaved.status).toBe(200);
    // Still used: removing it is refused; retiring was the way.
    const removed = await h.req({
      method: 'DELETE',
      url: '/api/v1/projects/RES/resolutions/works_as_designed',
      as: h.owner,
    });
    expect(removed.status).toBe(409);
  });

  it('never retires fixed or duplicate, nor removes a built-in; other built-ins retire', async () => {
    for (const key of ['fixed', 'duplicate']) {
      const r = await edit(key, { retired: true });
      expect(r.status).toBe(422);
      expect(r.body.error.code).toBe('unprocessable');
    }
    const remove = await h.req({
      method: 'DELETE',
      url: '/api/v1/projects/RES/resolutions/fixed',
      as: h.owner,
    });
    expect(remove.status).toBe(409);
    const list = await resolutions();
    expect(list.filter((r) => r.retired).map((r) => r.key)).toEqual(['works_as_designed']);
    expect((await edit('cannot_reproduce', { retired: true })).status).toBe(200);
    expect((await close(await create({ title: 'Flaky once' }), 'cannot_reproduce')).status).toBe(422);
    expect((await close(await create({ title: 'Fixed one' }), 'fixed')).status).toBe(200);
  });

  it('asks for lessons when the project rule matches: 422 without the record, 200 with it', async () => {
    const set = await h.req({
      method: 'PUT',
      url: '/api/v1/projects/RES/lessons-rule',
      as: h.owner,
      payload: { query: 'label:security' },
    });
    expect(set.status).toBe(200);
    expect(set.body).toEqual({ query: 'label:security', matches: 0 });
    const issue = await create({
      title: 'Session cookie lacks SameSite',
      labels: ['security'],
      priority: 'low',
    });
    const plain = await create({ title: 'Button colour', priority: 'low' });
    const rule = await h.req({ method: 'GET', url: '/api/v1/projects/RES/lessons-rule', as: member });
    expect(rule.body).toEqual({ query: 'label:security', matches: 1 });

    const lessons = await h.req({ method: 'GET', url: `/api/v1/issues/${issue.key}/lessons`, as: member });
    expect(lessons.body).toMatchObject({
      required: true,
      reasons: ['matches the project rule `label:security`'],
    });
    const refused = await close(issue, 'fixed');
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({
      code: 'unprocessable',
      details: { field: 'lessons', rule: 'label:security' },
    });
    expect(refused.body.error.message).toMatch(/matches the project rule `label:security`/);
    const put = await h.req({
      method: 'PUT',
      url: `/api/v1/issues/${issue.key}/lessons`,
      as: member,
      payload: { rootCause: 'The cookie defaults were never reviewed' },
    });
    expect(put.status).toBe(200);
    const closed = await close(issue, 'fixed');
    expect(closed.status).toBe(200);
    // The rule chooses only what it matches.
    expect((await close(plain, 'fixed')).status).toBe(200);
  });

  it('refuses a bad rule with 422 and counts a good one while it is typed', async () => {
    for (const query of ['label:security (', 'nosuchthing:x', 'sort:created']) {
      const r = await h.req({
        method: 'PUT',
        url: '/api/v1/projects/RES/lessons-rule',
        as: h.owner,
        payload: { query },
      });
      expect(r.status, query).toBe(422);
      expect(r.body.error).toMatchObject({ code: 'unprocessable', details: { field: 'query' } });
    }
    const kept = await h.req({ method: 'GET', url: '/api/v1/projects/RES/lessons-rule', as: member });
    expect(kept.body.query).toBe('label:security');
    const preview = await h.req({
      method: 'POST',
      url: '/api/v1/projects/RES/lessons-rule/preview',
      as: member,
      payload: { query: 'title:export OR label:security' },
    });
    expect(preview.status).toBe(200);
    expect(preview.body).toEqual({ matches: 3 });
    const bad = await h.req({
      method: 'POST',
      url: '/api/v1/projects/RES/lessons-rule/preview',
      as: member,
      payload: { query: 'priority:>=' },
    });
    expect(bad.status).toBe(422);
    const forbidden = await h.req({
      method: 'PUT',
      url: '/api/v1/projects/RES/lessons-rule',
      as: member,
      payload: { query: null },
    });
    expect(forbidden.status).toBe(403);
    const cleared = await h.req({
      method: 'PUT',
      url: '/api/v1/projects/RES/lessons-rule',
      as: h.owner,
      payload: { query: null },
    });
    expect(cleared.body).toEqual({ query: null, matches: null });
  });
});
