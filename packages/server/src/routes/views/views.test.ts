import { beforeAll, expect, it } from 'vitest';
import { type TestUser, useHarness } from '../../test/api-client.ts';
import { describeEachDialect } from '../../test/dialects.ts';

describeEachDialect('saved views API', (dialect) => {
  const h = useHarness(dialect);
  let mia: TestUser;
  let max: TestUser;
  let vic: TestUser;
  let ada: TestUser;

  beforeAll(async () => {
    mia = await h.invite('member', 'Mia');
    max = await h.invite('member', 'Max');
    vic = await h.invite('viewer', 'Vic');
    ada = await h.invite('admin', 'Ada');
  });

  const save = (as: TestUser, payload: Record<string, unknown>) =>
    h.req({ method: 'POST', url: '/api/v1/views', as, payload });
  const names = async (as: TestUser) =>
    (await h.req({ method: 'GET', url: '/api/v1/views', as })).body.map((v: { name: string }) => v.name);

  it('saves a query with its display options and reads it back', async () => {
    const r = await save(mia, {
      name: 'My urgent checkout',
      query: 'status:open priority:>=high label:checkout',
      display: {
        layout: 'board',
        columns: ['key', 'title', 'cf:customer_tier'],
        groupBy: 'status',
        sort: 'priority-desc',
      },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({
      name: 'My urgent checkout',
      shared: false,
      ownerId: mia.id,
      version: 1,
      display: { layout: 'board', groupBy: 'status', sort: 'priority-desc' },
    });
    const read = await h.req({ method: 'GET', url: `/api/v1/views/${r.body.id}`, as: mia });
    expect(read.body).toEqual(r.body);
    const defaults = await save(mia, { name: 'Everything' });
    expect(defaults.body.display).toEqual({
      layout: 'list',
      columns: ['key', 'title', 'status', 'priority', 'assignee'],
      groupBy: null,
      sort: null,
    });
  });

  it('refuses a query the language does not accept, pointing at the problem', async () => {
    const r = await save(mia, { name: 'broken', query: 'status:open (label:x' });
    expect(r.status).toBe(400);
    expect(r.body.error.details).toMatchObject({ position: 20, length: 0, expected: [')'] });
    const unknown = await save(mia, { name: 'broken', query: 'flavour:lime' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details).toMatchObject({ position: 0, length: 7 });
    expect((await save(mia, { name: 'x', display: { layout: 'gantt' } })).status).toBe(400);
  });

  it('keeps personal views to their owner and shows shared ones to everyone', async () => {
    const personal = await save(max, { name: 'Max private', query: 'assignee:@me' });
    const shared = await save(max, {
      name: 'Team triage',
      query: 'is:open sort:priority-desc',
      shared: true,
    });
    expect(shared.status).toBe(201);
    expect(await names(max)).toEqual(expect.arrayContaining(['Max private', 'Team triage']));
    expect(await names(mia)).toContain('Team triage');
    expect(await names(mia)).not.toContain('Max private');
    expect((await h.req({ method: 'GET', url: `/api/v1/views/${personal.body.id}`, as: mia })).status).toBe(
      404,
    );
    expect((await h.req({ method: 'GET', url: `/api/v1/views/${personal.body.id}`, as: ada })).status).toBe(
      404,
    );
    expect((await h.req({ method: 'GET', url: `/api/v1/views/${shared.body.id}`, as: vic })).status).toBe(
      200,
    );
  });

  it('lets only the owner edit a personal view, and the creator or an admin a shared one', async () => {
    const personal = (await save(max, { name: 'Only mine', query: 'is:open' })).body;
    const patch = (as: TestUser, id: number, payload: Record<string, unknown>) =>
      h.req({ method: 'PATCH', url: `/api/v1/views/${id}`, as, payload });
    expect((await patch(mia, personal.id, { version: 1, name: 'hijack' })).status).toBe(404);
    expect((await patch(ada, personal.id, { version: 1, name: 'hijack' })).status).toBe(404);
    const own = await patch(max, personal.id, { version: 1, name: 'Still mine', query: 'is:closed' });
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ name: 'Still mine', query: 'is:closed', version: 2 });

    const shared = (await save(max, { name: 'Shared board', query: 'is:open', shared: true })).body;
    expect((await patch(mia, shared.id, { version: 1, name: 'by mia' })).status).toBe(403);
    expect((await patch(vic, shared.id, { version: 1, name: 'by vic' })).status).toBe(403);
    expect((await h.req({ method: 'DELETE', url: `/api/v1/views/${shared.id}`, as: mia })).status).toBe(403);
    const byAdmin = await patch(ada, shared.id, { version: 1, display: { layout: 'calendar' } });
    expect(byAdmin.status).toBe(200);
    expect(byAdmin.body.display.layout).toBe('calendar');
    expect((await h.req({ method: 'DELETE', url: `/api/v1/views/${shared.id}`, as: h.owner })).status).toBe(
      204,
    );
    expect((await h.req({ method: 'GET', url: `/api/v1/views/${shared.id}`, as: max })).status).toBe(404);
    expect((await h.req({ method: 'DELETE', url: `/api/v1/views/${personal.id}`, as: max })).status).toBe(
      204,
    );
  });

  it('answers 409 to a stale version and to a duplicate name', async () => {
    const v = (await save(mia, { name: 'Versioned' })).body;
    expect(
      (
        await h.req({
          method: 'PATCH',
          url: `/api/v1/views/${v.id}`,
          as: mia,
          payload: { version: 1, name: 'V2' },
        })
      ).status,
    ).toBe(200);
    const stale = await h.req({
      method: 'PATCH',
      url: `/api/v1/views/${v.id}`,
      as: mia,
      payload: { version: 1, name: 'V3' },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.details.current).toMatchObject({ name: 'V2', version: 2 });
    expect((await save(mia, { name: 'V2' })).status).toBe(409);
    expect((await save(max, { name: 'V2' })).status).toBe(201);
  });

  it('lets viewers keep personal views but not share them', async () => {
    expect((await save(vic, { name: 'Vic’s', query: 'is:open' })).status).toBe(201);
    const r = await save(vic, { name: 'Vic shares', shared: true });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('forbidden');
  });

  it('runs a view: its query, ordered by its saved sort', async () => {
    await h.req({
      method: 'POST',
      url: '/api/v1/projects',
      as: h.owner,
      payload: { key: 'VW', name: 'Views' },
    });
    for (const [title, priority] of [
      ['low one', 'low'],
      ['urgent one', 'urgent'],
      ['high one', 'high'],
    ]) {
      const r = await h.req({
        method: 'POST',
        url: '/api/v1/projects/VW/issues',
        as: mia,
        payload: { title, priority, labels: ['vw'] },
      });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
    }
    const v = (
      await save(mia, { name: 'Run me', query: 'label:vw -priority:low', display: { sort: 'priority-desc' } })
    ).body;
    const r = await h.req({ method: 'GET', url: `/api/v1/views/${v.id}/issues?limit=1`, as: mia });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.items.map((i: { title: string }) => i.title)).toEqual(['urgent one']);
    const next = await h.req({
      method: 'GET',
      url: `/api/v1/views/${v.id}/issues?limit=5&cursor=${r.body.nextCursor}`,
      as: mia,
    });
    expect(next.body.items.map((i: { title: string }) => i.title)).toEqual(['high one']);
  });
});
