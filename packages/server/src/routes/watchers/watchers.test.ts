import { beforeAll, expect, it } from 'vitest';
import { liveOf } from '../../live/live-runtime.ts';
import { type TestUser, useHarness } from '../../test/api-client.ts';
import { describeEachDialect } from '../../test/dialects.ts';

const local = (u: TestUser) => u.email.split('@')[0]!;

describeEachDialect('watchers and mentions', (dialect) => {
  const h = useHarness(dialect);
  let mia: TestUser;
  let dan: TestUser;
  let des: TestUser;
  let vic: TestUser;
  const settle = () => liveOf(h.svc).idle();
  const inbox = async (u: TestUser, query = '') =>
    (await h.req({ method: 'GET', url: `/api/v1/notifications${query}`, as: u })).body;
  const watchers = async (key: string, as: TestUser = h.owner) =>
    (await h.req({ method: 'GET', url: `/api/v1/issues/${key}/watchers`, as })).body;
  const create = async (as: TestUser, payload: Record<string, unknown>) => {
    const r = await h.req({ method: 'POST', url: '/api/v1/projects/APP/issues', as, payload });
    expect(r.status).toBe(201);
    await settle();
    return r.body;
  };
  const comment = async (as: TestUser, key: string, body: string) => {
    const r = await h.req({ method: 'POST', url: `/api/v1/issues/${key}/comments`, as, payload: { body } });
    expect(r.status).toBe(201);
    await settle();
    return r.body;
  };

  beforeAll(async () => {
    mia = await h.invite('member', 'Mia Member');
    dan = await h.invite('member', 'Dan Designer');
    des = await h.invite('member', 'Deb Designer');
    vic = await h.invite('viewer', 'Vic Viewer');
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
    const team = await h.req({
      method: 'POST',
      url: '/api/v1/teams',
      as: h.owner,
      payload: { key: 'design', name: 'Design', memberIds: [dan.id, des.id] },
    });
    expect(team.status).toBe(201);
  });

  it('makes the reporter a watcher and tells nobody about their own new issue', async () => {
    const issue = await create(mia, { title: 'Marketing used design v3, not v5' });
    const w = await watchers(issue.key, mia);
    expect(w.items.map((x: { userId: number; reason: string }) => [x.userId, x.reason])).toEqual([
      [mia.id, 'reporter'],
    ]);
    expect(w.watching).toBe(true);
    expect((await inbox(mia)).items).toEqual([]);
  });

  it('turns @mentions in a comment into watchers and "mentioned" notifications, and tells other watchers "commented"', async () => {
    const issue = await create(mia, { title: 'Checkout is slow' });
    const c = await comment(
      h.owner,
      issue.key,
      `@${local(vic)} and @Design please look, \`@${local(mia)}\` is code`,
    );
    const w = await watchers(issue.key);
    const reasons = Object.fromEntries(
      w.items.map((x: { userId: number; reason: string }) => [x.userId, x.reason]),
    );
    expect(reasons).toEqual({
      [mia.id]: 'reporter',
      [h.owner.id]: 'commented',
      [vic.id]: 'mentioned',
      [dan.id]: 'mentioned',
      [des.id]: 'mentioned',
    });

    for (const u of [vic, dan, des]) {
      const n = (await inbox(u)).items.find((x: { issueKey: string }) => x.issueKey === issue.key);
      expect(n).toMatchObject({
        kind: 'mentioned',
        issueKey: issue.key,
        issueTitle: 'Checkout is slow',
        commentId: c.id,
        actorId: h.owner.id,
        actorName: 'Olivia Owner',
        readAt: null,
      });
    }
    const miaN = (await inbox(mia)).items.filter((x: { issueKey: string }) => x.issueKey === issue.key);
    expect(miaN).toMatchObject([{ kind: 'commented', commentId: c.id }]);
    // The actor is never notified about their own comment.
    expect(
      (await inbox(h.owner)).items.filter((x: { issueKey: string }) => x.issueKey === issue.key),
    ).toEqual([]);
  });

  it('notifies people newly mentioned by an edit only, and mentions in a description on create and update', async () => {
    const issue = await create(mia, { title: 'Assets outdated', description: `cc @${local(dan)}` });
    expect((await inbox(dan)).items[0]).toMatchObject({
      kind: 'mentioned',
      issueKey: issue.key,
      commentId: null,
    });
    const before = (await inbox(dan)).items.length;
    const upd = await h.req({
      method: 'PATCH',
      url: `/api/v1/issues/${issue.key}`,
      as: mia,
      payload: { version: issue.version, description: `cc @${local(dan)} and @${vic.email}` },
    });
    expect(upd.status).toBe(200);
    await settle();
    // Dan was mentioned already (and watches): he gets the general "updated", not a second mention.
    const danItems = (await inbox(dan)).items;
    expect(danItems.length).toBe(before + 1);
    expect(danItems[0]).toMatchObject({ kind: 'updated', fields: ['description'] });
    expect((await inbox(vic)).items[0]).toMatchObject({ kind: 'mentioned', issueKey: issue.key });

    const c = await comment(mia, issue.key, 'first draft');
    const edited = await h.req({
      method: 'PATCH',
      url: `/api/v1/comments/${c.id}`,
      as: mia,
      payload: { body: `first draft, @${local(h.owner)}?` },
    });
    expect(edited.status).toBe(200);
    await settle();
    expect((await inbox(h.owner)).items[0]).toMatchObject({
      kind: 'mentioned',
      issueKey: issue.key,
      commentId: c.id,
    });
  });

  it('ignores handles that match nobody and never notifies strangers', async () => {
    const issue = await create(mia, {
      title: 'Typos',
      description: '@nobody @no-such-team mail me at x@example.com',
    });
    const w = await watchers(issue.key);
    expect(w.items.map((x: { userId: number }) => x.userId)).toEqual([mia.id]);
  });

  it('makes assignees (a person or a team’s members) watchers and notifies them "assigned"', async () => {
    const issue = await create(mia, { title: 'Fix banner', assigneeUserId: dan.id });
    expect((await inbox(dan)).items[0]).toMatchObject({
      kind: 'assigned',
      issueKey: issue.key,
      actorId: mia.id,
    });
    const teamId = (await h.req({ method: 'GET', url: '/api/v1/teams', as: h.owner })).body.find(
      (t: { key: string }) => t.key === 'design',
    ).id;
    const r = await h.req({
      method: 'PATCH',
      url: `/api/v1/issues/${issue.key}`,
      as: dan,
      payload: { version: issue.version, assigneeTeamId: teamId },
    });
    expect(r.status).toBe(200);
    await settle();
    expect((await inbox(des)).items[0]).toMatchObject({ kind: 'assigned', issueKey: issue.key });
    // Dan made the change: no notification for him about it.
    expect((await inbox(dan)).items[0]).toMatchObject({ kind: 'assigned', actorId: mia.id });
    const ids = (await watchers(issue.key)).items.map((x: { userId: number }) => x.userId).sort();
    expect(ids).toEqual([mia.id, dan.id, des.id].sort());
  });

  it('lets anyone who can read subscribe and unsubscribe, and an unsubscribed person hears nothing more', async () => {
    const issue = await create(mia, { title: 'Watch me' });
    const sub = await h.req({ method: 'POST', url: `/api/v1/issues/${issue.key}/watchers/me`, as: vic });
    expect(sub.status).toBe(200);
    expect(sub.body.watching).toBe(true);
    expect(sub.body.items.find((x: { userId: number }) => x.userId === vic.id)).toMatchObject({
      reason: 'subscribed',
      name: 'Vic Viewer',
    });
    // Subscribing twice is harmless.
    expect(
      (await h.req({ method: 'POST', url: `/api/v1/issues/${issue.key}/watchers/me`, as: vic })).body.items
        .length,
    ).toBe(2);

    await comment(mia, issue.key, 'news');
    expect((await inbox(vic)).items[0]).toMatchObject({ kind: 'commented', issueKey: issue.key });
    const count = (await inbox(vic)).items.length;

    expect(
      (await h.req({ method: 'DELETE', url: `/api/v1/issues/${issue.key}/watchers/me`, as: vic })).status,
    ).toBe(204);
    expect((await watchers(issue.key, vic)).watching).toBe(false);
    await comment(mia, issue.key, 'more news');
    expect((await inbox(vic)).items.length).toBe(count);
  });

  it('answers 404 for unknown issues and 401 without credentials', async () => {
    expect((await h.req({ method: 'POST', url: '/api/v1/issues/APP-999/watchers/me', as: vic })).status).toBe(
      404,
    );
    expect((await h.req({ method: 'GET', url: '/api/v1/issues/APP-1/watchers' })).status).toBe(401);
  });
});
