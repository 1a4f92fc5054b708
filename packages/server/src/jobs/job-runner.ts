import { hostname } from 'node:os';
import { type Backoff, DEFAULT_BACKOFF, isExhausted, retryDelay } from '@closeloop/core/jobs/backoff';
import type { Store } from '../store/db.ts';
import {
  type Claim,
  claimJobs,
  completeJob,
  enqueueJob,
  ensureRecurringJob,
  failJob,
  type JobRow,
  type NewJob,
} from '../store/jobs-store.ts';

export interface JobContext {
  jobId: number;
  /** 1 for the first attempt. */
  attempt: number;
  /** The runner's clock at claim time (tests move it by hand). */
  now: number;
  store: Store;
}

// biome-ignore lint/suspicious/noExplicitAny: each kind parses its own payload
export type JobHandler<P = any> = (payload: P, ctx: JobContext) => Promise<void>;

export interface JobKindOptions {
  /** Attempts before the job is dead (default 10); recurring jobs never die. */
  maxAttempts?: number;
  /** How long a claim lasts; the handler must finish within it or another runner may start it again. */
  leaseMs?: number;
  backoff?: Backoff;
}

/** Thrown by a handler to retry after a delay it chooses (e.g. a Retry-After header). */
export class RetryLater extends Error {
  constructor(
    message: string,
    readonly delayMs: number,
  ) {
    super(message);
  }
}

/** Thrown by a handler when retrying cannot help: the job is dead at once, kept with this message. */
export class PermanentJobFailure extends Error {}

export interface JobRunnerOptions {
  clock?: () => number;
  pollMs?: number;
  /** Jobs run at once by this runner. */
  concurrency?: number;
  runnerId?: string;
  log?: (msg: string, err?: unknown) => void;
}

interface Kind {
  handler: JobHandler;
  maxAttempts: number;
  leaseMs: number;
  backoff: Backoff;
  intervalMs: number | null;
}

const DEFAULT_LEASE_MS = 5 * 60_000;
const DEFAULT_MAX_ATTEMPTS = 10;

/**
 * Runs the durable job queue (table `jobs`). Kinds are defined by name with a handler; a runner
 * claims only the kinds it knows, so processes with different handler sets can share a database.
 * Delivery is at least once: a handler whose runner dies mid-job runs again after the lease, so
 * handlers must be idempotent. See ARCHITECTURE.md ("Jobs") for the API in short.
 */
export class JobRunner {
  readonly id: string;
  private readonly kinds = new Map<string, Kind>();
  private readonly clock: () => number;
  private recurringEnsured = false;
  private timer: NodeJS.Timeout | undefined;
  private pass: Promise<unknown> | null = null;
  private again = false;
  private started = false;
  private stopped = false;

  constructor(
    private readonly store: Store,
    private readonly opts: JobRunnerOptions = {},
  ) {
    this.clock = opts.clock ?? Date.now;
    this.id = opts.runnerId ?? `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
  }

  /** Defines what a kind of job does. Defining a kind twice is a programming error. */
  define<P>(kind: string, handler: JobHandler<P>, opts: JobKindOptions = {}): this {
    if (this.kinds.has(kind)) throw new Error(`job kind "${kind}" is defined twice`);
    this.kinds.set(kind, {
      handler,
      maxAttempts: opts.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      leaseMs: opts.leaseMs ?? DEFAULT_LEASE_MS,
      backoff: opts.backoff ?? DEFAULT_BACKOFF,
      intervalMs: null,
    });
    return this;
  }

  /** A recurring job: one row in the database for all processes, run every `intervalMs` after the last run. */
  every(
    kind: string,
    intervalMs: number,
    handler: JobHandler<null>,
    opts: Omit<JobKindOptions, 'maxAttempts'> = {},
  ) {
    this.define(kind, handler, opts);
    this.kinds.get(kind)!.intervalMs = intervalMs;
    this.recurringEnsured = false;
    return this;
  }

  knows(kind: string): boolean {
    return this.kinds.has(kind);
  }

  /** Enqueues outside any transaction and wakes this runner; inside one, call `enqueueJob(tx, …)` instead. */
  async enqueue(job: NewJob): Promise<number> {
    const id = await enqueueJob(this.store, job, this.clock());
    this.wake();
    return id;
  }

  start(): this {
    this.started = true;
    this.stopped = false;
    this.wake();
    return this;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    while (this.pass) await this.pass;
  }

  /** Runs sooner than the next poll, if started. */
  wake(): void {
    if (!this.started || this.stopped) return;
    if (this.pass) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.pass = this.runDue()
      .catch((err) => this.log('job runner pass failed; retrying at the next poll', err))
      .finally(() => {
        this.pass = null;
        if (this.stopped) return;
        if (this.again) {
          this.again = false;
          this.wake();
          return;
        }
        this.timer = setTimeout(() => this.wake(), this.opts.pollMs ?? 1_000);
        this.timer.unref();
      });
  }

  /** Runs every job due by the clock until none is left; returns what happened (tests call this directly). */
  async runDue(): Promise<{ done: number; retried: number; dead: number }> {
    const out = { done: 0, retried: 0, dead: 0 };
    await this.ensureRecurring();
    const concurrency = this.opts.concurrency ?? 4;
    const kinds = [...this.kinds.keys()];
    for (;;) {
      const now = this.clock();
      // One lease length for a batch: the longest of the kinds it may contain.
      const leaseMs = Math.max(...[...this.kinds.values()].map((k) => k.leaseMs));
      const jobs = await claimJobs(this.store, { kinds, now, limit: concurrency, leaseMs, runner: this.id });
      if (jobs.length === 0) return out;
      const results = await Promise.all(jobs.map((j) => this.runOne(j, now)));
      for (const r of results) out[r]++;
      if (this.stopped) return out;
    }
  }

  private async runOne(job: JobRow, claimedAt: number): Promise<'done' | 'retried' | 'dead'> {
    const kind = this.kinds.get(job.kind)!;
    const claim: Claim = { id: job.id, runner: this.id, attempts: job.attempts };
    try {
      const payload: unknown = JSON.parse(job.payload);
      await kind.handler(payload, {
        jobId: job.id,
        attempt: job.attempts,
        now: claimedAt,
        store: this.store,
      });
    } catch (err) {
      const message = String((err as Error)?.stack ?? err).slice(0, 4000);
      const now = this.clock();
      let retryAt: number | null;
      if (job.interval_ms !== null) retryAt = now + job.interval_ms;
      else if (
        err instanceof PermanentJobFailure ||
        isExhausted(job.attempts, job.max_attempts ?? kind.maxAttempts)
      )
        retryAt = null;
      else if (err instanceof RetryLater) retryAt = now + Math.max(0, err.delayMs);
      else retryAt = now + retryDelay(job.attempts, kind.backoff);
      await failJob(this.store, claim, message, retryAt, now);
      this.log(
        `job ${job.id} (${job.kind}) attempt ${job.attempts} failed${retryAt === null ? '; dead' : ''}`,
        err,
      );
      return retryAt === null ? 'dead' : 'retried';
    }
    await completeJob(this.store, claim, this.clock(), job.interval_ms);
    return 'done';
  }

  private async ensureRecurring(): Promise<void> {
    if (this.recurringEnsured) return;
    for (const [kind, k] of this.kinds) {
      if (k.intervalMs !== null) await ensureRecurringJob(this.store, kind, k.intervalMs, this.clock());
    }
    this.recurringEnsured = true;
  }

  private log(msg: string, err?: unknown): void {
    (this.opts.log ?? ((m, e) => console.warn(m, e)))(msg, err);
  }
}
