import type { Breadcrumb, IngestEvent, IngestException, StackFrame } from '@closeloop/shared/ingest/event';
import {
  asNonEmptyString,
  asNonNegativeInt,
  asString,
  isRecord,
  type JsonRecord,
  type TrimLimits,
  trimJson,
  trimRecord,
  truncate,
} from './trim.ts';

/**
 * Mappers for the parts of a Sentry event payload
 * (https://develop.sentry.dev/sdk/data-model/event-payloads/) onto Closeloop's IngestEvent.
 * Every function takes untrusted JSON and returns a value within the schema's limits.
 */

const SHORT = 1_000;
const LONG = 16_000;

export type Level = NonNullable<IngestEvent['level']>;
const LEVELS: Record<string, Level> = {
  debug: 'debug',
  info: 'info',
  log: 'info',
  warning: 'warning',
  warn: 'warning',
  error: 'error',
  fatal: 'fatal',
  critical: 'fatal',
};

export function mapLevel(value: unknown): Level | undefined {
  return typeof value === 'string' ? LEVELS[value.toLowerCase()] : undefined;
}

/** 32 lowercase hex characters; Sentry also allows the dashed UUID form and upper case. */
export function normalizeEventId(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const id = value.replaceAll('-', '').toLowerCase();
  return /^[0-9a-f]{32}$/.test(id) ? id : undefined;
}

/** A year-5000 timestamp in seconds; anything larger was sent in milliseconds by mistake. */
const MAX_SECONDS = 1e11;

/**
 * Milliseconds since the epoch from a Sentry timestamp: seconds as a (float) number or numeric
 * string, or an RFC 3339 string (UTC when it has no offset, as Sentry reads it).
 */
export function parseTimestamp(value: unknown): number | undefined {
  let ms: number | undefined;
  if (typeof value === 'number') {
    ms = value > MAX_SECONDS ? value : value * 1000;
  } else if (typeof value === 'string' && value.trim() !== '') {
    const text = value.trim();
    if (/^\d+(\.\d+)?$/.test(text)) return parseTimestamp(Number(text));
    const zoned = /(z|[+-]\d\d:?\d\d)$/i.test(text) ? text : `${text}Z`;
    ms = Date.parse(zoned);
  }
  // 8.64e15 ms is the last instant a Date can hold.
  return ms !== undefined && Number.isFinite(ms) && ms > 0 && ms <= 8.64e15 ? ms : undefined;
}

function stringArray(value: unknown, max: number, fromEnd: boolean): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const slice = fromEnd ? value.slice(-max) : value.slice(0, max);
  return slice.map((line) => asString(line, LONG) ?? '');
}

export function mapFrame(value: unknown): StackFrame | undefined {
  if (!isRecord(value)) return undefined;
  const frame: StackFrame = {};
  const fn = asNonEmptyString(value.function, SHORT);
  if (fn !== undefined) frame.function = fn;
  const module = asNonEmptyString(value.module, SHORT);
  if (module !== undefined) frame.module = module;
  const filename = asNonEmptyString(value.filename, SHORT);
  if (filename !== undefined) frame.filename = filename;
  const absPath = asNonEmptyString(value.abs_path, SHORT);
  if (absPath !== undefined) frame.abs_path = absPath;
  const lineno = asNonNegativeInt(value.lineno);
  if (lineno !== undefined) frame.lineno = lineno;
  const colno = asNonNegativeInt(value.colno);
  if (colno !== undefined) frame.colno = colno;
  if (typeof value.in_app === 'boolean') frame.in_app = value.in_app;
  const contextLine = asString(value.context_line, LONG);
  if (contextLine !== undefined) frame.context_line = contextLine;
  const pre = stringArray(value.pre_context, 20, true);
  if (pre !== undefined) frame.pre_context = pre;
  const post = stringArray(value.post_context, 20, false);
  if (post !== undefined) frame.post_context = post;
  return frame;
}

/** Sentry's frame order (outermost first); beyond the limit, the frames nearest the throw are kept. */
export function mapFrames(stacktrace: unknown, max = 250): StackFrame[] {
  if (!isRecord(stacktrace) || !Array.isArray(stacktrace.frames)) return [];
  const frames: StackFrame[] = [];
  for (const raw of stacktrace.frames.slice(-max)) {
    const frame = mapFrame(raw);
    if (frame !== undefined) frames.push(frame);
  }
  return frames;
}

/** `exception` is `{values: [...]}` in the current protocol and a bare list in very old clients. */
export function exceptionValues(value: unknown): JsonRecord[] {
  const list = isRecord(value) ? value.values : value;
  return Array.isArray(list) ? list.filter(isRecord) : [];
}

