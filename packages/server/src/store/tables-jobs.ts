import type { Generated } from 'kysely';

/** The durable job queue (migration 0040). Payload is JSON text; times are epoch ms. */
export interface JobTable {
  id: Generated<number>;
  kind: string;
  payload: string;
  run_at: number;
  /** Attempts started so far; counted at claim time, so a crash mid-job also uses one up. */
  attempts: number;
  /** Null: the kind's own maximum (JobKindOptions.maxAttempts). */
  max_attempts: number | null;
  last_error: string | null;
  /** The claim's lease: until then the job belongs to `claimed_by`. */
  locked_until: number | null;
  claimed_by: string | null;
  /** At most one live job per key (enqueueing again is a no-op). */
  dedupe_key: string | null;
  /** Jobs sharing a key run one at a time in id order (e.g. one issue's webhook deliveries). */
  ordering_key: string | null;
  /**
   * 1: asked for again (NewJob.rerunIfRunning) after its running attempt was claimed, so it runs
   * once more instead of being deleted when that attempt completes. Claiming clears it.
   */
  rerun: Generated<number>;
  /** Recurring jobs: rescheduled this far ahead after each run instead of being deleted. */
  interval_ms: number | null;
  created_at: number;
  /** Set when the attempts ran out; the row stays with its last error for inspection. */
  dead_at: number | null;
}

export interface JobTables {
  jobs: JobTable;
}
