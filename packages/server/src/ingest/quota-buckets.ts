import {
  fullBucket,
  type TakeResult,
  type TakeUpToResult,
  TokenBuckets,
  takeTokens,
  takeTokensUpTo,
} from '@closeloop/core/ingest/token-bucket';
import type { Store } from '../store/db.ts';
import { sharedByManyProcesses } from '../store/dialect/process-model.ts';
import { updateBucket } from '../store/rate-buckets-store.ts';

/** Where the per-key ingest quotas are counted (the rule itself is core/ingest/token-bucket). */
export interface QuotaBuckets {
  take(key: string, perMinute: number, count: number, now: number): Promise<TakeResult>;
  takeUpTo(key: string, perMinute: number, count: number, now: number): Promise<TakeUpToResult>;
}

/** This process's memory: embedded mode, where one process serves every request. */
export class LocalQuotaBuckets implements QuotaBuckets {
  private readonly buckets = new TokenBuckets();
  async take(key: string, perMinute: number, count: number, now: number) {
    return this.buckets.take(key, perMinute, count, now);
  }
  async takeUpTo(key: string, perMinute: number, count: number, now: number) {
    return this.buckets.takeUpTo(key, perMinute, count, now);
  }
}

/**
 * One row per key in the database: with several API processes behind a load balancer, a key's
 * limit holds across all of them (a limit counted per process would multiply by their number).
 */
export class SharedQuotaBuckets implements QuotaBuckets {
  constructor(private readonly store: Store) {}
  take(key: string, perMinute: number, count: number, now: number) {
    return updateBucket(this.store, `ingest:${key}`, fullBucket(perMinute, now), (s) =>
      takeTokens(s, perMinute, count, now),
    );
  }
  takeUpTo(key: string, perMinute: number, count: number, now: number) {
    return updateBucket(this.store, `ingest:${key}`, fullBucket(perMinute, now), (s) =>
      takeTokensUpTo(s, perMinute, count, now),
    );
  }
}

/** PostgreSQL means any number of API processes may share the keys; SQLite means one process. */
export function quotaBucketsFor(store: Store): QuotaBuckets {
  return sharedByManyProcesses(store.dialect) ? new SharedQuotaBuckets(store) : new LocalQuotaBuckets();
}