export function mapException(value: JsonRecord): IngestException {
  const type = asNonEmptyString(value.type, SHORT) ?? 'Error';
  const exception: IngestException = {
    type,
    value: asString(value.value, LONG) ?? '',
    frames: mapFrames(value.stacktrace),
  };
  if (isRecord(value.mechanism)) {
    const mechanism: NonNullable<IngestException['mechanism']> = {
      type: asNonEmptyString(value.mechanism.type, SHORT) ?? 'generic',
    };
    if (typeof value.mechanism.handled === 'boolean') mechanism.handled = value.mechanism.handled;
    exception.mechanism = mechanism;
  }
  return exception;
}

/** printf-style `%s`/`%d`/… and `{}` placeholders filled in order, as Sentry's message formatting does. */
export function formatMessage(template: string, params: unknown[]): string {
  let i = 0;
  const next = () =>
    i < params.length ? String(asString(params[i++], LONG) ?? JSON.stringify(params[i - 1])) : undefined;
  return template.replace(/%[sdifoOj%]|\{\}/g, (token) => {
    if (token === '%%') return '%';
    return next() ?? token;
  });
}

/** `message` as a string or `{formatted, message, params}`, or the same object as `logentry`. */
export function mapMessage(message: unknown, logentry: unknown): IngestEvent['message'] {
  const source = isRecord(logentry) ? logentry : message;
  if (typeof source === 'string') return source === '' ? undefined : { formatted: truncate(source, LONG) };
  if (!isRecord(source))
    return typeof message === 'string' && message !== '' ? { formatted: truncate(message, LONG) } : undefined;
  const template = asNonEmptyString(source.message, LONG);
  const params = Array.isArray(source.params)
    ? source.params.slice(0, 50).map((p) => trimJson(p) ?? null)
    : undefined;
  let formatted = asNonEmptyString(source.formatted, LONG);
  if (formatted === undefined && template !== undefined) {
    formatted = truncate(params ? formatMessage(template, params) : template, LONG);
  }
  if (formatted === undefined) return undefined;
  const out: NonNullable<IngestEvent['message']> = { formatted };
  if (template !== undefined && template !== formatted) out.template = template;
  if (params !== undefined && params.length > 0) out.params = params;
  return out;
}

export function mapUser(value: unknown, clientIp: string | undefined): IngestEvent['user'] {
  if (!isRecord(value)) return undefined;
  const user: NonNullable<IngestEvent['user']> = {};
  const id = asNonEmptyString(value.id, SHORT);
  if (id !== undefined) user.id = id;
  const email = asNonEmptyString(value.email, SHORT);
  if (email !== undefined) user.email = email;
  const username = asNonEmptyString(value.username, SHORT);
  if (username !== undefined) user.username = username;
  let ip = asNonEmptyString(value.ip_address, SHORT);
  // `{{auto}}` asks the server to fill in the address the request came from.
  if (ip === '{{auto}}') ip = clientIp === undefined ? undefined : truncate(clientIp, SHORT);
  if (ip !== undefined) user.ip_address = ip;
  return Object.keys(user).length > 0 ? user : undefined;
}

/** Tags as an object or as `[[key, value], ...]` pairs; values become strings. */
export function mapTags(value: unknown, max = 200): Record<string, string> | undefined {
  const pairs: [unknown, unknown][] = [];
  if (Array.isArray(value)) {
    for (const pair of value) if (Array.isArray(pair) && pair.length >= 2) pairs.push([pair[0], pair[1]]);
  } else if (isRecord(value)) {
    pairs.push(...Object.entries(value));
  }
  const tags: Record<string, string> = {};
  let count = 0;
  for (const [rawKey, rawValue] of pairs) {
    if (count >= max) break;
    const key = asNonEmptyString(rawKey, 200);
    const val = asString(rawValue, 1_000);
    if (key === undefined || val === undefined) continue;
    tags[key] = val;
    count++;
  }
  return count > 0 ? tags : undefined;
}

const CONTEXT_LIMITS: TrimLimits = { depth: 4, string: 1_000, keys: 50, array: 50 };

/** Contexts (browser, os, device, runtime, trace, app, culture, …) kept as they are, bounded. */
export function mapContexts(value: unknown, max = 50): IngestEvent['contexts'] {
  if (!isRecord(value)) return undefined;
  const out: Record<string, Record<string, unknown>> = {};
  let count = 0;
  for (const [name, context] of Object.entries(value)) {
    if (count >= max) break;
    if (!isRecord(context)) continue;
    out[truncate(name, 200)] = trimRecord(context, CONTEXT_LIMITS, 1);
    count++;
  }
  return count > 0 ? out : undefined;
}

type BreadcrumbType = Breadcrumb['type'];

