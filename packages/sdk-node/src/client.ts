import { hostname } from 'node:os';
import { type Dsn, parseDsn } from '../../sdk-core/src/dsn.ts';
import { addContextLines } from './context-lines.ts';
import { debugLog, setDebug } from './debug.ts';
import {
  applyScope,
  type EventDefaults,
  eventFromException,
  eventFromMessage,
  SDK_NAME,
  SDK_VERSION,
} from './event-builder.ts';
import type { NodeOptions } from './options.ts';
import { Scope, scopeStorage } from './scope.ts';
import { Transport } from './transport/transport.ts';
import type { Breadcrumb, CaptureContext, EventHint, Level, NodeEvent, RequestData, User } from './types.ts';

const DEFAULT_FLUSH_TIMEOUT_MS = 2_000;
/** An event bigger than this (serialized) loses breadcrumbs, extra and source context; then is dropped. */
const MAX_EVENT_BYTES = 900_000;

/** Teardown of an installed integration. */
export type Uninstall = () => void;

/**
 * The SDK's one object: builds events from errors and messages, layers the scope on them and
 * hands them to the transport. Every public method swallows its own failures.
 */
export class Client {
  readonly dsn: Dsn | undefined;
  readonly globalScope: Scope;
  readonly flushTimeoutMs: number;
  private readonly transport: Transport | undefined;
  private readonly defaults: EventDefaults;
  private readonly sampleRate: number;
  private readonly pending = new Set<Promise<void>>();
  /** Errors already reported, so an error seen by a request helper and again as uncaught is sent once. */
  private readonly captured = new WeakSet<object>();
  private readonly uninstalls: Uninstall[] = [];
  private closed = false;

  constructor(readonly options: NodeOptions = {}) {
    setDebug(Boolean(options.debug));
    const env = process.env;
    this.dsn = parseDsn(options.dsn ?? env.CLOSELOOP_DSN);
    if (!this.dsn && (options.dsn ?? env.CLOSELOOP_DSN))
      debugLog('the DSN is not valid; the SDK is disabled');
    this.defaults = {
      release: options.release ?? env.CLOSELOOP_RELEASE,
      environment: options.environment ?? env.CLOSELOOP_ENVIRONMENT ?? env.NODE_ENV,
      serverName: options.serverName ?? safeHostname(),
    };
    this.sampleRate = clamp(options.sampleRate ?? 1, 0, 1);
    this.flushTimeoutMs = options.flushTimeoutMs ?? DEFAULT_FLUSH_TIMEOUT_MS;
    this.globalScope = new Scope(clamp(Math.floor(options.maxBreadcrumbs ?? 50), 0, 100));
    if (this.dsn) {
      this.transport = new Transport({
        url: this.dsn.ingestUrl,
        sdk: { name: SDK_NAME, version: SDK_VERSION },
        ...(options.send ? { send: options.send } : {}),
      });
    }
  }

  get enabled(): boolean {
    return this.transport !== undefined && !this.closed;
  }

  /** The request scope when inside one (see request helpers), else the global scope. */
  currentScope(): Scope {
    return scopeStorage.getStore() ?? this.globalScope;
  }

  /** Runs `fn` in a child scope: user, tags and breadcrumbs set inside stay inside. */
  withScope<T>(fn: (scope: Scope) => T, request?: RequestData): T {
    const scope = new Scope(this.globalScope.maxBreadcrumbs, this.currentScope());
    if (request) scope.request = request;
    return scopeStorage.run(scope, () => fn(scope));
  }

  captureException(error: unknown, ctx: CaptureContext = {}, hint: EventHint = {}): string | undefined {
    try {
      if (!this.enabled) return undefined;
      if (typeof error === 'object' && error !== null) {
        if (this.captured.has(error)) return undefined;
        this.captured.add(error);
      }
      const mechanism = hint.mechanism ?? { type: 'generic', handled: true };
      const event = eventFromException(
        error,
        mechanism,
        ctx.level ?? (mechanism.handled ? 'error' : 'fatal'),
      );
      return this.dispatch(event, ctx, { originalException: error, mechanism });
    } catch (err) {
      debugLog('captureException failed', err);
      return undefined;
    }
  }

  captureMessage(message: string, level: Level = 'info', ctx: CaptureContext = {}): string | undefined {
    try {
      if (!this.enabled) return undefined;
      return this.dispatch(eventFromMessage(message, level), { level, ...ctx }, {});
    } catch (err) {
      debugLog('captureMessage failed', err);
      return undefined;
    }
  }

