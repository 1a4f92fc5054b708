import { gzip } from 'node:zlib';
import { RetryClock } from '../../../sdk-core/src/backoff.ts';
import { BoundedQueue } from '../../../sdk-core/src/queue.ts';
import { debugLog } from '../debug.ts';
import { httpSender, type Sender } from './http-sender.ts';

/** Send when this many events wait… */
export const FLUSH_AT_EVENTS = 30;
/** …or this long after the first arrived: errors should show up within seconds, not minutes. */
export const FLUSH_INTERVAL_MS = 1_000;
/** At most this many events per request (the server accepts up to 1,000). */
export const MAX_BATCH_EVENTS = 100;
/** Uncompressed bytes per request; the server takes 20 MB decoded, stay far below. */
export const MAX_BATCH_BYTES = 2_000_000;
/** Events held in memory while the server is away or rate-limits us; the oldest go first. */
export const MAX_QUEUED_EVENTS = 1_000;
export const REQUEST_TIMEOUT_MS = 10_000;

export type Outcome = 'sent' | 'dropped' | 'retry' | 'idle';

export interface TransportOptions {
  url: string;
  sdk: { name: string; version: string };
  send?: Sender;
  now?: () => number;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
  maxQueued?: number;
  flushIntervalMs?: number;
}

const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Batching, compression, retries and the bounded queue. The only part that touches the
 * network is `send`. Never throws and never rejects: every failure ends as "keep and retry
 * later" or "drop", logged in debug mode.
 */
export class Transport {
  readonly queue: BoundedQueue<string>;
  private readonly retry: RetryClock;
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<Outcome> | undefined;
  private readonly send: Sender;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly interval: number;
  private closed = false;

  constructor(private readonly opts: TransportOptions) {
    this.queue = new BoundedQueue<string>(opts.maxQueued ?? MAX_QUEUED_EVENTS);
    this.send = opts.send ?? httpSender(opts.url);
    this.now = opts.now ?? Date.now;
    this.retry = new RetryClock(opts.random);
    this.sleep = opts.sleep ?? realSleep;
    this.interval = opts.flushIntervalMs ?? FLUSH_INTERVAL_MS;
  }

  /** Queues one serialized event. */
  add(eventJson: string): void {
    if (this.closed) return;
    this.queue._push(eventJson);
    if (this.queue._size >= FLUSH_AT_EVENTS) this.schedule(0);
    else this.schedule(this.interval);
  }

  /** True when everything queued was delivered (or deliberately dropped) within the time. */
  async flush(timeoutMs: number): Promise<boolean> {
    const deadline = this.now() + Math.max(0, timeoutMs);
    try {
      for (;;) {
        if (this.inFlight) {
          const left = deadline - this.now();
          if (left <= 0) return false;
          if ((await raceTimeout(this.inFlight, left)) === undefined) return false;
          continue;
        }
        if (this.queue._size === 0) return true;
        const wait = this.retry._retryAt - this.now();
        if (wait > 0) {
          if (this.retry._retryAt > deadline) return false;
          await this.sleep(wait);
          continue;
        }
        const left = deadline - this.now();
        if (left <= 0) return false;
        await raceTimeout(this.sendBatch(), left);
      }
    } catch (err) {
      debugLog('flush failed', err);
      return false;
    }
  }

  /** Flushes, then refuses new events and stops the timer. */
  async close(timeoutMs: number): Promise<boolean> {
    const ok = await this.flush(timeoutMs);
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    return ok;
  }

  /** Sends one batch from the front of the queue (or joins the one in flight). */
  sendBatch(): Promise<Outcome> {
    this.inFlight ??= this.doSend().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  private schedule(ms: number): void {
    if (this.closed || this.timer) return;
    const delay = Math.max(ms, this.retry._retryAt - this.now(), 0);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.sendBatch().then(() => {
        if (this.queue._size > 0) this.schedule(this.queue._size >= FLUSH_AT_EVENTS ? 0 : this.interval);
      });
    }, delay);
    // A pending batch must not keep a finished process alive; beforeExit / close flush it.
    this.timer.unref();
  }

  private async doSend(): Promise<Outcome> {
    if (this.now() < this.retry._retryAt) return 'retry';
    const batch = this.queue._take(MAX_BATCH_EVENTS);
    // Past the byte limit, the rest goes back to the front (the first event always goes).
    let bytes = 0;
    const over = batch.findIndex((e, i) => {
      bytes += e.length;
      return i > 0 && bytes > MAX_BATCH_BYTES;
    });
    if (over > 0) this.queue._unshift(batch.splice(over));
    if (batch.length === 0) return 'idle';
    try {
      const json = `{"v":1,"sdk":${JSON.stringify(this.opts.sdk)},"events":[${batch.join(',')}]}`;
      const body = await gzipAsync(json);
      const result = await this.send(
        body,
        { 'content-type': 'application/json', 'content-encoding': 'gzip' },
        REQUEST_TIMEOUT_MS,
      );
      return this.settle(batch, result.status, result.retryAfter);
    } catch (err) {
      debugLog('sending failed', err);
      return this.settle(batch, 0, undefined);
    }
  }

  private settle(batch: string[], status: number, retryAfter: string | undefined): Outcome {
    const outcome = this.retry._answer(status, this.now(), retryAfter);
    if (outcome === 'ok') return 'sent';
    if (outcome === 'drop') {
      // The server read the batch and refused it (bad key, nothing valid): resending cannot help.
      debugLog(`dropping ${batch.length} events: ingest answered ${status}`);
      return 'dropped';
    }
    const delay = this.retry._retryAt - this.now();
    this.queue._unshift(batch);
    debugLog(`ingest unavailable (${status || 'network error'}); retrying in ${delay} ms`);
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.schedule(delay);
    return 'retry';
  }
}

function gzipAsync(text: string): Promise<Buffer> {
  return new Promise((resolve, reject) => gzip(text, (err, out) => (err ? reject(err) : resolve(out))));
}

/** The promise's value, or undefined when it did not settle within `ms`. */
async function raceTimeout<T>(p: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      p,
      new Promise<undefined>((r) => (timer = setTimeout(() => r(undefined), ms))),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
