import { Unavailable } from '@closeloop/shared/errors';
import type { Store } from '../store/db.ts';
import { appendToLog, type LogEntry } from '../store/event-log-store.ts';
import { inTransaction } from '../store/transaction.ts';

/**
 * Group commit for the raw event log. Requests hand their events to `append`, which resolves
 * only after the transaction holding them has committed, and a commit is fsync'd before it
 * returns (SQLite: `synchronous = FULL` in store/dialect/sqlite.ts; PostgreSQL: its default
 * `synchronous_commit = on`) — so a 2xx means the events survive a power cut.
 * Appends arriving while a commit runs wait for the next one, which takes them all at once:
 * one transaction (one fsync) per few milliseconds instead of one per request.
 */
export class EventLog {
  private pending: { entries: LogEntry[]; resolve: () => void; reject: (e: unknown) => void }[] = [];
  private pendingCount = 0;
  private flushing = false;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly store: Store,
    private readonly opts: { maxPending: number; maxBatch: number } = { maxPending: 50_000, maxBatch: 5_000 },
  ) {}

  /** Resolves once the entries are committed; refuses with 503 when the backlog is full. */
  append(entries: LogEntry[]): Promise<void> {
    if (entries.length === 0) return Promise.resolve();
    if (this.pendingCount + entries.length > this.opts.maxPending) {
      return Promise.reject(
        new Unavailable('Ingest is overloaded; retry shortly', 1, { pending: this.pendingCount }),
      );
    }
    return new Promise((resolve, reject) => {
      this.pending.push({ entries, resolve, reject });
      this.pendingCount += entries.length;
      if (!this.flushing) void this.flush();
    });
  }

  /** Called after each commit; the worker uses it to start processing at once. */
  onCommit(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.pending.length > 0) {
        // Yield once so appends from requests parsed in the same tick join this batch.
        await new Promise((r) => setImmediate(r));
        const batch: typeof this.pending = [];
        let size = 0;
        while (
          this.pending.length > 0 &&
          (size === 0 || size + this.pending[0]!.entries.length <= this.opts.maxBatch)
        ) {
          const next = this.pending.shift()!;
          size += next.entries.length;
          batch.push(next);
        }
        this.pendingCount -= size;
        try {
          const entries = batch.flatMap((b) => b.entries);
          if (this.store.appendLog) await this.store.appendLog(entries);
          else await inTransaction(this.store, (tx) => appendToLog(tx, entries));
          for (const b of batch) b.resolve();
          for (const fn of this.listeners) fn();
        } catch (err) {
          // The database is away: the client is told to retry; nothing was acknowledged.
          const refusal = new Unavailable('The event store is unavailable; retry shortly', 5, {
            reason: err instanceof Error ? err.message : String(err),
          });
          for (const b of batch) b.reject(refusal);
        }
      }
    } finally {
      this.flushing = false;
    }
  }
}
