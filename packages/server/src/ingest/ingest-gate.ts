import { MAX_EVENT_DEPTH, nestsDeeperThan } from '@closeloop/core/ingest/nesting-depth';
import { scrubEvent } from '@closeloop/core/ingest/scrub-pii';
import { BoundedCache } from '@closeloop/core/limits/bounded-cache';
import { Forbidden, RateLimited, Unauthenticated } from '@closeloop/shared/errors';
import { type IngestEvent, ingestEventSchema } from '@closeloop/shared/ingest/event';
import type { Store } from '../store/db.ts';
import { findActiveIngestKey } from '../store/ingest-keys-store.ts';
import { ingestSettings } from '../store/ingest-settings-store.ts';
import type { EventLog } from './event-log.ts';
import { type QuotaBuckets, quotaBucketsFor } from './quota-buckets.ts';

export interface IngestKeyInfo {
  publicKey: string;
  workspaceId: number;
  projectId: number;
  allowedOrigins: string[];
  ratePerMinute: number;
  scrubFields: string[];
}

export type Rejection = {
  index: number;
  error:
    | { code: 'invalid'; message: string; details: { issues: { path: string; message: string }[] } }
    | { code: 'rate_limited'; message: string; details: { limitPerMinute: number } };
};

// Keys are looked up on every request; a short cache keeps the hot path off the database.
// Revocation takes effect within this many milliseconds. Unknown keys are cached too (a flood of
// them must not reach the database), so the cache is bounded: random keys cost bounded memory.
const KEY_CACHE_MS = 5_000;
const KEY_CACHE_ENTRIES = 10_000;

/**
 * Everything between an ingest request and the raw log, shared by Closeloop's own endpoint and
 * the Sentry-compatible one: key → origin → quota → per-event validation → PII scrub → durable append.
 */
export class IngestGate {
  private readonly keys: BoundedCache<string, IngestKeyInfo | null>;
  private readonly buckets: QuotaBuckets;

  constructor(
    private readonly store: Store,
    readonly log: EventLog,
    opts: { keyCacheEntries?: number } = {},
  ) {
    this.buckets = quotaBucketsFor(store);
    this.keys = new BoundedCache({
      maxEntries: opts.keyCacheEntries ?? KEY_CACHE_ENTRIES,
      maxAgeMs: KEY_CACHE_MS,
    });
  }

  async resolveKey(publicKey: string | undefined): Promise<IngestKeyInfo> {
    if (!publicKey) throw new Unauthenticated('An ingest key is required (?key=… or the DSN)');
    const now = Date.now();
    let info = this.keys.get(publicKey, now);
    if (info === undefined) {
      const row = await findActiveIngestKey(this.store, publicKey);
      const settings = row ? await ingestSettings(this.store, row.project_id) : null;
      info =
        row && settings
          ? {
              publicKey,
              workspaceId: row.workspace_id,
              projectId: row.project_id,
              allowedOrigins: JSON.parse(row.allowed_origins) as string[],
              ratePerMinute: row.rate_limit_per_minute,
              scrubFields: settings.scrubFields,
            }
          : null;
      this.keys.set(publicKey, info, now);
    }
    if (!info) throw new Unauthenticated('This ingest key is unknown or revoked');
    return info;
  }

  /** How many keys (known or not) this process remembers; bounded by KEY_CACHE_ENTRIES. */
  get cachedKeyCount(): number {
    return this.keys.size;
  }

  /** Drops a cached key so a revocation or a new origin list applies at once in this process. */
  forget(publicKey: string): void {
    this.keys.delete(publicKey);
  }

  /** The Origin a browser may send from; an empty list or "*" allows any. */
  originAllowed(key: IngestKeyInfo, origin: string | undefined): boolean {
    return (
      !origin ||
      key.allowedOrigins.length === 0 ||
      key.allowedOrigins.includes('*') ||
      key.allowedOrigins.includes(origin)
    );
  }

  assertOrigin(key: IngestKeyInfo, origin: string | undefined): void {
    if (!this.originAllowed(key, origin)) {
      throw new Forbidden(`Origin ${origin} may not send events with this key`, { origin });
    }
  }

  /**
   * Quota for a batch that may be partly accepted: how many of its `count` events may go in
   * (the first ones); none at all is a 429 with Retry-After.
   */
  async claimQuotaUpTo(key: IngestKeyInfo, count: number): Promise<number> {
    const r = await this.buckets.takeUpTo(key.publicKey, key.ratePerMinute, count, Date.now());
    if (r.granted === 0)
      throw new RateLimited('This key is over its rate limit', r.retryAfterSeconds, {
        limitPerMinute: key.ratePerMinute,
      });
    return r.granted;
  }

  async claimQuota(key: IngestKeyInfo, count: number): Promise<void> {
    const r = await this.buckets.take(key.publicKey, key.ratePerMinute, count, Date.now());
    if (!r.ok)
      throw new RateLimited('This key is over its rate limit', r.retryAfterSeconds, {
        limitPerMinute: key.ratePerMinute,
      });
  }

  /** Validates events one by one (a bad one does not spoil the rest), scrubs and appends them durably. */
  async accept(
    key: IngestKeyInfo,
    raw: readonly unknown[],
  ): Promise<{ accepted: number; eventIds: string[]; rejected: Rejection[] }> {
    const good: IngestEvent[] = [];
    const rejected: Rejection[] = [];
    raw.forEach((item, index) => {
      // Checked first: scrubbing and JSON.stringify would overflow the stack on it and spoil the batch.
      const parsed = nestsDeeperThan(item, MAX_EVENT_DEPTH)
        ? ({
            success: false,
            error: { issues: [{ path: [], message: `nests deeper than ${MAX_EVENT_DEPTH} levels` }] },
          } as const)
        : ingestEventSchema.safeParse(item);
      if (parsed.success) {
        good.push(parsed.data);
      } else {
        const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
        rejected.push({
          index,
          error: {
            code: 'invalid',
            message: `events.${index}${issues[0]?.path ? `.${issues[0].path}` : ''}: ${issues[0]?.message}`,
            details: { issues },
          },
        });
      }
    });
    return this.acceptValid(key, good, rejected);
  }

  async acceptValid(key: IngestKeyInfo, events: readonly IngestEvent[], rejected: Rejection[] = []) {
    const receivedAt = Date.now();
    await this.log.append(
      events.map((e) => ({
        workspaceId: key.workspaceId,
        projectId: key.projectId,
        eventId: e.event_id,
        receivedAt,
        payload: JSON.stringify(scrubEvent(e, key.scrubFields)),
      })),
    );
    return { accepted: events.length, eventIds: events.map((e) => e.event_id), rejected };
  }
}
