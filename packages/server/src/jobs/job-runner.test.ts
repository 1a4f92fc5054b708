import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { openStore, type Store } from '../store/db.ts';
import type { DialectName } from '../store/dialect/dialect-name.ts';
import { enqueueJob, listJobs } from '../store/jobs-store.ts';
import { migrateToLatest } from '../store/migrations/migrate.ts';
import { inTransaction } from '../store/transaction.ts';
import { describeEachDialect, PG_URL } from '../test/dialects.ts';
import { JobRunner, PermanentJobFailure, RetryLater } from './job-runner.ts';

/** A database that can be closed and opened again (a restart), then dropped. */
async function reopenableDb(dialect: DialectName) {
  const dir = mkdtempSync(join(tmpdir(), 'closeloop-jobs-'));
  const schema = `jobs_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  if (dialect === 'postgres') {
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    await c.query(`CREATE SCHEMA ${schema}`);
    await c.end();
  }
  const open = async (): Promise<Store> => {
    const store =
      dialect === 'postgres'
        ? openStore({ databaseUrl: PG_URL, dataDir: '', pgSchema: schema })
        : openStore({ dataDir: dir });
    await migrateToLatest(store.db, dialect);
    return store;
  };
  const drop = async () => {
    if (dialect === 'postgres') {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`DROP SCHEMA ${schema} CASCADE`);
      await c.end();
    }
    rmSync(dir, { recursive: true, force: true });
  };
  return { open, drop };
}

describeEachDialect('durable job queue', (dialect) => {
  let db: Awaited<ReturnType<typeof reopenableDb>>;
  let store: Store;
  let now: number;
  const clock = () => now;
  const quiet = () => {};
  const runner = (s = store, id?: string) =>
    new JobRunner(s, { clock, log: quiet, ...(id ? { runnerId: id } : {}) });

  // One database per dialect (migrating a fresh PostgreSQL schema costs seconds); each test starts with no jobs.
  beforeAll(async () => {
    db = await reopenableDb(dialect);
    store = await db.open();
  });
  beforeEach(async () => {
    await store.db.deleteFrom('jobs').execute();
    now = 1_000_000;
  });
  afterAll(async () => {
    await store.close();
    await db.drop();
  });

  it('runs a job with its payload once, then forgets it', async () => {
    const seen: unknown[] = [];
    const r = runner().define('greet', async (p) => void seen.push(p));
    await r.enqueue({ kind: 'greet', payload: { name: 'Ada' } });
    expect(await r.runDue()).toEqual({ done: 1, retried: 0, dead: 0 });
    expect(await r.runDue()).toEqual({ done: 0, retried: 0, dead: 0 });
    expect(seen).toEqual([{ name: 'Ada' }]);
    expect(await listJobs(store)).toEqual([]);
  });

  it('waits until run_at by the clock', async () => {
    let ran = 0;
    const r = runner().define('later', async () => void ran++);
    await r.enqueue({ kind: 'later', runAt: now + 60_000 });
    await r.runDue();
    expect(ran).toBe(0);
    now += 60_000;
    await r.runDue();
    expect(ran).toBe(1);
  });

  it('retries with exponential backoff up to the cap, then keeps the job dead with its last error', async () => {
    const attempts: number[] = [];
    const r = runner().define(
      'flaky',
      async (_p, ctx) => {
        attempts.push(ctx.attempt);
        throw new Error(`receiver said 500 (attempt ${ctx.attempt})`);
      },
      { maxAttempts: 4, backoff: { baseMs: 1_000, capMs: 3_000 } },
    );
    await r.enqueue({ kind: 'flaky' });
    expect(await r.runDue()).toMatchObject({ retried: 1 });
    const waits: number[] = [];
    for (let i = 0; i < 3; i++) {
      const [job] = await listJobs(store, { kind: 'flaky' });
      waits.push(job!.run_at - now);
      now += 999; // one millisecond short of due: nothing runs
      expect(await r.runDue()).toEqual({ done: 0, retried: 0, dead: 0 });
      now = job!.run_at;
      await r.runDue();
    }
    expect(waits).toEqual([1_000, 2_000, 3_000]); // 1 s, 2 s, then capped at 3 s instead of 4 s
    expect(attempts).toEqual([1, 2, 3, 4]);
    const [dead] = await listJobs(store, { dead: true });
    expect(dead).toMatchObject({ kind: 'flaky', attempts: 4, dead_at: now });
    expect(dead!.last_error).toContain('receiver said 500 (attempt 4)');
    now += 10 * 60_000;
    expect(await r.runDue()).toEqual({ done: 0, retried: 0, dead: 0 });
  });

  it('honours a delay chosen by the handler and dies at once on a permanent failure', async () => {
    const r = runner()
      .define('busy', async () => {
        throw new RetryLater('429, Retry-After: 120', 120_000);
      })
      .define('bad', async () => {
        throw new PermanentJobFailure('410 Gone');
      });
    await r.enqueue({ kind: 'busy' });
    await r.enqueue({ kind: 'bad' });
    expect(await r.runDue()).toEqual({ done: 0, retried: 1, dead: 1 });
    const [busy] = await listJobs(store, { kind: 'busy' });
    expect(busy!.run_at).toBe(now + 120_000);
    expect((await listJobs(store, { kind: 'bad', dead: true }))[0]!.last_error).toContain('410 Gone');
  });

  it('keeps one live job per dedupe key, and frees the key when the job is done', async () => {
    let ran = 0;
    const r = runner().define('recount', async () => void ran++);
    const a = await r.enqueue({ kind: 'recount', dedupeKey: 'project:1' });
    const b = await r.enqueue({ kind: 'recount', dedupeKey: 'project:1' });
    expect(b).toBe(a);
    await r.runDue();
    expect(ran).toBe(1);
    expect(await r.enqueue({ kind: 'recount', dedupeKey: 'project:1' })).not.toBe(a);
  });

  it('runs a deduplicated job once more when it is asked for again while it runs (rerunIfRunning)', async () => {
    // What each run saw of the "issue": a change committed while the first run is under way.
    let state = 'open';
    const seen: string[] = [];
    let release: () => void = () => {};
    const r = runner().define('evaluate', async () => {
      seen.push(state);
      if (seen.length === 1) await new Promise<void>((go) => (release = go));
    });
    const job = { kind: 'evaluate', dedupeKey: 'sla:1', rerunIfRunning: true };
    const first = await r.enqueue(job);
    const running = r.runDue();
    await expect.poll(() => seen.length).toBe(1);
    state = 'done';
    expect(await r.enqueue(job)).toBe(first);
    release();
    await running;
    await r.runDue();
    expect(seen).toEqual(['open', 'done']);
    expect(await listJobs(store)).toEqual([]);

    // Without the option a job asked for while it runs is not run again (e.g. routing a new issue once).
    const once = { kind: 'evaluate', dedupeKey: 'route:1' };
    seen.length = 0;
    await r.enqueue(once);
    const again = r.runDue();
    await expect.poll(() => seen.length).toBe(1);
    await r.enqueue(once);
    release();
    await again;
    await r.runDue();
    expect(seen).toEqual(['done']);
  });

  it('runs jobs sharing an ordering key one at a time in order, even when the first must retry', async () => {
    const order: string[] = [];
    let failFirst = true;
    const r = runner().define(
      'deliver',
      async (p: { n: string }) => {
        if (p.n === 'A1' && failFirst) {
          failFirst = false;
          throw new Error('500');
        }
        order.push(p.n);
      },
      { backoff: { baseMs: 5_000, capMs: 5_000 } },
    );
    for (const n of ['A1', 'B1', 'A2', 'A3', 'B2'])
      await r.enqueue({ kind: 'deliver', payload: { n }, orderingKey: n[0]! });
    await r.runDue();
    expect(order).toEqual(['B1', 'B2']); // A2 and A3 wait behind the failed A1
    now += 5_000;
    await r.runDue();
    expect(order).toEqual(['B1', 'B2', 'A1', 'A2', 'A3']);
  });

  it('enqueued inside a transaction that rolls back, the job never exists', async () => {
    const r = runner().define('side-effect', async () => {});
    await expect(
      inTransaction(store, async (tx) => {
        await enqueueJob(tx, { kind: 'side-effect' }, now);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await r.runDue()).toEqual({ done: 0, retried: 0, dead: 0 });
  });

  it('runs a recurring job every interval, in one row shared by all runners', async () => {
    let ran = 0;
    const a = runner(store, 'a').every('prune', 60_000, async () => void ran++);
    const b = runner(store, 'b').every('prune', 60_000, async () => void ran++);
    await a.runDue();
    await b.runDue();
    expect(ran).toBe(1);
    now += 59_999;
    await a.runDue();
    expect(ran).toBe(1);
    now += 1;
    await b.runDue();
    expect(ran).toBe(2);
    expect(await listJobs(store, { kind: 'prune' })).toHaveLength(1);
  });

  it('a recurring job that fails runs again next interval and never dies', async () => {
    let ran = 0;
    const r = runner().every('sweep', 1_000, async () => {
      ran++;
      throw new Error('database busy');
    });
    for (let i = 0; i < 15; i++) {
      await r.runDue();
      now += 1_000;
    }
    expect(ran).toBe(15);
    expect(await listJobs(store, { dead: true })).toEqual([]);
  });

  it('two runners on two connections never run the same job twice', async () => {
    const other = await db.open();
    try {
      const runs = new Map<number, string[]>();
      const handler = (who: string) => async (p: { i: number }) => {
        runs.set(p.i, [...(runs.get(p.i) ?? []), who]);
        await new Promise((r) => setTimeout(r, 1)); // hold the claim across the other runner's attempts
      };
      const a = new JobRunner(store, { clock, log: quiet, runnerId: 'a', concurrency: 5 }).define(
        'n',
        handler('a'),
      );
      const b = new JobRunner(other, { clock, log: quiet, runnerId: 'b', concurrency: 5 }).define(
        'n',
        handler('b'),
      );
      await inTransaction(store, async (tx) => {
        for (let i = 0; i < 120; i++) await enqueueJob(tx, { kind: 'n', payload: { i } }, now);
      });
      const [ra, rb] = await Promise.all([a.runDue(), b.runDue()]);
      expect(ra.done + rb.done).toBe(120);
      expect([...runs.values()].filter((who) => who.length !== 1)).toEqual([]);
      expect(runs.size).toBe(120);
    } finally {
      await other.close();
    }
  });

  it('survives a restart: jobs enqueued before it run after it, and a job whose runner died runs again after its lease', async () => {
    const before = runner(store, 'before').define('mail', async () => {}, { leaseMs: 30_000 });
    await before.enqueue({ kind: 'mail', payload: { to: 'a@example.com' } });
    await before.enqueue({ kind: 'mail', payload: { to: 'b@example.com' } });
    // "b" is claimed and the process dies mid-job: its handler never returns.
    const dying = runner(store, 'dying').define('mail', () => new Promise<void>(() => {}), {
      leaseMs: 30_000,
    });
    void dying.runDue();
    while ((await listJobs(store)).filter((j) => j.claimed_by === 'dying').length < 2)
      await new Promise((r) => setTimeout(r, 5));
    await store.close();

    store = await db.open();
    const sent: string[] = [];
    const after = runner(store, 'after').define('mail', async (p: { to: string }) => void sent.push(p.to), {
      leaseMs: 30_000,
    });
    await after.runDue();
    expect(sent).toEqual([]); // still leased to the dead runner
    now += 30_001;
    await after.runDue();
    expect(sent.sort()).toEqual(['a@example.com', 'b@example.com']);
    expect(await listJobs(store)).toEqual([]);
  });
});
