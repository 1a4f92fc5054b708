import { randomBytes } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import { liveOf } from '../../live/live-runtime.ts';
import { useHarness } from '../../test/api-client.ts';
import { describeEachDialect } from '../../test/dialects.ts';
import { createProjectWithKey, issuesOf } from '../sentry/sentry-test-kit.ts';

/** The same issues, the same query: this order is expected from SQLite and from PostgreSQL alike. */
const ISSUES = [
  {
    title: 'Checkout button does nothing on Safari',
    description: 'Clicking Pay on the checkout page does nothing.',
  },
  { title: 'Login page is slow', description: 'The login page takes five seconds to render.' },
  {
    title: 'Checkout total wrong with a coupon',
    description: 'The checkout total ignores the coupon discount.',
  },
  { title: 'Typo on the help page', description: 'The word checkout is misspelt.' },
  {
    title: 'Safari: pay button dead at checkout',
    description: 'Nothing happens when I press pay in Safari.',
  },
];

describeEachDialect('similar issues and merging duplicates', (dialect) => {
  const h = useHarness(dialect);
  const keys: string[] = [];
  const similar = async (title: string) => {
    const r = await h.req({
      method: 'GET',
      url: `/api/v1/projects/APP/similar?title=${encodeURIComponent(title)}`,
      as: h.owner,
    });
    expect(r.status).toBe(200);
    return r.body;
  };

  beforeAll(async () => {
    const p = await h.req({
      method: 'POST',
      url: '/api/v1/projects',
      as: h.owner,
      payload: { key: 'APP', name: 'App' },
    });
    expect(p.status).toBe(201);
    for (const issue of ISSUES) {
      const r = await h.req({
        method: 'POST',
        url: '/api/v1/projects/APP/issues',
        as: h.owner,
        payload: issue,
      });
      expect(r.status).toBe(201);
      keys.push(r.body.key);
    }
  });

  it('ranks issues while a title is typed in the same order on both databases', async () => {
    const body = await similar('Pay button on checkout does nothing in Safari');
    expect(body.items.map((m: { key: string }) => m.key)).toEqual(['APP-1', 'APP-5', 'APP-3', 'APP-4']);
    expect(body.items[0]).toMatchObject({ title: ISSUES[0]!.title, status: 'todo', statusCategory: 'todo' });
    expect(body.items[0].score).toBeGreaterThan(body.items[1].score);
    expect((await similar('')).items).toEqual([]);
  });

  it('follows an edited title at once (the index is kept in the edit transaction)', async () => {
    expect((await similar('webhook retries')).items).toEqual([]);
    const before = await h.req({ method: 'GET', url: '/api/v1/issues/APP-4', as: h.owner });
    const r = await h.req({
      method: 'PATCH',
      url: '/api/v1/issues/APP-4',
      as: h.owner,
      payload: { version: before.body.version, title: 'Webhook retries never stop' },
    });
    expect(r.status).toBe(200);
    expect((await similar('webhook retries')).items.map((m: { key: string }) => m.key)).toEqual(['APP-4']);
  });

  it('flags a later near-identical issue as a likely duplicate of the earlier one', async () => {
    const r = await h.req({ method: 'GET', url: `/api/v1/issues/${keys[4]}/similar`, as: h.owner });
    expect(r.status).toBe(200);
    expect(r.body.items[0].key).toBe('APP-1');
    expect(r.body.likelyDuplicateOf?.key).toBe('APP-1');
    const first = await h.req({ method: 'GET', url: '/api/v1/issues/APP-1/similar', as: h.owner });
    expect(first.body.items[0].key).toBe('APP-5');
    expect(first.body.likelyDuplicateOf).toBeNull();
  });

  it('merges a duplicate: comments and watchers move, the link stays, it is closed; undo moves them back', async () => {
    const member = await h.invite('member', 'Mia Member');
    const c = await h.req({
      method: 'POST',
      url: '/api/v1/issues/APP-5/comments',
      as: member,
      payload: { body: 'Same on my iPad' },
    });
    expect(c.status).toBe(201);
    // The commenter becomes a watcher through the live reactor, after the comment's commit.
    await liveOf(h.svc).idle();
    const merged = await h.req({
      method: 'POST',
      url: '/api/v1/issues/APP-5/merge',
      as: h.owner,
      payload: { into: 'app-1' },
    });
    expect(merged.status).toBe(201);
    expect(merged.body).toMatchObject({ duplicateKey: 'APP-5', originalKey: 'APP-1', undoneAt: null });
    expect(merged.body.moved.comments).toBe(1);

    const dup = (await h.req({ method: 'GET', url: '/api/v1/issues/APP-5', as: h.owner })).body;
    expect(dup).toMatchObject({ statusCategory: 'done', resolution: 'duplicate' });
    const comments = async (key: string) =>
      (await h.req({ method: 'GET', url: `/api/v1/issues/${key}/comments`, as: h.owner })).body.map(
        (x: { body: string }) => x.body,
      );
    expect(await comments('APP-1')).toContain('Same on my iPad');
    expect(await comments('APP-5')).not.toContain('Same on my iPad');
    const watchers = async (key: string) =>
      (await h.req({ method: 'GET', url: `/api/v1/issues/${key}/watchers`, as: h.owner })).body.items.map(
        (x: { userId: number }) => x.userId,
      );
    expect(await watchers('APP-1')).toContain(member.id);
    const links = (await h.req({ method: 'GET', url: '/api/v1/issues/APP-5/links', as: h.owner })).body;
    expect(JSON.stringify(links)).toContain('APP-1');
    expect(
      (await h.req({ method: 'GET', url: '/api/v1/issues/APP-5/similar', as: h.owner })).body
        .likelyDuplicateOf,
    ).toBeNull();

    const again = await h.req({
      method: 'POST',
      url: '/api/v1/issues/APP-5/merge',
      as: h.owner,
      payload: { into: 'APP-2' },
    });
    expect(again.status).toBe(409);
    const self = await h.req({
      method: 'POST',
      url: '/api/v1/issues/APP-2/merge',
      as: h.owner,
      payload: { into: 'APP-2' },
    });
    expect(self.status).toBe(400);
    const chain = await h.req({
      method: 'POST',
      url: '/api/v1/issues/APP-2/merge',
      as: h.owner,
      payload: { into: 'APP-5' },
    });
    expect(chain.status).toBe(422);

    const undo = await h.req({ method: 'POST', url: '/api/v1/issues/APP-5/merge/undo', as: h.owner });
    expect(undo.status).toBe(200);
    expect(undo.body.undoneAt).not.toBeNull();
    expect(await comments('APP-5')).toContain('Same on my iPad');
    expect(await comments('APP-1')).not.toContain('Same on my iPad');
    expect(await watchers('APP-1')).not.toContain(member.id);
    expect((await h.req({ method: 'GET', url: '/api/v1/issues/APP-5', as: h.owner })).body).toMatchObject({
      statusCategory: 'todo',
      resolution: null,
    });
    const links2 = (await h.req({ method: 'GET', url: '/api/v1/issues/APP-5/links', as: h.owner })).body;
    expect(JSON.stringify(links2)).not.toContain('APP-1');
    const none = await h.req({ method: 'POST', url: '/api/v1/issues/APP-5/merge/undo', as: h.owner });
    expect(none.status).toBe(404);
    const history = await h.req({ method: 'GET', url: '/api/v1/issues/APP-1/merges', as: h.owner });
    expect(history.body.items).toHaveLength(1);
  });

  it('moves a machine-found issue’s fingerprint: later events of the duplicate reach the original', async () => {
    const key = (await createProjectWithKey(h, 'SHOP')).publicKey;
    const send = (value: string, fn: string) =>
      h.req({
        method: 'POST',
        url: `/api/ingest/v1/events?key=${key}`,
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({
          v: 1,
          events: [
            {
              event_id: randomBytes(16).toString('hex'),
              type: 'error',
              timestamp: Date.now(),
              exception: {
                type: 'TypeError',
                value,
                frames: [
                  {
                    function: fn,
                    filename: 'src/cart.js',
                    abs_path: 'https://shop.example/src/cart.js',
                    lineno: 3,
                    in_app: true,
                  },
                ],
              },
            },
          ],
        }),
      });
    expect((await send('price is undefined', 'computeTotal')).status).toBe(202);
    expect((await send('price is undefined', 'checkoutTotal')).status).toBe(202);
    await h.svc.ingest.worker.drain();
    const [b, a] = (await issuesOf(h, h.owner, 'SHOP')).map((i) => i.key);
    expect(a && b).toBeTruthy();
    const merged = await h.req({
      method: 'POST',
      url: `/api/v1/issues/${b}/merge`,
      as: h.owner,
      payload: { into: a },
    });
    expect(merged.status).toBe(201);
    expect(merged.body.moved.eventGroups).toBe(1);
    expect((await send('price is undefined', 'checkoutTotal')).status).toBe(202);
    await h.svc.ingest.worker.drain();
    const issues = await issuesOf(h, h.owner, 'SHOP');
    expect(issues).toHaveLength(2);
    const groups = await h.svc.store.db
      .selectFrom('event_groups')
      .innerJoin('issues', 'issues.id', 'event_groups.issue_id')
      .select(['issues.number', 'event_groups.event_count'])
      .orderBy('event_groups.id')
      .execute();
    const numberOf = (k: string) => Number(k.split('-')[1]);
    expect(groups.map((g) => [Number(g.number), Number(g.event_count)])).toEqual([
      [numberOf(a!), 1],
      [numberOf(a!), 2],
    ]);
    // The original's monitoring section counts the events of the group it received.
    const monitoring = await h.req({ method: 'GET', url: `/api/v1/issues/${a}/monitoring`, as: h.owner });
    expect(monitoring.status).toBe(200);
    expect(monitoring.body.eventCount).toBe(3);
    expect(monitoring.body.events).toHaveLength(3);
    expect(monitoring.body.hourly.reduce((n: number, x: { count: number }) => n + x.count, 0)).toBe(3);
  });
});
