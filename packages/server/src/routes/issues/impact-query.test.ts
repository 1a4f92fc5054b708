import { beforeAll, expect, it } from 'vitest';
import { useHarness } from '../../test/api-client.ts';
import { describeEachDialect } from '../../test/dialects.ts';
import { ingestRequest, messageEvent } from '../../test/ingest-requests.ts';
import { createProjectWithKey } from '../sentry/sentry-test-kit.ts';

const HOUR = 3_600_000;

/**
 * Issue 10.7: the issue stream filters and sorts by impact — `users:>N`, `events:`, `sessions:`,
 * `firstseen:` / `lastseen:` (the documented date syntax) and `route:` — over what each issue's
 * event groups add up to. Manual issues have no impact: a comparison on them is false, and they
 * sort after every machine-found issue.
 */
describeEachDialect('impact qualifiers and sorts in the query language', (dialect) => {
  const h = useHarness(dialect);
  const keys: Record<'wide' | 'narrow' | 'manual', string> = { wide: '', narrow: '', manual: '' };

  const query = (q: string, extra = '&limit=50') =>
    h.req({
      method: 'GET',
      url: `/api/v1/issues?q=${encodeURIComponent(`project:SHOP ${q}`)}${extra}`,
      as: h.owner,
    });
  const keysOf = async (q: string) => {
    const r = await query(q);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return (r.body.items as { key: string }[]).map((i) => i.key);
  };
  const name = (key: string) => Object.entries(keys).find(([, k]) => k === key)?.[0] ?? key;
  const namesOf = async (q: string) => (await keysOf(q)).map(name);

  beforeAll(async () => {
    const { publicKey } = await createProjectWithKey(h, 'SHOP');
    const now = Date.now();
    // "wide": 5 users in 5 sessions on /checkout/:id, half an hour ago.
    const wide = Array.from({ length: 5 }, (_, n) =>
      messageEvent('Payment form froze', {
        timestamp: now - HOUR / 2,
        user: { id: `u${n}` },
        session_id: `sess-wide-${n}`,
        route: '/checkout/:id',
      }),
    );
    // "narrow": one user, 3 events in one session on /cart, three days ago.
    const narrow = Array.from({ length: 3 }, () =>
      messageEvent('Cart badge off by one', {
        timestamp: now - 72 * HOUR,
        user: { id: 'solo' },
        session_id: 'sess-narrow',
        route: '/cart',
      }),
    );
    const r = await h.req(ingestRequest(publicKey, [...wide, ...narrow]));
    expect(r.status).toBe(202);
    await h.svc.ingest.worker.drain();
    const list = await h.req({ method: 'GET', url: '/api/v1/issues?project=SHOP&limit=50', as: h.owner });
    for (const i of list.body.items as { key: string; title: string }[]) {
      if (i.title === 'Payment form froze') keys.wide = i.key;
      if (i.title === 'Cart badge off by one') keys.narrow = i.key;
    }
    const manual = await h.req({
      method: 'POST',
      url: '/api/v1/projects/SHOP/issues',
      as: h.owner,
      payload: { title: 'Update the returns policy page' },
    });
    expect(manual.status, JSON.stringify(manual.body)).toBe(201);
    keys.manual = manual.body.key;
    expect(keys.wide && keys.narrow).toBeTruthy();
  });

  it('filters by users, events and sessions, with comparisons; negation includes manual issues', async () => {
    expect(await namesOf('users:>3')).toEqual(['wide']);
    expect(await namesOf('users:1')).toEqual(['narrow']);
    expect(await namesOf('events:>=3 sessions:<2')).toEqual(['narrow']);
    expect((await namesOf('-users:>3')).sort()).toEqual(['manual', 'narrow']);
  });

  it('filters by last and first seen in the date syntax', async () => {
    expect(await namesOf('lastseen:-1h')).toEqual(['wide']);
    expect(await namesOf('lastseen:<-1d')).toEqual(['narrow']);
    expect((await namesOf('firstseen:>-7d')).sort()).toEqual(['narrow', 'wide']);
  });

  it('filters by route with * as a wildcard', async () => {
    expect(await namesOf('route:/checkout*')).toEqual(['wide']);
    expect(await namesOf('route:/cart')).toEqual(['narrow']);
    expect(await namesOf('route:/car')).toEqual([]);
    expect(await namesOf('route:/checkout* OR route:/cart')).toHaveLength(2);
  });

  it('sorts by users, events and last seen, manual issues last, and pages through the sort', async () => {
    expect(await namesOf('sort:users')).toEqual(['wide', 'narrow', 'manual']);
    expect(await namesOf('sort:users-asc')).toEqual(['narrow', 'wide', 'manual']);
    expect(await namesOf('sort:events')).toEqual(['wide', 'narrow', 'manual']);
    expect(await namesOf('sort:lastseen-asc')).toEqual(['narrow', 'wide', 'manual']);
    const seen: string[] = [];
    let cursor = '';
    for (let n = 0; n < 4; n++) {
      const r = await query('sort:users-asc', `&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      seen.push(...(r.body.items as { key: string }[]).map((i) => name(i.key)));
      if (!r.body.nextCursor) break;
      cursor = r.body.nextCursor;
    }
    expect(seen).toEqual(['narrow', 'wide', 'manual']);
  });

  it('lists issues with their impact (counts, first/last seen, 24-hour trend), sortable without a query', async () => {
    const r = await h.req({
      method: 'GET',
      url: '/api/v1/issues?project=SHOP&sort=users&order=desc&limit=50',
      as: h.owner,
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const items = r.body.items as { key: string; impact?: Record<string, unknown> & { trend: number[] } }[];
    expect(items.map((i) => name(i.key))).toEqual(['wide', 'narrow', 'manual']);
    expect(items[0]!.impact).toMatchObject({ events: 5, users: 5, sessions: 5, performance: null });
    expect(items[0]!.impact!.trend).toHaveLength(24);
    expect(items[0]!.impact!.trend.reduce((a, b) => a + b, 0)).toBe(5);
    expect(items[1]!.impact).toMatchObject({ events: 3, users: 1, sessions: 1 });
    // Three days ago: outside the 24-hour trend.
    expect(items[1]!.impact!.trend.every((n) => n === 0)).toBe(true);
    expect(Date.parse(items[1]!.impact!.lastSeen as string)).toBeLessThan(Date.now() - 48 * HOUR);
    expect(items[2]!.impact).toBeUndefined();
  });

  it('answers 400 pointing at a value that is not a count', async () => {
    const r = await query('users:>many');
    expect(r.status).toBe(400);
    expect(r.body.error.details).toMatchObject({ field: 'q', position: 'project:SHOP users:>'.length });
  });
});

/**
 * Two machine-found issues that share a user, merged: the list, `users:` and `sort:users` count
 * that user once (distinct users across the merged groups), as the issue page does — not the sum
 * of the groups' counters (2 + 2 = 4).
 */
describeEachDialect('impact of an issue with merged groups', (dialect) => {
  const h = useHarness(dialect);

  it('lists the distinct users and sessions across merged groups, and filters on them', async () => {
    const { publicKey } = await createProjectWithKey(h, 'SHOP');
    const at = Date.now() - HOUR / 2;
    const event = (title: string, user: string) =>
      messageEvent(title, { timestamp: at, user: { id: user }, session_id: `sess-${user}` });
    const r = await h.req(
      ingestRequest(publicKey, [
        event('Coupon field rejects codes', 'ana'),
        event('Coupon field rejects codes', 'ben'),
        event('Coupon box throws on submit', 'ben'),
        event('Coupon box throws on submit', 'cho'),
      ]),
    );
    expect(r.status).toBe(202);
    await h.svc.ingest.worker.drain();
    const list = await h.req({ method: 'GET', url: '/api/v1/issues?project=SHOP&limit=50', as: h.owner });
    const keyOf = (title: string) =>
      (list.body.items as { key: string; title: string }[]).find((i) => i.title === title)!.key;
    const original = keyOf('Coupon field rejects codes');
    const duplicate = keyOf('Coupon box throws on submit');
    const merged = await h.req({
      method: 'POST',
      url: `/api/v1/issues/${duplicate}/merge`,
      as: h.owner,
      payload: { into: original },
    });
    expect(merged.status, JSON.stringify(merged.body)).toBe(201);

    const page = await h.req({
      method: 'GET',
      url: '/api/v1/issues?project=SHOP&limit=50',
      as: h.owner,
    });
    expect(page.status, JSON.stringify(page.body)).toBe(200);
    const item = (page.body.items as { key: string; impact?: Record<string, unknown> }[]).find(
      (i) => i.key === original,
    );
    expect(item?.impact).toMatchObject({ events: 4, users: 3, sessions: 3 });
    const monitoring = await h.req({
      method: 'GET',
      url: `/api/v1/issues/${original}/monitoring`,
      as: h.owner,
    });
    expect(monitoring.body).toMatchObject({ userCount: 3, sessionCount: 3 });

    const keys = async (q: string) => {
      const res = await h.req({
        method: 'GET',
        url: `/api/v1/issues?q=${encodeURIComponent(`project:SHOP ${q}`)}&limit=50`,
        as: h.owner,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return (res.body.items as { key: string }[]).map((i) => i.key);
    };
    expect(await keys('users:3')).toEqual([original]);
    expect(await keys('users:>3')).toEqual([]);
    expect(await keys('sessions:3')).toEqual([original]);
  });
});
