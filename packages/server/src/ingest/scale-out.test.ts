import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../store/db.ts';
import { migrateToLatest } from '../store/migrations/migrate.ts';
import { PG_URL, postgresReachable } from '../test/dialects.ts';
import {
  type ServerProcess,
  sendEvents,
  signupWithIngestKey,
  startServerProcess,
} from '../test/server-process.ts';

/**
 * Scale-out mode as README describes it: two API processes (`--role api`) and two worker
 * processes (`--role worker`) on one PostgreSQL database. Events go through both APIs at once;
 * every event acknowledged must be counted in its issue exactly once (none skipped because ids
 * committed out of order, none counted twice), and each error shape must be one issue. A live
 * client of one API process sees what is done through the other and what the workers find, and
 * a key's rate limit holds across both API processes.
 */
const pgOk = await postgresReachable();
const SHAPES = 5;
const SENDERS = 8;
const BATCHES_PER_SENDER = 25;
const EVENTS_PER_BATCH = 10;

describe.skipIf(!pgOk)('scale-out: two API and two worker processes on one PostgreSQL', () => {
  const schema = `so_${process.pid}_${randomBytes(4).toString('hex')}`;
  const url = `${PG_URL}${PG_URL.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  const procs: ServerProcess[] = [];

  beforeAll(async () => {
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    // Migrated here once, so the four processes start side by side on a ready schema.
    const store = openStore({ databaseUrl: PG_URL, dataDir: '', pgSchema: schema });
    await migrateToLatest(store.db, 'postgres');
    await store.close();
  });
  afterAll(async () => {
    await Promise.all(procs.map((p) => p.stop()));
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  });

  let apis: string[] = [];
  let owner: { cookie: string; publicKey: string };

  it('starts two API and two worker processes by role', async () => {
    const env = { DATABASE_URL: url };
    const started = await Promise.all([
      startServerProcess({ env, args: ['--role', 'api'] }),
      startServerProcess({ env, args: ['--role=api'] }),
      startServerProcess({ env, args: ['--role', 'worker'], http: false }),
      startServerProcess({ env: { ...env, ROLE: 'worker' }, http: false }),
    ]);
    procs.push(...started);
    apis = [started[0]!.base, started[1]!.base];
    owner = await signupWithIngestKey(apis[0]!);
  }, 300_000);

  it('counts every acknowledged event exactly once, one issue per error shape', async () => {
    const { publicKey } = owner;

    const acknowledged = new Set<string>();
    const sender = async (s: number) => {
      for (let b = 0; b < BATCHES_PER_SENDER; b++) {
        const ids = Array.from({ length: EVENTS_PER_BATCH }, () => randomBytes(16).toString('hex'));
        const events = ids.map((event_id, i) => ({
          event_id,
          type: 'error',
          timestamp: Date.now(),
          exception: {
            type: 'ScaleOutError',
            value: `shape ${(s + i) % SHAPES}`,
            frames: [{ function: `handler${(s + i) % SHAPES}`, filename: 'app.js', in_app: true }],
          },
        }));
        // Alternate the API process, as a load balancer would.
        if ((await sendEvents(apis[(s + b) % 2]!, publicKey, events)) === 202)
          for (const id of ids) acknowledged.add(id);
      }
    };
    await Promise.all(Array.from({ length: SENDERS }, (_, s) => sender(s)));
    expect(acknowledged.size).toBe(SENDERS * BATCHES_PER_SENDER * EVENTS_PER_BATCH);

    // Wait until the workers have consumed the whole log, then compare.
    const q = async (text: string) =>
      ((await admin.query(`SET search_path = ${schema}; ${text}`)) as unknown as pg.QueryResult[])[1]!.rows;
    for (let i = 0; ; i++) {
      const [row] = await q(
        `SELECT (SELECT max(id) FROM raw_events) AS head, (SELECT position FROM worker_offsets WHERE name = 'grouping') AS pos`,
      );
      if (row.pos !== null && Number(row.pos) >= Number(row.head)) break;
      if (i > 600) throw new Error(`workers did not catch up: offset ${row.pos}, head ${row.head}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const [totals] = await q(
      'SELECT count(*) AS groups, count(DISTINCT issue_id) AS issues, sum(event_count) AS events FROM event_groups',
    );
    const [issues] = await q('SELECT count(*) AS n FROM issues');
    expect({
      events: Number(totals.events),
      groups: Number(totals.groups),
      distinctIssues: Number(totals.issues),
      issues: Number(issues.n),
    }).toEqual({ events: acknowledged.size, groups: SHAPES, distinctIssues: SHAPES, issues: SHAPES });
  }, 300_000);

  it('shows a live client of one API process the edits made through the other and the issues workers find', async () => {
    const auth = { 'content-type': 'application/json', cookie: owner.cookie };
    const live = await openLiveStream(apis[0]!, owner.cookie);
    try {
      const created = await fetch(`${apis[1]}/api/v1/projects/SHOP/issues`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ title: 'Edited through the other process' }),
      });
      expect(created.status).toBe(201);
      const { key, version } = (await created.json()) as { key: string; version: number };
      const edited = await fetch(`${apis[1]}/api/v1/issues/${key}`, {
        method: 'PATCH',
        headers: auth,
        body: JSON.stringify({ title: 'Edited through the other process, live', version }),
      });
      expect(edited.status).toBe(200);
      await live.waitFor((e) => e.event === 'issue.updated' && e.data.includes(key));

      // A new error shape: a worker process opens its issue, and the client of API 1 hears of it.
      const status = await sendEvents(apis[1]!, owner.publicKey, [
        {
          event_id: randomBytes(16).toString('hex'),
          type: 'error',
          timestamp: Date.now(),
          exception: { type: 'LiveRelayError', value: 'found by a worker', frames: [] },
        },
      ]);
      expect(status).toBe(202);
      await live.waitFor((e) => e.event === 'issue.created' && e.data.includes('"actorId":null'));
    } finally {
      live.close();
    }
  }, 120_000);

  it('holds a key’s per-minute rate limit across both API processes', async () => {
    const limit = 20;
    const key = await fetch(`${apis[0]}/api/v1/projects/SHOP/ingest-keys`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: owner.cookie },
      body: JSON.stringify({ rateLimitPerMinute: limit }),
    });
    expect(key.status).toBe(201);
    const { publicKey } = (await key.json()) as { publicKey: string };
    const started = Date.now();
    let accepted = 0;
    let limited = 0;
    const other: number[] = [];
    // Two at a time, one to each process, as a load balancer spreads a client's requests.
    for (let i = 0; i < limit; i++) {
      const statuses = await Promise.all(
        apis.map((base) =>
          sendEvents(base, publicKey, [
            {
              event_id: randomBytes(16).toString('hex'),
              type: 'error',
              timestamp: Date.now(),
              exception: { type: 'QuotaError', value: 'over quota?', frames: [] },
            },
          ]),
        ),
      );
      for (const s of statuses) {
        if (s === 202) accepted++;
        else if (s === 429) limited++;
        else other.push(s);
      }
    }
    // The bucket refills at limit/60 a second while the requests run.
    const refill = Math.ceil(((Date.now() - started) / 60_000) * limit);
    expect(other).toEqual([]);
    expect(accepted + limited).toBe(2 * limit);
    expect(accepted).toBeGreaterThanOrEqual(limit);
    expect(accepted).toBeLessThanOrEqual(limit + refill);
  }, 120_000);
});

/** A server-sent-events client reading /api/v1/stream as the app does. */
async function openLiveStream(base: string, cookie: string) {
  const controller = new AbortController();
  const res = await fetch(`${base}/api/v1/stream`, { headers: { cookie }, signal: controller.signal });
  expect(res.status).toBe(200);
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  const seen: { event: string; data: string }[] = [];
  let buffer = '';
  const pump = (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(frame)?.[1];
          const data = /^data: (.*)$/m.exec(frame)?.[1] ?? '';
          if (event) seen.push({ event, data });
          end = buffer.indexOf('\n\n');
        }
      }
    } catch {
      // aborted by close()
    }
  })();
  return {
    async waitFor(match: (e: { event: string; data: string }) => boolean, timeoutMs = 30_000) {
      const until = Date.now() + timeoutMs;
      while (Date.now() < until) {
        if (seen.some(match)) return;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`no matching live event; seen: ${seen.map((e) => e.event).join(', ')}`);
    },
    close() {
      controller.abort();
      void pump;
    },
  };
}
