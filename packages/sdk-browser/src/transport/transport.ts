import { DEBUG_BUILD, debugLog } from '../debug.ts';
import { backoffDelay, parseRetryAfter } from './backoff.ts';
import { BoundedQueue } from './queue.ts';

/** An event as the SDK built it (already shaped like the contract's `IngestEventInput`). */
export type QueuedEvent = { event_id: string; extra?: Record<string, unknown> } & Record<string, unknown>;

/** Send when this many events are waiting… */
export const FLUSH_AT_EVENTS = 20;
/** …or this long after the first one arrived. */
export const FLUSH_INTERVAL_MS = 5_000;
/** At most this many events per request. */
export const MAX_BATCH_EVENTS = 50;
/** Events kept in memory and in localStorage while offline or rate limited; oldest dropped first. */
export const MAX_QUEUED_EVENTS = 100;
/** Bodies above this are gzip-compressed when the browser has CompressionStream. */
export const COMPRESS_ABOVE_BYTES = 1_024;
/**
 * Browsers cap the bodies of all in-flight keepalive requests (and sendBeacon) at 64 KiB
 * (https://fetch.spec.whatwg.org/#http-network-or-cache-fetch, "inflightKeepaliveBytes");
 * stay under it with room for headers.
 */
export const MAX_KEEPALIVE_BYTES = 60_000;

type Outcome = 'ok' | 'drop' | 'retry';

