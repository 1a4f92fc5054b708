import { beforeAll, expect, it } from 'vitest';
import { liveOf } from '../../live/live-runtime.ts';
import { type TestUser, useHarness } from '../../test/api-client.ts';
import { describeEachDialect } from '../../test/dialects.ts';

describeEachDialect('closing an issue as a duplicate of its original', (dialect) => {
  const h = useHarness(dialect);
  let reporter: TestUser;
  let commenter: TestUser;
  let viewer: TestUser;
  const create = async (as: TestUser, title: string) => {
    const r = await h.req({ method: 'POST', url: '/api/v1/projects/APP/issues', as, payload: { title } });
    expect(r.status).toBe(201);
    return r.body as { key: string; version: number };
  };
  const get = async (key: string) =>
    (await h.req({ method: 'GET', url: `/api/v1/issues/${key}`, as: h.owner })).body;
  const closeAsDup = (key: string, payload: Record<string, unknown>, as: TestUser = h.owner) =>
    h.req({ method: 'POST', url: `/api/v1/issues/${key}/close-as-duplicate`, as, payload });
  const watchers = async (key: string) =>
    (await h.req({ method: 'GET', url: `/api/v1/issues/${key}/watchers`, as: h.owner })).body.items.map(
      (x: { userId: number }) => x.userId,
    );

  beforeAll(async () => {
    reporter = await h.invite('member', 'Rita Reporter');
    commenter = await h.invite('member', 'Carl Commenter');
    viewer = await h.invite('viewer', 'Vic Viewer');
    const p = await h.req({
      method: 'POST',
      url: '/api/v1/projects',
      as: h.owner,
      payload: { key: 'APP', name: 'App' },
    });
    expect(p.status).toBe(201);
  });

  it('closes it linked to the original, and its reporter and watchers now follow the original', async () => {
    const original = await create(h.owner, 'Checkout button dead on Safari');
    const dup = await create(reporter, 'Pay does nothing in Safari');
    const c = await h.req({
      method: 'POST',
      url: `/api/v1/issues/${dup.key}/comments`,
      as: commenter,
      payload: { body: 'Same on my iPad' },
    });
    expect(c.status).toBe(201);
    await liveOf(h.svc).idle();
    const current = await get(dup.key);
    const r = await closeAsDup(dup.key, {
      original: original.key.toLowerCase(),
      version: current.version,
      resolutionNote: 'Same root cause',
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({
      statusCategory: 'done',
      resolution: 'duplicate',
      resolutionNote: `Duplicate of ${original.key}. Same root cause`,
    });
    const links = (await h.req({ method: 'GET', url: `/api/v1/issues/${dup.key}/links`, as: h.owner })).body;
    expect(JSON.stringify(links)).toContain(original.key);
    expect(JSON.stringify(links)).toContain('duplicates');
    const following = await watchers(original.key);
    expect(following).toEqual(expect.arrayContaining([reporter.id, commenter.id]));
    // The reporter is told their issue was closed (and the note names where the work continues).
    await liveOf(h.svc).idle();
    const inbox = (await h.req({ method: 'GET', url: '/api/v1/notifications', as: reporter })).body.items;
    expect(inbox.map((n: { issueKey: string }) => n.issueKey)).toContain(dup.key);
    // Comments stay on the duplicate: this is not a merge.
    const comments = (await h.req({ method: 'GET', url: `/api/v1/issues/${dup.key}/comments`, as: h.owner }))
      .body;
    expect(comments.map((x: { body: string }) => x.body)).toContain('Same on my iPad');
  });

  it('refuses itself, a duplicate as original, a closed issue, a stale version and a viewer', async () => {
    const root = await create(h.owner, 'Root problem');
    const mid = await create(h.owner, 'Middle problem');
    const leaf = await create(h.owner, 'Leaf problem');
    expect((await closeAsDup(leaf.key, { original: leaf.key, version: leaf.version })).status).toBe(400);
    expect((await closeAsDup(leaf.key, { original: root.key, version: leaf.version }, viewer)).status).toBe(
      403,
    );
    expect((await closeAsDup(leaf.key, { original: root.key, version: leaf.version + 5 })).status).toBe(409);
    expect((await closeAsDup(mid.key, { original: root.key, version: mid.version })).status).toBe(200);
    const chained = await closeAsDup(leaf.key, { original: mid.key, version: leaf.version });
    expect(chained.status).toBe(422);
    expect(chained.body.error.message).toContain(root.key);
    const again = await closeAsDup(mid.key, { original: leaf.key, version: (await get(mid.key)).version });
    expect(again.status).toBe(409);
    expect((await closeAsDup(leaf.key, { original: 'APP-9999', version: leaf.version })).status).toBe(404);
  });
});
