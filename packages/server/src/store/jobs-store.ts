import { lockForClaim } from './dialect/job-claim.ts';
import type { JobTable } from './tables-jobs.ts';
import type { Tx } from './transaction.ts';

export type JobRow = { [K in keyof JobTable]: K extends 'id' | 'rerun' ? number : JobTable[K] };

export interface NewJob {
  kind: string;
  payload?: unknown;
  /** Epoch ms; now when absent. */
  runAt?: number;
  /** Default: the kind's maximum. */
  maxAttempts?: number;
  dedupeKey?: string;
  /**
   * With a dedupe key: when the live job holding it is already running, have it run once more after
   * this attempt (its work read the state before the change that enqueues it now).
   */
  rerunIfRunning?: boolean;
  orderingKey?: string;
}

/**
 * Adds a job. Called with the transaction of the change that causes it, the job exists exactly
 * when the change committed. With a dedupe key already held by a live job nothing is added and
 * the existing job's id is returned.
 */
export async function enqueueJob(tx: Tx, job: NewJob, now = Date.now()): Promise<number> {
  // Twice at most: a live job that held the key can finish (and be deleted) between the insert that
  // conflicted and the lookup; the second insert then succeeds.
  for (let attempt = 0; ; attempt++) {
    const inserted = await tx.db
      .insertInto('jobs')
      .values({
        kind: job.kind,
        payload: JSON.stringify(job.payload ?? null),
        run_at: job.runAt ?? now,
        attempts: 0,
        max_attempts: job.maxAttempts ?? null,
        dedupe_key: job.dedupeKey ?? null,
        ordering_key: job.orderingKey ?? null,
        created_at: now,
      })
      .onConflict((oc) =>
        oc
          .column('dedupe_key')
          .where((eb) => eb.and([eb('dedupe_key', 'is not', null), eb('dead_at', 'is', null)]))
          .doNothing(),
      )
      .returning('id')
      .executeTakeFirst();
    if (inserted) return inserted.id;
    const live = tx.db
      .selectFrom('jobs')
      .select('id')
      .where('dedupe_key', '=', job.dedupeKey ?? '')
      .where('dead_at', 'is', null);
    const existing = job.rerunIfRunning
      ? await tx.db
          .updateTable('jobs')
          .set({ rerun: 1 })
          .where('dedupe_key', '=', job.dedupeKey ?? '')
          .where('dead_at', 'is', null)
          .returning('id')
          .executeTakeFirst()
      : await live.executeTakeFirst();
    if (existing) return existing.id;
    if (attempt > 0) throw new Error(`job ${job.kind} (${job.dedupeKey}): its key is held and free at once`);
  }
}

/** Makes sure the one row of a recurring job exists and carries the current interval. */
export async function ensureRecurringJob(
  tx: Tx,
  kind: string,
  intervalMs: number,
  now: number,
): Promise<void> {
  const key = `recurring:${kind}`;
  await enqueueJob(tx, { kind, dedupeKey: key, runAt: now }, now);
  await tx.db
    .updateTable('jobs')
    .set({ interval_ms: intervalMs })
    .where('dedupe_key', '=', key)
    .where('dead_at', 'is', null)
    .execute();
}

/**
 * Claims up to `limit` due jobs of the given kinds for `leaseMs` and counts the attempt. A job
 * waits while an older live job shares its ordering key, so such jobs run one at a time in order.
 * The outer WHERE repeats the lease test so a row changed between the scan and the update is
 * skipped rather than claimed twice.
 */
