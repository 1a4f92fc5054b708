import { type Outcome, RetryClock } from '../../../sdk-core/src/backoff.ts';
import { BoundedQueue } from '../../../sdk-core/src/queue.ts';
import { debugLog } from '../debug.ts';

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

export interface TransportOptions {
  url: string;
  sdk: { name: string; version: string };
  fetch?: typeof fetch | undefined;
  sendBeacon?: ((url: string, data: Blob) => boolean) | undefined;
  /** Called on first use (restore or save), never at start: opening storage costs the page load. */
  storage?: (() => Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | undefined) | undefined;
  storageKey: string;
  compress?: ((body: string) => Promise<ArrayBuffer>) | undefined;
  now?: () => number;
  random?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

function byteLength(s: string): number {
  return new Blob([s]).size;
}

/** gzip via CompressionStream, or undefined when the browser lacks it. */
export function defaultCompress(): ((body: string) => Promise<ArrayBuffer>) | undefined {
  if (typeof CompressionStream === 'undefined' || typeof Response === 'undefined') return undefined;
  return (body) =>
    new Response(new Blob([body]).stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer();
}

/**
 * Batching, retry and offline queue in one place; the request itself is the only platform
 * part. Never throws: every failure ends as "keep and retry later" or "drop".
 */
export class Transport {
  readonly _queue = new BoundedQueue<QueuedEvent>(MAX_QUEUED_EVENTS);
  private readonly _retry: RetryClock;
  private _timer: unknown;
  private _timerAt = 0;
  private _sending: Promise<boolean> | undefined;
  private _keepaliveInflight = 0;
  /** Debug builds only: statuses already logged. */
  private _loggedStatuses: Set<number> | undefined;
  private readonly _now: () => number;
  private readonly _setTimer: (fn: () => void, ms: number) => unknown;
  private readonly _clearTimer: (handle: unknown) => void;
  private _restored = false;

  constructor(private readonly _opts: TransportOptions) {
    this._now = _opts.now ?? Date.now;
    this._retry = new RetryClock(_opts.random);
    this._setTimer = _opts.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this._clearTimer = _opts.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  }

  _add(event: QueuedEvent): void {
    this._queue._push(event);
    if (this._queue._size >= FLUSH_AT_EVENTS) void this.flush();
    else this._schedule(FLUSH_INTERVAL_MS);
  }

  /** Sends what is queued. Resolves true when the queue is empty afterwards. */
  flush(): Promise<boolean> {
    this._restore();
    if (this._sending) return this._sending.then(() => this.flush());
    const run = this._drain().finally(() => {
      this._sending = undefined;
    });
    this._sending = run;
    return run;
  }

  /**
   * Page is being hidden and may never come back: start requests that survive unload (fetch
   * keepalive, else sendBeacon), uncompressed, in ≤ 60 KB chunks. Whatever cannot go now stays
   * in localStorage for the next page load.
   */
  _flushOnHide(): void {
    this._restore();
    this._cancelTimer();
    if (this._now() >= this._retry._retryAt) {
      let chunk: QueuedEvent[] = [];
      let size = 0;
      const send = () => {
        const events = chunk;
        if (events.length > 0) {
          // Only settles if the page survived (it was merely hidden): then retry like any batch.
          void this._send(events, true).then((outcome) => outcome === 'retry' && this._requeue(events));
        }
        chunk = [];
        size = 0;
      };
      for (const event of this._queue._take(this._queue._size)) {
        const eventSize = byteLength(JSON.stringify(event)) + 1;
        // One event too big for any unload request waits in storage for the next page load.
        if (eventSize > MAX_KEEPALIVE_BYTES - 100) this._queue._push(event);
        else {
          if (size + eventSize > MAX_KEEPALIVE_BYTES - 100) send();
          chunk.push(event);
          size += eventSize;
        }
      }
      send();
    }
    this._save();
  }

  private async _drain(): Promise<boolean> {
    while (this._queue._size > 0) {
      if (this._retry._retryAt > this._now()) break;
      const batch = this._takeBatch(MAX_BATCH_EVENTS);
      if ((await this._send(batch)) === 'retry') this._queue._unshift(batch);
    }
    if (this._queue._size > 0) this._schedule(this._retry._retryAt - this._now());
    this._save();
    return this._queue._size === 0;
  }

  private _takeBatch(n: number): QueuedEvent[] {
    const batch = this._queue._take(n);
    const first = batch[0];
    if (first && this._queue._dropped > 0) {
      // The contract has no batch-level field for it, so the loss is reported on an event.
      batch[0] = { ...first, extra: { ...first.extra, sdk_dropped_events: this._queue._dropped } };
      this._queue._dropped = 0;
    }
    return batch;
  }

  /**
   * One request. With `keepalive` (page hide) nothing is awaited before fetch is called, so the
   * request starts synchronously; it is never compressed and falls back to sendBeacon.
   */
  private async _send(events: QueuedEvent[], keepalive = false): Promise<Outcome> {
    const { fetch: fetchImpl, compress, url } = this._opts;
    const body = JSON.stringify({ v: 1, sdk: this._opts.sdk, events });
    const size = byteLength(body);
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    let payload: string | ArrayBuffer = body;
    if (!fetchImpl || (keepalive && this._keepaliveInflight + size > MAX_KEEPALIVE_BYTES)) {
      return this._beacon(body) ? 'ok' : this._fail();
    }
    if (keepalive) this._keepaliveInflight += size;
    try {
      if (!keepalive && compress && size > COMPRESS_ABOVE_BYTES) {
        payload = await compress(body);
        headers['Content-Encoding'] = 'gzip';
      }
      const response = await fetchImpl(url, {
        method: 'POST',
        headers,
        body: payload,
        keepalive,
        credentials: 'omit',
      });
      return this._classify(response);
    } catch (error) {
      if (__DEBUG__) debugLog('send failed, will retry', error);
      return keepalive && this._beacon(body) ? 'ok' : this._fail();
    } finally {
      if (keepalive) this._keepaliveInflight -= size;
    }
  }

  private _classify(response: Response): Outcome {
    const status = response.status;
    // 429 and 503 say when to come back (Retry-After); without it, the usual backoff.
    const outcome = this._retry._answer(status, this._now(), response.headers.get('Retry-After'));
    if (__DEBUG__ && status === 202) {
      response
        .clone()
        .json()
        .then((answer: { rejected?: unknown[] }) => {
          if (answer.rejected?.length) debugLog('server rejected events', answer.rejected);
        })
        .catch(() => undefined);
    }
    // A refused batch (another 4xx) will not get better by retrying: it is dropped, said once.
    if (__DEBUG__ && outcome === 'drop' && !this._loggedStatuses?.has(status)) {
      this._loggedStatuses ??= new Set();
      this._loggedStatuses.add(status);
      debugLog(`ingest answered ${status}; batch dropped`);
    }
    return outcome;
  }

  /** No answer (network error, or a beacon the browser refused). */
  private _fail(): Outcome {
    return this._retry._answer(0, this._now());
  }

  private _beacon(body: string): boolean {
    try {
      // text/plain keeps it a CORS "simple" request (no preflight); the server accepts it as JSON.
      return this._opts.sendBeacon?.(this._opts.url, new Blob([body], { type: 'text/plain' })) === true;
    } catch {
      return false;
    }
  }

  private _requeue(chunk: QueuedEvent[]): void {
    this._queue._unshift(chunk);
    this._save();
    this._schedule(Math.max(FLUSH_INTERVAL_MS, this._retry._retryAt - this._now()));
  }

  private _schedule(ms: number): void {
    const at = this._now() + ms;
    if (this._timer !== undefined && this._timerAt <= at && this._timerAt > this._now()) return;
    this._cancelTimer();
    this._timerAt = at;
    this._timer = this._setTimer(() => {
      this._timer = undefined;
      void this.flush();
    }, ms);
  }

  private _cancelTimer(): void {
    if (this._timer !== undefined) this._clearTimer(this._timer);
    this._timer = undefined;
  }

  /**
   * Takes the queue a previous page left in localStorage (offline, rate limited, or unsent at
   * unload) and puts it in front of the events captured since. Not in the constructor: reading and
   * parsing storage is main-thread work the page load need not pay, so the browser client calls it
   * when idle after load; sending and saving call it first, so stored events are never overwritten.
   */
  _restore(): void {
    if (this._restored) return;
    this._restored = true;
    try {
      const storage = this._opts.storage?.();
      const raw = storage?.getItem(this._opts.storageKey);
      if (!raw) return;
      // Taken out of storage so a second tab starting now does not send the same events.
      storage?.removeItem(this._opts.storageKey);
      const stored: unknown = JSON.parse(raw);
      if (!Array.isArray(stored)) return;
      const valid = stored.filter(
        (e): e is QueuedEvent => typeof e === 'object' && e !== null && typeof e.event_id === 'string',
      );
      if (valid.length > 0) {
        this._queue._unshift(valid);
        this._schedule(0);
      }
    } catch {
      // unreadable storage: start empty
    }
  }

  private _save(): void {
    try {
      const storage = this._opts.storage?.();
      if (this._queue._size === 0) storage?.removeItem(this._opts.storageKey);
      else storage?.setItem(this._opts.storageKey, JSON.stringify(this._queue._toArray()));
    } catch {
      // quota exceeded or storage disabled: the memory queue still holds the events
    }
  }
}
