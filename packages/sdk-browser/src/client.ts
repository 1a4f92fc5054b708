import type { Breadcrumb, IngestEventInput } from '@closeloop/shared/ingest/event';
import { type Dsn, INGEST_PATH } from '../../sdk-core/src/dsn.ts';
import { BreadcrumbBuffer } from './breadcrumbs.ts';
import { buildEvent, type EventPayload } from './build-event.ts';
import { debugLog } from './debug.ts';
import { guarded } from './guard.ts';
import { randomHex } from './ids.ts';
import { matchesAny, type ResolvedOptions, type User } from './options.ts';
import type { BreadcrumbInput, BrowserClient, Level } from './public-types.ts';
import { Session } from './session.ts';
import { type FrameContext, type Mechanism, toException } from './stack.ts';
import { defaultCompress, FLUSH_AT_EVENTS, type QueuedEvent, Transport } from './transport/transport.ts';
import { stringify, truncate } from './truncate.ts';
import { scrubUrl } from './url.ts';
import { parseUserAgent } from './user-agent.ts';
import { SDK_NAME, SDK_VERSION } from './version.ts';

/** Event types that `sampleRate` applies to; performance and frustration signals are always kept. */
const SAMPLED_TYPES = new Set(['error', 'message', 'console', 'network']);
/** Event types that carry the breadcrumb trail (it is what explains them). */
const WITH_BREADCRUMBS = new Set(['error', 'message', 'console', 'network', 'rage_click', 'dead_click']);

/**
 * Read on first use, never in `init()`: the first access of either storage object can block the
 * main thread for milliseconds while the browser opens the origin's storage (bench/RESULTS.md).
 */
function storage(name: 'localStorage' | 'sessionStorage'): Storage | undefined {
  try {
    return globalThis[name] ?? undefined;
  } catch {
    return undefined; // access throws in sandboxed iframes with storage blocked
  }
}

/** URL of the SDK's own script when it is loaded with a classic <script> tag. */
const sdkScript: string | undefined =
  typeof document !== 'undefined'
    ? (document.currentScript as HTMLScriptElement | null)?.src || undefined
    : undefined;

export class Client implements BrowserClient {
  readonly _transport: Transport;
  readonly _frameContext: FrameContext;
  readonly _breadcrumbs: BreadcrumbBuffer;
  private _sessionOnce: Session | undefined;
  private _ua: IngestEventInput['contexts'];
  /** Events captured before `_settle()`, waiting for their session and browser (see `_hold`). */
  private _held: IngestEventInput[] | undefined;
  private readonly _activityListeners = new Set<() => void>();
  private readonly _teardowns: Array<() => void> = [];
  private readonly _abort = new AbortController();
  /** Pass as `{ signal }` to addEventListener: `close()` removes every such listener at once. */
  readonly _signal = this._abort.signal;
  _user: User | undefined;
  /** Set by the replay recorder while it records: sends the recording now; true when there is one. */
  _flushReplay: (() => boolean) | undefined;
  _tags: Record<string, string> = {};
  private _closed = false;

  constructor(
    readonly options: ResolvedOptions,
    readonly dsn: Dsn,
  ) {
    this._user = options.user;
    this._breadcrumbs = new BreadcrumbBuffer(options.maxBreadcrumbs);
    this._frameContext = { pageOrigin: globalThis.location?.origin ?? '', sdkFile: sdkScript };
    const nav = globalThis.navigator;
    this._transport = new Transport({
      url: dsn.ingestUrl,
      sdk: { name: SDK_NAME, version: SDK_VERSION },
      // Bound now, before the fetch integration wraps window.fetch, so sending is never instrumented.
      fetch: typeof fetch === 'function' ? fetch.bind(globalThis) : undefined,
      sendBeacon: typeof nav?.sendBeacon === 'function' ? nav.sendBeacon.bind(nav) : undefined,
      storage: () => storage('localStorage'),
      storageKey: `closeloop.queue.${dsn.publicKey}`,
      compress: defaultCompress(),
    });
  }

  /** The tab's session (sessionStorage), read on first use. */
  get _session(): Session {
    this._sessionOnce ??= new Session(storage('sessionStorage'));
    return this._sessionOnce;
  }

  /**
   * From now until `_settle()`, captured events wait in memory: their session id (sessionStorage)
   * and browser (the user agent, parsed) are filled in then. `init()` calls it so that events of a
   * loading page cost the load no storage access or parsing; they are settled when the page has
   * loaded and is idle, or earlier when they must go (flush, page hide, close, many events).
   */
  _hold(): void {
    this._held ??= [];
  }

