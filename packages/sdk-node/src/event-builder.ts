import { randomUUID } from 'node:crypto';
import { release as osRelease, type as osType } from 'node:os';
import { normalise, truncate } from './normalise.ts';
import type { Scope } from './scope.ts';
import { parseStack } from './stack.ts';
import type { CaptureContext, Level, NodeEvent, User } from './types.ts';

export const SDK_NAME = 'closeloop-node';
export const SDK_VERSION = '0.1.0';

const SHORT = 1_000;
const LONG = 16_000;
const MAX_CAUSES = 5;

export interface EventDefaults {
  release?: string | undefined;
  environment?: string | undefined;
  serverName?: string | undefined;
}

export function newEventId(): string {
  return randomUUID().replace(/-/g, '');
}

/** An error event from anything thrown: Errors keep their stack, other values become the message. */
export function eventFromException(
  thrown: unknown,
  mechanism: { type: string; handled: boolean },
  level: Level = 'error',
): NodeEvent {
  const event = baseEvent('error', level);
  if (thrown instanceof Error || isErrorLike(thrown)) {
    const err = thrown as Error;
    const frames = parseStack(typeof err.stack === 'string' ? err.stack : undefined);
    event.exception = {
      type: truncate(errorType(err), SHORT),
      value: truncate(String(err.message ?? ''), LONG),
      frames,
      mechanism,
    };
    if (frames.length === 0 && typeof err.stack === 'string')
      event.exception.stack = err.stack.slice(0, 64_000);
    const causes = causeChain(err);
    if (causes.length > 0) event.extra = { cause: causes };
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'string' || typeof code === 'number') event.tags = { 'error.code': String(code) };
  } else {
    event.exception = {
      type: 'Error',
      value: truncate(describeNonError(thrown), LONG),
      frames: [],
      mechanism,
    };
    event.extra = { thrown: normalise(thrown) };
  }
  return event;
}

export function eventFromMessage(message: string, level: Level = 'info'): NodeEvent {
  const event = baseEvent('message', level);
  event.message = { formatted: truncate(String(message), LONG) };
  return event;
}

/**
 * Layers defaults, the scope (global, then request) and the per-call context onto an event.
 * The per-call context wins over the scope, which wins over the defaults.
 */
export function applyScope(
  event: NodeEvent,
  scope: Scope,
  defaults: EventDefaults,
  ctx: CaptureContext = {},
): NodeEvent {
  const s = scope.resolved();
  if (defaults.release) event.release = truncate(defaults.release, SHORT);
  if (defaults.environment) event.environment = truncate(defaults.environment, SHORT);
  const user = ctx.user ?? s.user;
  if (user) event.user = cleanUser(user);
  const tags = {
    ...(defaults.serverName ? { server_name: defaults.serverName } : {}),
    ...s.tags,
    ...event.tags,
    ...ctx.tags,
  };
  if (Object.keys(tags).length > 0) event.tags = cleanTags(tags);
  const extra = { ...s.extra, ...event.extra, ...ctx.extra };
  if (Object.keys(extra).length > 0) event.extra = normalise(extra) as Record<string, unknown>;
  if (ctx.fingerprint?.length)
    event.fingerprint = ctx.fingerprint.slice(0, 20).map((f) => truncate(String(f), SHORT));
  if (ctx.level) event.level = ctx.level;
  if (s.breadcrumbs.length > 0) event.breadcrumbs = s.breadcrumbs.slice(-100);
  event.contexts = {
    runtime: { name: 'node', version: process.version },
    os: { name: osType(), version: osRelease() },
    ...(defaults.serverName ? { server: { name: defaults.serverName } } : {}),
  };
  if (s.request) {
    const r = s.request;
    event.url = r.url;
    if (r.route) event.route = truncate(r.route, SHORT);
    event.request = { url: r.url, method: r.method.slice(0, 16), ...(r.status ? { status: r.status } : {}) };
    event.contexts.request = {
      method: r.method,
      url: r.url,
      ...(r.route ? { route: r.route } : {}),
      headers: r.headers,
    };
  }
  return event;
}

function baseEvent(type: 'error' | 'message', level: Level): NodeEvent {
  return {
    event_id: newEventId(),
    type,
    timestamp: Date.now(),
    platform: 'node',
    level,
    sdk: { name: SDK_NAME, version: SDK_VERSION },
  };
}

function isErrorLike(v: unknown): boolean {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as Error).message === 'string' &&
    typeof (v as Error).stack === 'string'
  );
}

function errorType(err: Error): string {
  const name = typeof err.name === 'string' && err.name ? err.name : '';
  if (name && name !== 'Error') return name;
  const ctor = Object.getPrototypeOf(err)?.constructor?.name;
  return typeof ctor === 'string' && ctor && ctor !== 'Object' ? ctor : name || 'Error';
}

function causeChain(err: Error): string[] {
  const out: string[] = [];
  let cause: unknown = err.cause;
  const seen = new Set<unknown>([err]);
  while (cause !== undefined && cause !== null && out.length < MAX_CAUSES && !seen.has(cause)) {
    seen.add(cause);
    out.push(
      cause instanceof Error
        ? truncate(cause.stack ?? `${cause.name}: ${cause.message}`, 4_000)
        : describeNonError(cause),
    );
    cause = cause instanceof Error ? cause.cause : undefined;
  }
  return out;
}

function describeNonError(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === null || v === undefined || typeof v !== 'object') return String(v);
  const keys = Object.keys(v).slice(0, 10);
  return `Non-Error exception captured with keys: ${keys.join(', ') || '(none)'}`;
}

function cleanUser(user: User): NodeEvent['user'] {
  const out: Record<string, string> = {};
  for (const k of ['id', 'email', 'username', 'ip_address'] as const) {
    const v: unknown = user[k];
    if (v !== undefined && v !== null && v !== '') out[k] = truncate(String(v), SHORT);
  }
  return out;
}

function cleanTags(tags: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(tags)) {
    if (v === undefined || v === null) continue;
    out[truncate(k, 200)] = truncate(String(v), SHORT);
  }
  return out;
}