  /** Sets (or with null clears) the user of the current scope. */
  setUser(user: User | null): void {
    this.currentScope().user = user ?? undefined;
  }

  setTag(key: string, value: string): void {
    this.currentScope().tags[key] = String(value);
  }

  setExtra(key: string, value: unknown): void {
    this.currentScope().extra[key] = value;
  }

  addBreadcrumb(crumb: Omit<Breadcrumb, 'timestamp'> & { timestamp?: number }): void {
    try {
      this.currentScope().addBreadcrumb({ ...crumb, timestamp: crumb.timestamp ?? Date.now() });
    } catch (err) {
      debugLog('addBreadcrumb failed', err);
    }
  }

  /** Waits for events being prepared, then for delivery. True when nothing is left undelivered. */
  async flush(timeoutMs: number = this.flushTimeoutMs): Promise<boolean> {
    if (!this.transport) return true;
    const start = Date.now();
    try {
      if (this.pending.size > 0) {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          Promise.allSettled([...this.pending]),
          new Promise((r) => (timer = setTimeout(r, timeoutMs))),
        ]);
        clearTimeout(timer);
      }
      return await this.transport.flush(Math.max(0, timeoutMs - (Date.now() - start)));
    } catch (err) {
      debugLog('flush failed', err);
      return false;
    }
  }

  /** Flushes, removes every integration and stops sending. */
  async close(timeoutMs: number = this.flushTimeoutMs): Promise<boolean> {
    const ok = await this.flush(timeoutMs);
    this.closed = true;
    for (const uninstall of this.uninstalls.splice(0)) {
      try {
        uninstall();
      } catch (err) {
        debugLog('uninstall failed', err);
      }
    }
    await this.transport?.close(0);
    return ok;
  }

  /** Records an integration's teardown for close(). */
  onClose(uninstall: Uninstall): void {
    this.uninstalls.push(uninstall);
  }

  /** Treats `error` as reported (an SDK-made wrapper of a value that was). */
  markCaptured(error: object): void {
    this.captured.add(error);
  }

  /** Events being prepared or waiting for delivery. */
  hasPending(): boolean {
    return this.pending.size > 0 || (this.transport?.queue._size ?? 0) > 0;
  }

  /** Has this error object already been reported? */
  wasCaptured(error: unknown): boolean {
    return typeof error === 'object' && error !== null && this.captured.has(error);
  }

  private dispatch(event: NodeEvent, ctx: CaptureContext, hint: EventHint): string | undefined {
    if (this.sampleRate < 1 && Math.random() >= this.sampleRate) return undefined;
    // The scope is read now, synchronously, while the caller's async context is current.
    applyScope(event, this.currentScope(), this.defaults, ctx);
    const work = this.finish(event, hint).finally(() => this.pending.delete(work));
    this.pending.add(work);
    return event.event_id;
  }

  /** The asynchronous part: source context, beforeSend, serialization, queueing. */
  private async finish(event: NodeEvent, hint: EventHint): Promise<void> {
    try {
      if (event.exception) await addContextLines(event.exception.frames);
      let final: NodeEvent | null = event;
      if (this.options.beforeSend) {
        try {
          final = await this.options.beforeSend(event, hint);
        } catch (err) {
          debugLog('beforeSend threw; the event is dropped', err);
          return;
        }
      }
      if (!final) return;
      const json = serialize(final);
      if (json) this.transport?.add(json);
    } catch (err) {
      debugLog('event preparation failed', err);
    }
  }
}

/** JSON for one event, shrunk when too big; undefined when it cannot be sent at all. */
function serialize(event: NodeEvent): string | undefined {
  let json = JSON.stringify(event);
  if (json.length <= MAX_EVENT_BYTES) return json;
  const slim: NodeEvent = { ...event };
  delete slim.breadcrumbs;
  delete slim.extra;
  if (slim.exception) {
    slim.exception = {
      ...slim.exception,
      frames: slim.exception.frames.map(({ context_line, pre_context, post_context, ...f }) => f),
    };
  }
  json = JSON.stringify(slim);
  if (json.length <= MAX_EVENT_BYTES) return json;
  debugLog('event too large; dropped');
  return undefined;
}

function clamp(n: number, min: number, max: number): number {
  return Number.isFinite(n) ? Math.min(max, Math.max(min, n)) : max;
}

function safeHostname(): string | undefined {
  try {
    return hostname();
  } catch {
    return undefined;
  }
}