  /** Gives held events their session and browser and queues them; later events are queued at once. */
  _settle(): void {
    const held = this._held;
    this._held = undefined;
    for (const event of held ?? []) this._queue(event);
  }

  /** Browser and OS from the user agent, parsed on first use (when the first event is queued). */
  get _contexts(): IngestEventInput['contexts'] {
    this._ua ??= parseUserAgent(globalThis.navigator?.userAgent ?? '') as IngestEventInput['contexts'];
    return this._ua;
  }

  private _queue(event: IngestEventInput): void {
    event.session_id = this._session._touch(event.timestamp);
    event.contexts = this._contexts;
    this._transport._add(event as QueuedEvent);
  }

  /** Registers cleanup for `close()`. */
  _onClose(teardown: () => void): void {
    this._teardowns.push(teardown);
  }

  /** Builds and queues an event. Returns its id, or undefined when sampled out, closed or failed. */
  _capture(payload: EventPayload): string | undefined {
    return guarded(() => {
      if (this._closed) return undefined;
      if (SAMPLED_TYPES.has(payload.type) && Math.random() >= this.options.sampleRate) return undefined;
      const now = Date.now();
      const loc = globalThis.location;
      const event = buildEvent(
        payload,
        {
          release: this.options.release,
          environment: this.options.environment,
          user: this._user,
          tags: this._tags,
          url: loc ? scrubUrl(loc.href) : '',
          route: loc?.pathname ?? '',
          breadcrumbs: WITH_BREADCRUMBS.has(payload.type) ? this._breadcrumbs._snapshot() : undefined,
        },
        randomHex(16),
        now,
      );
      if (__DEBUG__) debugLog('captured', event.type, event);
      const held = this._held;
      if (!held) this._queue(event);
      else if (held.push(event) >= FLUSH_AT_EVENTS) this._settle();
      return event.event_id;
    });
  }

  captureException(
    error: unknown,
    mechanism: Mechanism = { type: 'generic', handled: true },
    location?: { filename?: string; lineno?: number; colno?: number; message?: string },
  ): string | undefined {
    return guarded(() => {
      const exception = toException(error, mechanism, this._frameContext, location);
      const origin = exception.frames.at(-1)?.filename ?? location?.filename;
      if (origin && matchesAny(origin, this.options.ignoreUrls)) return undefined;
      const id = this._capture({ type: 'error', level: 'error', exception });
      this.addBreadcrumb({
        type: 'error',
        message: `${exception.type}: ${exception.value ?? ''}`,
        level: 'error',
      });
      return id;
    });
  }

  captureMessage(message: string, level: Level = 'info'): string | undefined {
    return this._capture({
      type: 'message',
      level,
      message: { formatted: truncate(stringify(message), 16_000) },
    });
  }

  setUser(user: User | null): void {
    this._user = user ?? undefined;
  }

  setTag(key: string, value: string): void {
    guarded(() => {
      this._tags[truncate(String(key), 200)] = truncate(stringify(value), 1_000);
    });
  }

  addBreadcrumb(crumb: BreadcrumbInput): void {
    guarded(() => {
      const { message } = crumb;
      // Typed, not cast: the public BreadcrumbInput must stay within the ingest contract's Breadcrumb.
      const full: Breadcrumb = {
        timestamp: Date.now(),
        type: 'default',
        ...crumb,
        // JSON drops the key when there is no message.
        message: message === undefined ? undefined : truncate(stringify(message), 16_000),
      };
      this._breadcrumbs._add(full);
    });
  }

  /** True for requests to Closeloop's ingest endpoint: they are never instrumented. */
  _isIngestUrl(url: string): boolean {
    return url.startsWith(this.dsn.origin + INGEST_PATH);
  }

  /** Something happened in response to the user (request, navigation): dead-click detection listens. */
  _signalActivity(): void {
    for (const listener of this._activityListeners) guarded(listener);
  }

  _onActivity(listener: () => void): () => void {
    this._activityListeners.add(listener);
    return () => this._activityListeners.delete(listener);
  }

  flush(): Promise<boolean> {
    this._settle();
    return this._transport.flush().catch(() => false);
  }

  /** Removes every hook, sends what is queued, and stops capturing. */
  close(): Promise<boolean> {
    this._settle();
    this._abort.abort();
    for (const teardown of this._teardowns.splice(0)) guarded(teardown);
    const done = this.flush();
    this._closed = true;
    return done;
  }
}
