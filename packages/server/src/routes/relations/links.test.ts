import { beforeAll, expect, it } from 'vitest';
import { type TestUser, useHarness } from '../../test/api-client.ts';
import { describeEachDialect } from '../../test/dialects.ts';

describeEachDialect('issue links', (dialect) => {
  const h = useHarness(dialect);
  let member: TestUser;
  let viewer: TestUser;
  const keys: string[] = [];

  beforeAll(async () => {
    member = await h.invite('member');
    viewer = await h.invite('viewer');
    expect(
      (
        await h.req({
          method: 'POST',
          url: '/api/v1/projects',
          as: h.owner,
          payload: { key: 'APP', name: 'App' },
        })
      ).status,
    ).toBe(201);
    for (const title of ['Design v5 assets', 'Marketing site', 'Launch video', 'Press kit', 'Old report']) {
      const r = await h.req({
        method: 'POST',
        url: '/api/v1/projects/APP/issues',
        as: member,
        payload: { title },
      });
      expect(r.status).toBe(201);
      keys.push(r.body.key);
    }
  });

  const link = (from: string, type: string, target: string, as: TestUser = member) =>
    h.req({ method: 'POST', url: `/api/v1/issues/${from}/links`, as, payload: { type, target } });
  const linksOf = async (key: string) =>
    (await h.req({ method: 'GET', url: `/api/v1/issues/${key}/links`, as: viewer })).body;

  it('shows a link from both ends with the inverse type, stored once', async () => {
    const [a, b] = keys as [string, string];
    const r = await link(a, 'blocks', b);
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      type: 'blocks',
      issue: { key: b, title: 'Marketing site', statusCategory: 'todo' },
    });
    expect(
      (await linksOf(a)).map((l: { type: string; issue: { key: string } }) => [l.type, l.issue.key]),
    ).toEqual([['blocks', b]]);
    expect(
      (await linksOf(b)).map((l: { type: string; issue: { key: string } }) => [l.type, l.issue.key]),
    ).toEqual([['is_blocked_by', a]]);
    expect(await h.svc.store.db.selectFrom('issue_links').select('id').execute()).toHaveLength(1);
    // The issue page carries the links too.
    const page = await h.req({ method: 'GET', url: `/api/v1/issues/${b}`, as: viewer });
    expect(page.body.links).toEqual([expect.objectContaining({ id: r.body.id, type: 'is_blocked_by' })]);
  });

  it('stores passive forms in their active direction', async () => {
    const [, b, c] = keys as [string, string, string];
    expect((await link(c, 'is_duplicated_by', b)).body.type).toBe('is_duplicated_by');
    expect((await linksOf(b)).find((l: { issue: { key: string } }) => l.issue.key === c).type).toBe(
      'duplicates',
    );
    const rel = await link(b, 'relates_to', c);
    expect(rel.status).toBe(201);
    expect((await linksOf(c)).find((l: { type: string }) => l.type === 'relates_to').issue.key).toBe(b);
  });

  it("lists a project's links in stored direction for the timeline", async () => {
    const [a, b] = keys as [string, string];
    const r = await h.req({
      method: 'GET',
      url: '/api/v1/projects/app/links?type=is_blocked_by',
      as: viewer,
    });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      items: [expect.objectContaining({ type: 'blocks', sourceKey: a, targetKey: b })],
      truncated: false,
    });
    const all = await h.req({ method: 'GET', url: '/api/v1/projects/APP/links', as: viewer });
    expect(all.body.items.map((l: { type: string }) => l.type).sort()).toEqual([
      'blocks',
      'duplicates',
      'relates_to',
    ]);
    expect((await h.req({ method: 'GET', url: '/api/v1/projects/NOPE/links', as: viewer })).status).toBe(404);
  });

  it('answers 409 for the same link again, from either side or reversed', async () => {
    const [a, b, c] = keys as [string, string, string];
    expect((await link(a, 'blocks', b)).status).toBe(409);
    expect((await link(b, 'is_blocked_by', a)).status).toBe(409);
    expect((await link(b, 'blocks', a)).status).toBe(409);
    const again = await link(c, 'relates_to', b);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('conflict');
    // A different kind of relation between the same pair is fine.
    expect((await link(a, 'relates_to', b)).status).toBe(201);
  });

  it('answers 400 for a self-link or a malformed key and 404 for an unknown target', async () => {
    const [a] = keys as [string];
    const self = await link(a, 'relates_to', a.toLowerCase());
    expect(self.status).toBe(400);
    expect(self.body.error.details.field).toBe('target');
    expect((await link(a, 'relates_to', 'nonsense')).status).toBe(400);
    expect((await link(a, 'blocks', 'APP-9999')).status).toBe(404);
    expect((await link(a, 'supersedes', keys[1]!)).status).toBe(400);
    expect((await link('APP-9999', 'blocks', a)).status).toBe(404);
  });

  it('forbids viewers from linking and unlinking', async () => {
    const [, , , d, e] = keys as [string, string, string, string, string];
    expect((await link(d, 'blocks', e, viewer)).status).toBe(403);
    const made = await link(d, 'blocks', e);
    expect(
      (await h.req({ method: 'DELETE', url: `/api/v1/issues/${d}/links/${made.body.id}`, as: viewer }))
        .status,
    ).toBe(403);
  });

  it('records link and unlink in the history of both issues and removes from either end', async () => {
    const [, , , d, e] = keys as [string, string, string, string, string];
    const id = (await linksOf(d))[0].id;
    const del = await h.req({ method: 'DELETE', url: `/api/v1/issues/${e}/links/${id}`, as: member });
    expect(del.status).toBe(204);
    expect(await linksOf(d)).toEqual([]);
    expect(
      (await h.req({ method: 'DELETE', url: `/api/v1/issues/${e}/links/${id}`, as: member })).status,
    ).toBe(404);
    const history = async (key: string) =>
      (await h.req({ method: 'GET', url: `/api/v1/issues/${key}/activity`, as: viewer })).body
        .filter((a: { field: string }) => a.field === 'links')
        .map((a: { action: string; from: unknown; to: unknown }) => [a.action, a.from ?? a.to]);
    expect(await history(d)).toEqual([
      ['linked', { linkId: id, type: 'blocks', issue: e }],
      ['unlinked', { linkId: id, type: 'blocks', issue: e }],
    ]);
    expect(await history(e)).toEqual([
      ['linked', { linkId: id, type: 'is_blocked_by', issue: d }],
      ['unlinked', { linkId: id, type: 'is_blocked_by', issue: d }],
    ]);
  });

  it('publishes one change per end of a new link', async () => {
    const [a, , , , e] = keys as [string, string, string, string, string];
    const seen: string[] = [];
    const off = h.svc.bus.subscribe((c) => {
      if (c.fields?.includes('links')) seen.push(c.issueKey);
    });
    await link(e, 'relates_to', a);
    off();
    expect(seen.sort()).toEqual([a, e].sort());
  });

  it('removes links with a deleted issue and records the unlink on the surviving end', async () => {
    const [a] = keys as [string];
    const doomed = await h.req({
      method: 'POST',
      url: '/api/v1/projects/APP/issues',
      as: member,
      payload: { title: 'doomed' },
    });
    const made = await link(doomed.body.key, 'blocks', a);
    expect(
      (await h.req({ method: 'DELETE', url: `/api/v1/issues/${doomed.body.key}`, as: h.owner })).status,
    ).toBe(204);
    expect((await linksOf(a)).some((l: { issue: { key: string } }) => l.issue.key === doomed.body.key)).toBe(
      false,
    );
    const history = (await h.req({ method: 'GET', url: `/api/v1/issues/${a}/activity`, as: viewer })).body;
    expect(history.at(-1)).toMatchObject({
      action: 'unlinked',
      actorId: h.owner.id,
      from: { linkId: made.body.id, type: 'is_blocked_by', issue: doomed.body.key },
    });
  });
});