export async function claimJobs(
  tx: Tx,
  opts: { kinds: readonly string[]; now: number; limit: number; leaseMs: number; runner: string },
): Promise<JobRow[]> {
  const { kinds, now, limit, leaseMs, runner } = opts;
  if (kinds.length === 0 || limit <= 0) return [];
  const candidates = lockForClaim(
    tx.db
      .selectFrom('jobs as j')
      .select('j.id')
      .where('j.dead_at', 'is', null)
      .where('j.run_at', '<=', now)
      .where('j.kind', 'in', kinds)
      .where((w) => w.or([w('j.locked_until', 'is', null), w('j.locked_until', '<', now)]))
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('jobs as older')
              .select('older.id')
              .whereRef('older.ordering_key', '=', 'j.ordering_key')
              .whereRef('older.id', '<', 'j.id')
              .where('older.dead_at', 'is', null),
          ),
        ),
      )
      .orderBy('j.run_at')
      .orderBy('j.id')
      .limit(limit),
    tx.dialect,
  );
  const rows = await tx.db
    .updateTable('jobs')
    .set((eb) => ({
      locked_until: now + leaseMs,
      claimed_by: runner,
      attempts: eb('attempts', '+', 1),
      rerun: 0,
    }))
    .where('id', 'in', candidates)
    .where('dead_at', 'is', null)
    .where((w) => w.or([w('locked_until', 'is', null), w('locked_until', '<', now)]))
    .returningAll()
    .execute();
  return rows.sort((a, b) => a.run_at - b.run_at || a.id - b.id);
}

/** The claim a runner holds: its id and the attempt it counted. A stale claim changes nothing. */
export interface Claim {
  id: number;
  runner: string;
  attempts: number;
}

/**
 * A finished job disappears; a recurring one is rescheduled one interval after `now`, and one asked
 * for again while it ran (`rerun`) is due again at once with fresh attempts.
 */
export async function completeJob(tx: Tx, c: Claim, now: number, intervalMs: number | null): Promise<void> {
  if (intervalMs !== null) {
    await tx.db
      .updateTable('jobs')
      .set({ run_at: now + intervalMs, attempts: 0, locked_until: null, claimed_by: null, last_error: null })
      .where('id', '=', c.id)
      .where('claimed_by', '=', c.runner)
      .where('attempts', '=', c.attempts)
      .execute();
    return;
  }
  const again = await tx.db
    .updateTable('jobs')
    .set({ run_at: now, attempts: 0, locked_until: null, claimed_by: null, last_error: null, rerun: 0 })
    .where('id', '=', c.id)
    .where('claimed_by', '=', c.runner)
    .where('attempts', '=', c.attempts)
    .where('rerun', '=', 1)
    .executeTakeFirst();
  if (Number(again.numUpdatedRows) > 0) return;
  await tx.db
    .deleteFrom('jobs')
    .where('id', '=', c.id)
    .where('claimed_by', '=', c.runner)
    .where('attempts', '=', c.attempts)
    .execute();
}

/** A failed attempt: run again at `retryAt`, or, with `retryAt` null, the job is dead and kept with its error. */
export async function failJob(
  tx: Tx,
  c: Claim,
  error: string,
  retryAt: number | null,
  now: number,
): Promise<void> {
  await tx.db
    .updateTable('jobs')
    .set(
      retryAt === null
        ? { dead_at: now, locked_until: null, last_error: error }
        : { run_at: retryAt, locked_until: null, last_error: error },
    )
    .where('id', '=', c.id)
    .where('claimed_by', '=', c.runner)
    .where('attempts', '=', c.attempts)
    .execute();
}

/** Live or dead jobs of a kind, oldest first: for admin pages and tests. */
export async function listJobs(tx: Tx, opts: { kind?: string; dead?: boolean; limit?: number } = {}) {
  let q = tx.db
    .selectFrom('jobs')
    .selectAll()
    .orderBy('id')
    .limit(opts.limit ?? 100);
  if (opts.kind) q = q.where('kind', '=', opts.kind);
  if (opts.dead !== undefined) q = q.where('dead_at', opts.dead ? 'is not' : 'is', null);
  return q.execute();
}

/** Gives a dead job another full set of attempts (an admin's "retry"). */
export async function reviveJob(tx: Tx, id: number, now: number): Promise<boolean> {
  const r = await tx.db
    .updateTable('jobs')
    .set({ dead_at: null, attempts: 0, run_at: now, last_error: null })
    .where('id', '=', id)
    .where('dead_at', 'is not', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
