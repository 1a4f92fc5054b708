import { expect, it } from 'vitest';
import { type Harness, useHarness } from '../../test/api-client.ts';
import { describeEachDialect } from '../../test/dialects.ts';

const DAY = 24 * 3600 * 1000;

/** Signs a fresh session in and returns its cookie and row id (the newest session of the account). */
async function signIn(h: Harness, email: string, password: string) {
  const r = await h.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
  expect(r.statusCode).toBe(200);
  const row = await h.svc.store.db
    .selectFrom('sessions')
    .select('id')
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  return { cookie: r.cookies.find((c) => c.name === 'cl_session')!.value, id: row.id };
}

/** Ages a session's row: how long ago it was last used, and how far its absolute end is from now. */
async function age(h: Harness, id: number, t: { lastSeenAgo: number; endsIn?: number }) {
  const now = Date.now();
  await h.svc.store.db
    .updateTable('sessions')
    .set({
      last_seen_at: now - t.lastSeenAgo,
      ...(t.endsIn === undefined ? {} : { expires_at: now + t.endsIn }),
    })
    .where('id', '=', id)
    .execute();
}

const lastSeen = async (h: Harness, id: number) =>
  Number(
    (
      await h.svc.store.db
        .selectFrom('sessions')
        .select('last_seen_at')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).last_seen_at,
  );

const get = (h: Harness, cookie: string, url: string) =>
  h.app.inject({ method: 'GET', url, cookies: { cl_session: cookie } });

/** Issue 15, item 2: sessions end after the idle window or the absolute one, whichever comes first. */
describeEachDialect('session expiry (defaults: 14 idle days, 30 days in all)', (dialect) => {
  const h = useHarness(dialect);

  it('answers 401 to a session unused for longer than the idle window, and the probe says signed out', async () => {
    const s = await signIn(h, 'owner@example.com', 'owner-password');
    await age(h, s.id, { lastSeenAgo: 13 * DAY });
    expect((await get(h, s.cookie, '/api/v1/me')).statusCode).toBe(200);
    await age(h, s.id, { lastSeenAgo: 14 * DAY + 1000 });
    const refused = await get(h, s.cookie, '/api/v1/me');
    expect(refused.statusCode).toBe(401);
    expect(refused.json().error.code).toBe('unauthenticated');
    expect((await get(h, s.cookie, '/api/v1/auth/session')).json()).toEqual({ me: null });
  });

  it('answers 401 after the absolute end even to a session used a minute ago', async () => {
    const s = await signIn(h, 'owner@example.com', 'owner-password');
    await age(h, s.id, { lastSeenAgo: 60_000, endsIn: 5_000 });
    expect((await get(h, s.cookie, '/api/v1/me')).statusCode).toBe(200);
    await age(h, s.id, { lastSeenAgo: 60_000, endsIn: -1 });
    expect((await get(h, s.cookie, '/api/v1/me')).statusCode).toBe(401);
  });

  it('moves the idle clock on use, at most once a minute, so reads do not write per request', async () => {
    const s = await signIn(h, 'owner@example.com', 'owner-password');
    await age(h, s.id, { lastSeenAgo: 30_000 });
    const before = await lastSeen(h, s.id);
    expect((await get(h, s.cookie, '/api/v1/me')).statusCode).toBe(200);
    expect(await lastSeen(h, s.id)).toBe(before);

    await age(h, s.id, { lastSeenAgo: 10 * DAY });
    const t0 = Date.now();
    expect((await get(h, s.cookie, '/api/v1/me')).statusCode).toBe(200);
    expect(await lastSeen(h, s.id)).toBeGreaterThanOrEqual(t0);
  });

  it('lists a session with when it was last used and when it ends unless used again', async () => {
    const s = await signIn(h, 'owner@example.com', 'owner-password');
    await age(h, s.id, { lastSeenAgo: 2 * DAY, endsIn: 20 * DAY });
    const idle = await signIn(h, 'owner@example.com', 'owner-password');
    await age(h, idle.id, { lastSeenAgo: 15 * DAY });
    const items = (await get(h, s.cookie, '/api/v1/me/sessions')).json().items as {
      id: number;
      lastSeenAt: string;
      expiresAt: string;
    }[];
    expect(items.map((i) => i.id)).not.toContain(idle.id);
    const mine = items.find((i) => i.id === s.id)!;
    // This very request moved its clock (2 days old): it now ends 14 days after that use.
    expect(Date.parse(mine.expiresAt) - Date.parse(mine.lastSeenAt)).toBe(14 * DAY);
  });
});

describeEachDialect('session expiry as configured (SESSION_IDLE_DAYS=1, SESSION_MAX_DAYS=2)', (dialect) => {
  const h = useHarness(dialect, { env: { SESSION_IDLE_DAYS: '1', SESSION_MAX_DAYS: '2' } });

  it('ends sessions by the configured windows and sets the cookie for the absolute one', async () => {
    const r = await h.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'owner@example.com', password: 'owner-password' },
    });
    expect(r.cookies.find((c) => c.name === 'cl_session')!.maxAge).toBe((2 * DAY) / 1000);
    const row = await h.svc.store.db
      .selectFrom('sessions')
      .select(['id', 'created_at', 'expires_at'])
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(Number(row.expires_at) - Number(row.created_at)).toBe(2 * DAY);
    const s = { cookie: r.cookies.find((c) => c.name === 'cl_session')!.value, id: row.id };
    await age(h, s.id, { lastSeenAgo: DAY - 60_000 });
    expect((await get(h, s.cookie, '/api/v1/me')).statusCode).toBe(200);
    await age(h, s.id, { lastSeenAgo: DAY + 1000 });
    expect((await get(h, s.cookie, '/api/v1/me')).statusCode).toBe(401);
  });
});
