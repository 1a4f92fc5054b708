import type { Services } from '../services.ts';
import { pruneBuckets } from '../store/rate-buckets-store.ts';

/** A bucket untouched for a minute is full again; two minutes leaves room for clock skew between processes. */
const IDLE_BUCKET_MS = 2 * 60_000;

/** Shared rate-limit rows of keys that stopped sending are deleted, so the table stays the size of the active keys. */
export function defineQuotaJobs(svc: Services): void {
  svc.jobs.every('quota.prune-buckets', 10 * 60_000, async (_p, ctx) => {
    await pruneBuckets(svc.store, ctx.now - IDLE_BUCKET_MS);
  });
}
