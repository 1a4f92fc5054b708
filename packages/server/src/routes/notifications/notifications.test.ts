import { beforeAll, expect, it } from 'vitest';
import { liveOf } from '../../live/live-runtime.ts';
import { type TestUser, useHarness } from '../../test/api-client.ts';
import { describeEachDialect } from '../../test/dialects.ts';

describeEachDialect('notification inbox and settings', (dialect) => {
  const h = useHarness(dialect);
  let mia: TestUser;
  let bob: TestUser;
  const settle = () => liveOf(h.svc).idle();
  const get = (as: TestUser, url: string) => h.req({ method: 'GET', url, as });

  beforeAll(async () => {
    mia = await h.invite('member', 'Mia Member');
    bob = await h.invite('member', 'Bob Builder');
    await h.req({
      method: 'POST',
      url: '/api/v1/projects',
      as: h.owner,
      payload: { key: 'OPS', name: 'Ops' },
    });
    // Mia reports three issues; Bob comments on each: Mia gets three "commented" notifications.
    for (const title of ['One', 'Two', 'Three']) {
      const i = await h.req({
        method: 'POST',
        url: '/api/v1/projects/OPS/issues',
        as: mia,
        payload: { title },
      });
      await h.req({
        method: 'POST',
        url: `/api/v1/issues/${i.body.key}/comments`,
        as: bob,
        payload: { body: `about ${title}` },
      });
    }
    await settle();
  });

  it('lists a person’s notifications newest first with an unread count, and pages with a cursor', async () => {
    const all = await get(mia, '/api/v1/notifications');
    expect(all.status).toBe(200);
    expect(all.body.items.map((n: { issueKey: string; kind: string }) => `${n.issueKey}:${n.kind}`)).toEqual([
      'OPS-3:commented',
      'OPS-2:commented',
      'OPS-1:commented',
    ]);
    expect(all.body.unreadCount).toBe(3);
    expect(all.body.items[0]).toMatchObject({
      issueTitle: 'Three',
      actorId: bob.id,
      actorName: 'Bob Builder',
      readAt: null,
    });
    const p1 = await get(mia, '/api/v1/notifications?limit=2');
    expect(p1.body.items).toHaveLength(2);
    const p2 = await get(mia, `/api/v1/notifications?limit=2&cursor=${p1.body.nextCursor}`);
    expect(p2.body.items.map((n: { issueKey: string }) => n.issueKey)).toEqual(['OPS-1']);
    expect(p2.body.nextCursor).toBeNull();
    // Bob acted, so Bob has nothing; the owner watches nothing.
    expect((await get(bob, '/api/v1/notifications')).body.items).toEqual([]);
  });

  it('marks read and unread, filters unread, and marks all read', async () => {
    const items = (await get(mia, '/api/v1/notifications')).body.items;
    const r = await h.req({
      method: 'PATCH',
      url: `/api/v1/notifications/${items[0].id}`,
      as: mia,
      payload: { read: true },
    });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ unreadCount: 2 });
    const unread = await get(mia, '/api/v1/notifications?unread=true');
    expect(unread.body.items.map((n: { id: number }) => n.id)).toEqual([items[1].id, items[2].id]);
    expect((await get(mia, '/api/v1/notifications')).body.items[0].readAt).not.toBeNull();
    expect(
      (
        await h.req({
          method: 'PATCH',
          url: `/api/v1/notifications/${items[0].id}`,
          as: mia,
          payload: { read: false },
        })
      ).body,
    ).toEqual({ unreadCount: 3 });
    expect((await h.req({ method: 'POST', url: '/api/v1/notifications/read-all', as: mia })).body).toEqual({
      unreadCount: 0,
    });
    expect((await get(mia, '/api/v1/notifications/unread-count')).body).toEqual({ unreadCount: 0 });
    expect((await get(mia, '/api/v1/notifications?unread=true')).body.items).toEqual([]);
  });

  it('never lets anyone read or mark another person’s notifications', async () => {
    const theirs = (await get(mia, '/api/v1/notifications')).body.items[0].id;
    expect(
      (
        await h.req({
          method: 'PATCH',
          url: `/api/v1/notifications/${theirs}`,
          as: bob,
          payload: { read: false },
        })
      ).status,
    ).toBe(404);
    expect((await get(mia, '/api/v1/notifications/unread-count')).body).toEqual({ unreadCount: 0 });
    expect(
      (await h.req({ method: 'PATCH', url: '/api/v1/notifications/1', as: bob, payload: { read: 'yes' } }))
        .status,
    ).toBe(400);
    expect((await h.req({ method: 'GET', url: '/api/v1/notifications' })).status).toBe(401);
  });

  it('keeps an email preference per person: immediate by default, digests or off', async () => {
    const d = await get(mia, '/api/v1/me/notification-settings');
    expect(d.body).toEqual({ email: 'immediate', emailAvailable: false, nextDigestAt: null });
    const put = await h.req({
      method: 'PUT',
      url: '/api/v1/me/notification-settings',
      as: mia,
      payload: { email: 'daily' },
    });
    expect(put.status).toBe(200);
    expect(put.body.email).toBe('daily');
    expect((await get(mia, '/api/v1/me/notification-settings')).body.email).toBe('daily');
    expect((await get(bob, '/api/v1/me/notification-settings')).body.email).toBe('immediate');
    expect(
      (
        await h.req({
          method: 'PUT',
          url: '/api/v1/me/notification-settings',
          as: mia,
          payload: { email: 'weekly' },
        })
      ).status,
    ).toBe(400);
  });
});