/** Sentry breadcrumb types and categories onto Closeloop's smaller set. */
function breadcrumbType(type: unknown, category: unknown): BreadcrumbType {
  const cat = typeof category === 'string' ? category : '';
  if (cat === 'ui.click') return 'click';
  if (cat === 'console') return 'console';
  switch (type) {
    case 'navigation':
      return 'navigation';
    case 'http':
      return 'request';
    case 'error':
      return 'error';
    case 'debug':
    case 'info':
    case 'query':
      return 'log';
    default:
      return cat === 'fetch' || cat === 'xhr' ? 'request' : cat === 'navigation' ? 'navigation' : 'default';
  }
}

const DATA_LIMITS: TrimLimits = { depth: 4, string: 2_000, keys: 50, array: 50 };

export function mapBreadcrumbs(value: unknown, fallbackTs: number, max = 100): Breadcrumb[] | undefined {
  const list = isRecord(value) ? value.values : value;
  if (!Array.isArray(list)) return undefined;
  const out: Breadcrumb[] = [];
  for (const raw of list.slice(-max)) {
    if (!isRecord(raw)) continue;
    const crumb: Breadcrumb = {
      timestamp: parseTimestamp(raw.timestamp) ?? fallbackTs,
      type: breadcrumbType(raw.type, raw.category),
    };
    const category = asNonEmptyString(raw.category, SHORT);
    if (category !== undefined) crumb.category = category;
    const message = asString(raw.message, LONG);
    if (message !== undefined) crumb.message = message;
    const level = mapLevel(raw.level);
    if (level !== undefined) crumb.level = level;
    if (isRecord(raw.data)) crumb.data = trimRecord(raw.data, DATA_LIMITS, 1);
    out.push(crumb);
  }
  return out.length > 0 ? out : undefined;
}

/** Request headers that carry credentials; never worth storing next to an error. */
const SECRET_HEADERS = new Set([
  'authorization',
  'cookie',
  'set-cookie',
  'proxy-authorization',
  'x-sentry-auth',
]);

export interface MappedRequest {
  url?: string;
  request?: IngestEvent['request'];
  /** query string, non-secret headers and body, for `extra`. */
  rest?: JsonRecord;
}

/** The request the event happened in (the page for browsers, the incoming request for servers). */
export function mapRequest(value: unknown): MappedRequest {
  if (!isRecord(value)) return {};
  const out: MappedRequest = {};
  let url = typeof value.url === 'string' && value.url !== '' ? value.url : undefined;
  const query = typeof value.query_string === 'string' ? value.query_string : undefined;
  if (url !== undefined && query && !url.includes('?')) url = `${url}?${query}`;
  if (url !== undefined) {
    out.url = truncate(url, 4_000);
    const method = asNonEmptyString(value.method, 16)?.toUpperCase() ?? 'GET';
    out.request = { url: out.url, method };
  }
  const rest: JsonRecord = {};
  if (isRecord(value.headers) || Array.isArray(value.headers)) {
    const headers = mapTags(value.headers, 100) ?? {};
    for (const name of Object.keys(headers)) if (SECRET_HEADERS.has(name.toLowerCase())) delete headers[name];
    if (Object.keys(headers).length > 0) rest.headers = headers;
  }
  if (value.query_string !== undefined) rest.query_string = trimJson(value.query_string, DATA_LIMITS);
  if (value.data !== undefined) rest.data = trimJson(value.data, DATA_LIMITS);
  if (Object.keys(rest).length > 0) out.rest = rest;
  return out;
}

export function mapSdk(value: unknown): IngestEvent['sdk'] {
  if (!isRecord(value)) return undefined;
  const name = asNonEmptyString(value.name, SHORT);
  if (name === undefined) return undefined;
  return { name, version: asNonEmptyString(value.version, SHORT) ?? 'unknown' };
}

/** Fingerprint entries verbatim (including `{{ default }}`, which grouping expands). */
export function mapFingerprint(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const out: string[] = [];
  for (const part of value.slice(0, 20)) {
    const s = asString(part, SHORT);
    if (s !== undefined) out.push(s);
  }
  return out.length > 0 ? out : undefined;
}

export type Platform = IngestEvent['platform'];

/** Sentry says `javascript` for browsers and `node` for Node; the SDK name settles doubtful cases. */
export function mapPlatform(platform: unknown, sdkName: string | undefined, contexts: unknown): Platform {
  const runtime = isRecord(contexts) && isRecord(contexts.runtime) ? contexts.runtime.name : undefined;
  if (platform === 'node' || runtime === 'node' || sdkName?.startsWith('sentry.javascript.node'))
    return 'node';
  if (platform === 'javascript') return 'browser';
  return 'other';
}
