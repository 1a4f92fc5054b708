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
  WORKER_MAIN,
} from '../test/server-process.ts';

/**
 * Scale-out mode as README describes it: two API processes with GROUPING_WORKER=off and two
 * worker processes on one PostgreSQL database. Events go through both APIs at once; every event
 * acknowledged must be counted in its issue exactly once (none skipped because ids committed out
 * of order, none counted twice), and each error shape must be one issue.
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

  it('counts every acknowledged event exactly once, one issue per error shape', async () => {
    const env = { DATABASE_URL: url, GROUPING_WORKER: 'off' };
    const [api1, api2, ...workers] = await Promise.all([
      startServerProcess({ env }),
      startServerProcess({ env }),
      startServerProcess({ env, entry: WORKER_MAIN, http: false }),
      startServerProcess({ env, entry: WORKER_MAIN, http: false }),
    ]);
    procs.push(api1!, api2!, ...workers);
    const apis = [api1!.base, api2!.base];
    const { publicKey } = await signupWithIngestKey(apis[0]!);

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
});