export interface TransportOptions {
  url: string;
  sdk: { name: string; version: string };
  fetch?: typeof fetch | undefined;
  sendBeacon?: ((url: string, data: Blob) => boolean) | undefined;
  storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | undefined;
  storageKey: string;
  compress?: ((body: string) => Promise<ArrayBuffer>) | undefined;
  now?: () => number;
  random?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

const encoder = typeof TextEncoder === 'undefined' ? undefined : new TextEncoder();
function byteLength(s: string): number {
  return encoder ? encoder.encode(s).length : s.length * 3;
}

/** gzip via CompressionStream, or undefined when the browser lacks it. */
export function defaultCompress(): ((body: string) => Promise<ArrayBuffer>) | undefined {
  if (typeof CompressionStream === 'undefined' || typeof Response === 'undefined') return undefined;
  return (body) => new Response(new Blob([body]).stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer();
}

/**
 * Batching, retry and offline queue in one place; the request itself is the only platform
 * part. Never throws: every failure ends as "keep and retry later" or "drop".
 */
export class Transport {
  readonly queue = new BoundedQueue<QueuedEvent>(MAX_QUEUED_EVENTS);
  private attempt = 0;
  private retryAt = 0;
  private timer: unknown;
  private timerAt = 0;
  private sending: Promise<boolean> | undefined;
  private keepaliveInflight = 0;
  private readonly loggedStatuses = new Set<number>();
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;

  constructor(private readonly opts: TransportOptions) {
    this.now = opts.now ?? Date.now;
    this.random = opts.random ?? Math.random;
    this.setTimer = opts.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = opts.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
    this.load();
  }

  add(event: QueuedEvent): void {
    this.queue.push(event);
    if (this.queue.size >= FLUSH_AT_EVENTS) void this.flush();
    else this.schedule(FLUSH_INTERVAL_MS);
  }

  /** Sends what is queued. Resolves true when the queue is empty afterwards. */
  flush(): Promise<boolean> {
    if (this.sending) return this.sending.then(() => this.flush());
    const run = this.drain().finally(() => {
      this.sending = undefined;
    });
    this.sending = run;
    return run;
  }

  /**
   * Page is being hidden and may never come back: send synchronously-started requests that
   * survive unload (fetch keepalive, else sendBeacon), uncompressed, in ≤ 60 KB chunks.
   * Whatever cannot go now stays in localStorage for the next page load.
   */
  flushOnHide(): void {
    this.cancelTimer();
    if (this.queue.size > 0 && this.now() >= this.retryAt) {
      for (const chunk of this.chunks(this.queue.take(this.queue.size))) this.sendOnHide(chunk);
    }
    this.save();
  }

  private async drain(): Promise<boolean> {
    while (this.queue.size > 0) {
      const wait = this.retryAt - this.now();
      if (wait > 0) {
        this.schedule(wait);
        this.save();
        return false;
      }
      const batch = this.takeBatch(MAX_BATCH_EVENTS);
      const outcome = await this.send(batch);
      if (outcome === 'retry') {
        this.queue.unshift(batch);
        this.schedule(Math.max(0, this.retryAt - this.now()));
        this.save();
        return false;
      }
    }
    this.save();
    return true;
  }

  private takeBatch(n: number): QueuedEvent[] {
    const batch = this.queue.take(n);
    const first = batch[0];
    if (first && this.queue.dropped > 0) {
      // The contract has no batch-level field for it, so the loss is reported on an event.
      batch[0] = { ...first, extra: { ...first.extra, sdk_dropped_events: this.queue.dropped } };
      this.queue.dropped = 0;
    }
    return batch;
  }

  private body(events: QueuedEvent[]): string {
    return JSON.stringify({ v: 1, sdk: this.opts.sdk, events });
  }

  private async send(events: QueuedEvent[]): Promise<Outcome> {
    const fetchImpl = this.opts.fetch;
    const body = this.body(events);
    if (!fetchImpl) return this.beacon(body) ? 'ok' : this.fail(undefined, null);
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    let payload: string | ArrayBuffer = body;
    try {
      if (this.opts.compress && body.length > COMPRESS_ABOVE_BYTES) {
        payload = await this.opts.compress(body);
        headers['Content-Encoding'] = 'gzip';
      }
    } catch {
      payload = body;
      delete headers['Content-Encoding'];
    }
    let response: Response;
    try {
      response = await fetchImpl(this.opts.url, {
        method: 'POST',
        headers,
        body: payload,
        credentials: 'omit',
      });
    } catch (error) {
      if (DEBUG_BUILD) debugLog('send failed, will retry', error);
      return this.fail(undefined, null);
    }
    return this.classify(response.status, response.headers.get('Retry-After'), response);
  }

  private classify(status: number, retryAfter: string | null, response?: Response): Outcome {
    if (status >= 200 && status < 300) {
      this.attempt = 0;
      this.retryAt = 0;
      if (DEBUG_BUILD && response && status === 202) {
        response
          .clone()
          .json()
          .then((answer: { rejected?: unknown[] }) => {
            if (answer.rejected?.length) debugLog('server rejected events', answer.rejected);
          })
          .catch(() => undefined);
      }
      return 'ok';
    }
    if (status === 429 || status === 503 || status >= 500 || status === 0) return this.fail(status, retryAfter);
    // Any other 4xx will not get better by retrying: drop the batch, say so once.
    if (DEBUG_BUILD && !this.loggedStatuses.has(status)) {
      this.loggedStatuses.add(status);
      debugLog(`ingest answered ${status}; batch dropped`);
    }
    return 'drop';
  }

  private fail(status: number | undefined, retryAfter: string | null): Outcome {
    const honoured = status === 429 || status === 503 ? parseRetryAfter(retryAfter, this.now()) : undefined;
    const delay = honoured ?? backoffDelay(this.attempt, this.random);
    this.attempt++;
    this.retryAt = this.now() + delay;
    return 'retry';
  }

  private sendOnHide(chunk: QueuedEvent[]): void {
    const body = this.body(chunk);
    const size = byteLength(body);
    const fetchImpl = this.opts.fetch;
    if (fetchImpl && this.keepaliveInflight + size <= MAX_KEEPALIVE_BYTES) {
      try {
        this.keepaliveInflight += size;
        fetchImpl(this.opts.url, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body,
          keepalive: true,
          credentials: 'omit',
        })
          .then(
            (response) => {
              // Only reached if the page survived (it was merely hidden): retry like any batch.
              if (this.classify(response.status, response.headers.get('Retry-After')) === 'retry') {
                this.requeue(chunk);
              }
            },
            () => {
              if (!this.beacon(body)) this.requeue(chunk);
            },
          )
          .finally(() => {
            this.keepaliveInflight -= size;
          });
        return;
      } catch {
        this.keepaliveInflight -= size;
      }
    }
    if (!this.beacon(body)) this.queue.unshift(chunk);
  }

  private beacon(body: string): boolean {
    try {
      // text/plain keeps it a CORS "simple" request (no preflight); the server accepts it as JSON.
      return this.opts.sendBeacon?.(this.opts.url, new Blob([body], { type: 'text/plain' })) === true;
    } catch {
      return false;
    }
  }

  private requeue(chunk: QueuedEvent[]): void {
    this.queue.unshift(chunk);
    this.save();
    this.schedule(Math.max(FLUSH_INTERVAL_MS, this.retryAt - this.now()));
  }

  /** Groups events into bodies under the keepalive limit; a single oversized event stays queued. */
  private chunks(events: QueuedEvent[]): QueuedEvent[][] {
    const out: QueuedEvent[][] = [];
    let current: QueuedEvent[] = [];
    let size = byteLength(this.body([]));
    for (const event of events) {
      const eventSize = byteLength(JSON.stringify(event)) + 1;
      if (eventSize + byteLength(this.body([])) > MAX_KEEPALIVE_BYTES) {
        this.queue.push(event);
        continue;
      }
      if (size + eventSize > MAX_KEEPALIVE_BYTES && current.length > 0) {
        out.push(current);
        current = [];
        size = byteLength(this.body([]));
      }
      current.push(event);
      size += eventSize;
    }
    if (current.length > 0) out.push(current);
    return out;
  }

  private schedule(ms: number): void {
    const at = this.now() + ms;
    if (this.timer !== undefined && this.timerAt <= at && this.timerAt > this.now()) return;
    this.cancelTimer();
    this.timerAt = at;
    this.timer = this.setTimer(() => {
      this.timer = undefined;
      void this.flush();
    }, ms);
  }

  private cancelTimer(): void {
    if (this.timer !== undefined) this.clearTimer(this.timer);
    this.timer = undefined;
  }

  private load(): void {
    try {
      const raw = this.opts.storage?.getItem(this.opts.storageKey);
      if (!raw) return;
      // Taken out of storage so a second tab starting now does not send the same events.
      this.opts.storage?.removeItem(this.opts.storageKey);
      const stored: unknown = JSON.parse(raw);
      if (!Array.isArray(stored)) return;
      const valid = stored.filter(
        (e): e is QueuedEvent => typeof e === 'object' && e !== null && typeof e.event_id === 'string',
      );
      if (valid.length > 0) {
        this.queue.push(...valid);
        this.schedule(0);
      }
    } catch {
      // unreadable storage: start empty
    }
  }

  private save(): void {
    try {
      if (this.queue.size === 0) this.opts.storage?.removeItem(this.opts.storageKey);
      else this.opts.storage?.setItem(this.opts.storageKey, JSON.stringify(this.queue.toArray()));
    } catch {
      // quota exceeded or storage disabled: the memory queue still holds the events
    }
  }
}
