import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openStore, type Store } from '../store/db.ts';
import type { DialectName } from '../store/dialect/dialect-name.ts';
import { migrateToLatest } from '../store/migrations/migrate.ts';
import { describeEachDialect, PG_URL } from '../test/dialects.ts';
import {
  type ServerProcess,
  sendEvents,
  signupWithIngestKey,
  startServerProcess,
} from '../test/server-process.ts';

const SHAPES = 3;

/**
 * The promise "nothing acknowledged is lost, not on kill -9", on both databases: a real server
 * process takes events from concurrent senders while its worker groups them, is killed with
 * SIGKILL mid-load, and every event it answered 2xx for must be stored. Restarted on the same
 * database, it groups the rest: every stored event is counted exactly once and each error shape
 * is one issue. (A kill leaves the page cache intact, so this cannot tell `synchronous = NORMAL`
 * from FULL: store/dialect/sqlite-durability.test.ts covers power loss.)
 */
describeEachDialect('ingest durability under SIGKILL', (dialect) => {
  const db = crashDatabase(dialect);
  beforeAll(() => db.create());
  afterAll(() => db.drop());

  it('keeps every acknowledged event and, after a restart, groups each stored event once', async () => {
    let server: ServerProcess = await startServerProcess({ env: db.env });
    try {
      const { publicKey } = await signupWithIngestKey(server.base);
      const base = server.base;
      const acknowledged: string[] = [];
      let sending = true;
      const sender = async () => {
        while (sending) {
          const ids = Array.from({ length: 20 }, () => randomBytes(16).toString('hex'));
          const events = ids.map((event_id, i) => ({
            event_id,
            type: 'error',
            timestamp: Date.now(),
            exception: {
              type: 'CrashTestError',
              value: `n${i % SHAPES}`,
              frames: [{ function: `f${i % SHAPES}`, filename: 'app.js', in_app: true }],
            },
          }));
          try {
            if ((await sendEvents(base, publicKey, events)) === 202) acknowledged.push(...ids);
          } catch {
            // the server died mid-request: that batch was never acknowledged
          }
        }
      };
      const senders = Array.from({ length: 8 }, sender);
      // Enough traffic before the kill, however slow the machine: a fixed 1.5 s acknowledged only 20
      // events at load average 20.
      const deadline = Date.now() + 20_000;
      while (acknowledged.length <= 100 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      // Killed mid-grouping too (some batches committed, more waiting), so the restart must resume.
      await groupedSome(db);
      server.child.kill('SIGKILL');
      await new Promise((r) => server.child.once('exit', r));
      sending = false;
      await Promise.all(senders);

      expect(acknowledged.length).toBeGreaterThan(100);
      const store = db.open();
      try {
        const stored = new Set(
          (await store.db.selectFrom('raw_events').select('event_id').execute()).map((r) => r.event_id),
        );
        const lost = acknowledged.filter((id) => !stored.has(id));
        console.log(
          `crash test [${dialect}]: ${acknowledged.length} acknowledged, ${stored.size} stored, ${lost.length} lost`,
        );
        expect(lost).toEqual([]);

        // Restarted on the same database, the worker takes up where the killed one stopped.
        server = await startServerProcess({ env: db.env });
        await caughtUp(store);
        const totals = await store.db
          .selectFrom('event_groups')
          .select((eb) => [
            eb.fn.countAll<number>().as('groups'),
            eb.fn.count<number>('issue_id').distinct().as('issues'),
            eb.fn.sum<number>('event_count').as('events'),
          ])
          .executeTakeFirstOrThrow();
        const issues = await store.db
          .selectFrom('issues')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow();
        const dead = await store.db
          .selectFrom('dead_events')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow();
        expect({
          events: Number(totals.events),
          groups: Number(totals.groups),
          distinctIssues: Number(totals.issues),
          issues: Number(issues.n),
          setAside: Number(dead.n),
        }).toEqual({
          events: stored.size,
          groups: SHAPES,
          distinctIssues: SHAPES,
          issues: SHAPES,
          setAside: 0,
        });
      } finally {
        await store.close();
      }
    } finally {
      if (server.child.exitCode === null) server.child.kill('SIGKILL');
    }
  }, 240_000);
});

/** Waits until the grouping worker has committed at least one batch. */
async function groupedSome(db: CrashDatabase) {
  const store = db.open();
  try {
    for (let i = 0; i < 600; i++) {
      const offset = await store.db
        .selectFrom('worker_offsets')
        .select('position')
        .where('name', '=', 'grouping')
        .executeTakeFirst();
      if (offset && Number(offset.position) > 0) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('the worker grouped nothing within 30 s');
  } finally {
    await store.close();
  }
}

/** Waits until the grouping worker's offset has reached the end of the log. */
async function caughtUp(store: Store) {
  for (let i = 0; ; i++) {
    const head = await store.db
      .selectFrom('raw_events')
      .select((eb) => eb.fn.max('id').as('m'))
      .executeTakeFirst();
    const offset = await store.db
      .selectFrom('worker_offsets')
      .select('position')
      .where('name', '=', 'grouping')
      .executeTakeFirst();
    if (offset && Number(offset.position) >= Number(head?.m ?? 0)) return;
    if (i > 1200) throw new Error(`worker did not catch up: offset ${offset?.position}, head ${head?.m}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * The database a crash-test server runs on and the test reads afterwards: an SQLite file in a
 * temporary folder, or a fresh PostgreSQL schema (migrated here, so the server starts on it ready).
 */
interface CrashDatabase {
  env: Record<string, string>;
  create(): Promise<void>;
  open(): Store;
  drop(): Promise<void>;
}

function crashDatabase(dialect: DialectName): CrashDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'closeloop-crash-'));
  if (dialect === 'sqlite') {
    return {
      env: { DATA_DIR: dir },
      create: async () => {},
      open: () => openStore({ dataDir: dir }),
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const schema = `crash_${process.pid}_${randomBytes(4).toString('hex')}`;
  const url = `${PG_URL}${PG_URL.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  const admin = async (text: string) => {
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    try {
      await c.query(text);
    } finally {
      await c.end();
    }
  };
  const open = () => openStore({ databaseUrl: PG_URL, dataDir: '', pgSchema: schema });
  return {
    env: { DATABASE_URL: url, DATA_DIR: dir },
    create: async () => {
      await admin(`CREATE SCHEMA ${schema}`);
      const store = open();
      await migrateToLatest(store.db, 'postgres');
      await store.close();
    },
    open,
    drop: async () => {
      await admin(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
