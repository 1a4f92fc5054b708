import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { beforeAll, expect, it } from 'vitest';
import { pruneReplays } from '../../commands/replays.ts';
import { type TestUser, useHarness } from '../../test/api-client.ts';
import { describeEachDialect } from '../../test/dialects.ts';

const hex = () => randomBytes(16).toString('hex');
const T0 = Date.UTC(2026, 10, 20, 12);

function chunk(sessionId: string, seq: number, over: Record<string, unknown> = {}) {
  const at = T0 + seq * 10_000;
  return {
    event_id: hex(),
    session_id: sessionId,
    seq,
    started_at: at,
    ended_at: at + 9_000,
    url: 'https://shop.test/cart',
    release: 'shop@1.0.0',
    user: { id: 'u1' },
    events: [
      { type: seq === 0 ? 4 : 3, timestamp: at, data: { n: seq } },
      { type: 3, timestamp: at + 9_000, data: { n: seq, last: true } },
    ],
    ...over,
  };
}

describeEachDialect('session replay API', (dialect) => {
  const h = useHarness(dialect);
  let member: TestUser;
  let key: { publicKey: string };

  beforeAll(async () => {
    member = await h.invite('member');
    await h.req({
      method: 'POST',
      url: '/api/v1/projects',
      as: h.owner,
      payload: { key: 'SHOP', name: 'Shop' },
    });
    key = (
      await h.req({
        method: 'POST',
        url: '/api/v1/projects/SHOP/ingest-keys',
        as: h.owner,
        payload: { name: 'w' },
      })
    ).body;
  });

  const send = (chunks: unknown[], gzip = true) => {
    const body = JSON.stringify({ v: 1, events: chunks });
    return h.req({
      method: 'POST',
      url: `/api/ingest/v1/replays?key=${key.publicKey}`,
      headers: { 'content-type': 'text/plain', ...(gzip ? { 'content-encoding': 'gzip' } : {}) },
      payload: gzip ? gzipSync(body) : body,
    });
  };
  const list = async (query = '') =>
    (await h.req({ method: 'GET', url: `/api/v1/projects/SHOP/sessions?${query}`, as: member })).body as {
      items: {
        sessionId: string;
        durationMs: number;
        errorCount: number;
        chunkCount: number;
        urls: string[];
      }[];
      nextCursor: string | null;
    };

  it('stores chunks sent out of order and plays them back in order, counting a retry once', async () => {
    const r = await send([chunk('s-a', 2), chunk('s-a', 0)]);
    expect(r.status).toBe(202);
    expect(r.body).toMatchObject({ accepted: 2, stored: 2, duplicates: 0 });
    const retry = chunk('s-a', 1, { url: 'https://shop.test/checkout', errors: 1 });
    await send([retry], false);
    expect((await send([retry])).body).toMatchObject({ stored: 0, duplicates: 1 });

    const session = await h.req({ method: 'GET', url: '/api/v1/projects/SHOP/sessions/s-a', as: member });
    expect(session.status).toBe(200);
    expect(session.body).toMatchObject({
      sessionId: 's-a',
      source: 'closeloop',
      startedAt: new Date(T0).toISOString(),
      durationMs: 29_000,
      firstUrl: 'https://shop.test/cart',
      urls: ['https://shop.test/cart', 'https://shop.test/checkout'],
      user: 'u1',
      errorCount: 1,
      chunkCount: 3,
    });
    const rec = await h.req({ method: 'GET', url: session.body.recordingUrl, as: member });
    expect(rec.status).toBe(200);
    expect((rec.body as { data: { n: number } }[]).map((e) => e.data.n)).toEqual([0, 0, 1, 1, 2, 2]);
  });

  it('filters the sessions page by user, URL, release, errors, frustration and duration', async () => {
    await send([
      chunk('s-b', 0, {
        user: { id: 'u2' },
        release: 'shop@2.0.0',
        frustrations: 2,
        url: 'https://shop.test/p/1',
      }),
    ]);
    const ids = async (q: string) => (await list(q)).items.map((s) => s.sessionId).sort();
    expect(await ids('')).toEqual(['s-a', 's-b']);
    expect(await ids('user=u2')).toEqual(['s-b']);
    expect(await ids('url=checkout')).toEqual(['s-a']);
    expect(await ids('url=%25')).toEqual([]); // a LIKE wildcard is matched literally
    expect(await ids('release=shop%402.0.0')).toEqual(['s-b']);
    expect(await ids('hasError=true')).toEqual(['s-a']);
    expect(await ids('hasError=false')).toEqual(['s-b']);
    expect(await ids('hasFrustration=true')).toEqual(['s-b']);
    expect(await ids('minDuration=20')).toEqual(['s-a']);
    expect(await ids('maxDuration=10')).toEqual(['s-b']);
    const first = await list('limit=1');
    expect(first.items).toHaveLength(1);
    const second = await list(`limit=1&cursor=${first.nextCursor}`);
    expect(second.items.map((s) => s.sessionId)).not.toEqual(first.items.map((s) => s.sessionId));
    expect(second.nextCursor).toBeNull();
  });

  it('answers bad input with 4xx and other workspaces with 404', async () => {
    expect((await send([{ ...chunk('s-c', 0), session_id: '../etc' }])).status).toBe(400);
    expect((await send([{ ...chunk('s-c', 0), events: [] }])).status).toBe(400);
    const badKey = await h.req({ method: 'POST', url: '/api/ingest/v1/replays?key=nope', payload: '{}' });
    expect(badKey.status).toBe(401);
    expect(
      (await h.req({ method: 'GET', url: '/api/v1/projects/SHOP/sessions?cursor=x', as: member })).status,
    ).toBe(400);
    expect(
      (await h.req({ method: 'GET', url: '/api/v1/projects/SHOP/sessions/nope', as: member })).status,
    ).toBe(404);
    expect((await h.req({ method: 'GET', url: '/api/v1/projects/SHOP/sessions' })).status).toBe(401);
  });

  it('deletes recordings past the project retention, never sooner than 30 days', async () => {
    const settings = (days: number, as = h.owner) =>
      h.req({
        method: 'PUT',
        url: '/api/v1/projects/SHOP/replay-settings',
        as,
        payload: { retentionDays: days },
      });
    expect((await settings(7)).status).toBe(400);
    expect((await settings(60, member)).status).toBe(403);
    expect((await settings(45)).body).toMatchObject({ retentionDays: 45 });
    // The worker runs this hourly as the recurring job `replay.prune`.
    expect(h.svc.jobs.knows('replay.prune')).toBe(true);

    const DAY = 86_400_000;
    const end = T0 + 29_000; // s-a's last event; s-b ended at T0 + 9 s
    expect(await pruneReplays(h.svc, end + 44 * DAY)).toBe(0);
    expect(await pruneReplays(h.svc, T0 + 9_000 + 45 * DAY + 1)).toBe(1); // s-b only
    expect((await list()).items.map((s) => s.sessionId)).toEqual(['s-a']);
    expect(await pruneReplays(h.svc, end + 46 * DAY)).toBe(1);
    expect((await list()).items).toEqual([]);
    const project = await h.svc.store.db
      .selectFrom('projects')
      .select('id')
      .where('key', '=', 'SHOP')
      .executeTakeFirstOrThrow();
    expect(await h.svc.replays.list(project.id, 's-a')).toEqual([]);
    const rows = await h.svc.store.db.selectFrom('replay_chunks').select('seq').execute();
    expect(rows).toEqual([]);
  });
});
