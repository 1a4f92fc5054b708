import { randomUUID } from 'node:crypto';
import { Invalid } from '@closeloop/shared/errors';
import { type IngestEvent, ingestEventSchema } from '@closeloop/shared/ingest/event';
import {
  exceptionValues,
  mapBreadcrumbs,
  mapContexts,
  mapException,
  mapFingerprint,
  mapFrames,
  mapLevel,
  mapMessage,
  mapPlatform,
  mapRequest,
  mapSdk,
  mapTags,
  mapUser,
  normalizeEventId,
  parseTimestamp,
} from './event-parts.ts';
import { mapTransaction } from './transaction-map.ts';
import {
  asNonEmptyString,
  isRecord,
  type JsonRecord,
  type TrimLimits,
  trimJson,
  trimRecord,
} from './trim.ts';

/**
 * A Sentry event payload (an `event` or `transaction` envelope item, or the body of the legacy
 * store endpoint) as a Closeloop IngestEvent. Fields are mapped faithfully and cut to the schema's
 * limits rather than refused; what has no place in IngestEvent but is worth keeping goes to
 * `extra._sentry`. Only a payload that is not a JSON object is refused.
 */

export interface MapContext {
  /** `event` (errors and messages) or `transaction` — the envelope item type. */
  kind: 'event' | 'transaction';
  /** The envelope header's `event_id`, used when the payload has none. */
  envelopeEventId?: string;
  /** Server receive time (ms), used when the payload has no usable timestamp. */
  receivedAt: number;
  /** The client's address, substituted for `user.ip_address: "{{auto}}"`. */
  clientIp?: string;
}

/** The key in `extra` that holds unmapped Sentry fields. */
export const SENTRY_EXTRA_KEY = '_sentry';

const EXTRA_LIMITS: TrimLimits = { depth: 5, string: 4_000, keys: 100, array: 100 };

/** Small top-level fields with no IngestEvent counterpart, kept verbatim in `extra._sentry`. */
const KEPT_FIELDS = ['server_name', 'dist', 'logger', 'culprit'] as const;

export class InvalidSentryEvent extends Invalid {
  constructor(message: string, details: unknown = null) {
    super(message, details);
  }
}

export function mapSentryEvent(payload: unknown, context: MapContext): IngestEvent {
  if (!isRecord(payload)) throw new InvalidSentryEvent('Sentry event payload must be a JSON object');
  const timestamp = parseTimestamp(payload.timestamp) ?? context.receivedAt;
  const sdk = mapSdk(payload.sdk);
  let values = exceptionValues(payload.exception);
  const unmapped: JsonRecord = {};
  const message = mapMessage(payload.message, payload.logentry);
  // captureMessage with a stack trace arrives as a *synthetic* exception (no type, the message as
  // value). It is a message event; its frames are kept in extra, and grouping goes by message.
  const last = values.at(-1);
  if (
    message !== undefined &&
    last !== undefined &&
    isRecord(last.mechanism) &&
    last.mechanism.synthetic === true
  ) {
    unmapped.stacktrace = mapFrames(last.stacktrace, 50);
    values = values.slice(0, -1);
  }
  const primary = values.at(-1);

  const event: IngestEvent = {
    event_id:
      normalizeEventId(payload.event_id) ?? context.envelopeEventId ?? randomUUID().replaceAll('-', ''),
    type: context.kind === 'transaction' ? 'transaction' : primary ? 'error' : 'message',
    timestamp,
    platform: mapPlatform(payload.platform, sdk?.name, payload.contexts),
  };
  if (
    typeof payload.platform === 'string' &&
    payload.platform !== 'node' &&
    payload.platform !== 'javascript'
  ) {
    unmapped.platform = asNonEmptyString(payload.platform, 100);
  }

  const level = mapLevel(payload.level);
  if (level !== undefined) event.level = level;
  else if (event.type === 'error') event.level = 'error';
  const release = asNonEmptyString(payload.release);
  if (release !== undefined) event.release = release;
  const environment = asNonEmptyString(payload.environment);
  if (environment !== undefined) event.environment = environment;

  const user = mapUser(payload.user, context.clientIp);
  if (user !== undefined) event.user = user;
  if (isRecord(payload.user)) {
    const { id: _id, email: _email, username: _username, ip_address: _ip, ...restUser } = payload.user;
    if (Object.keys(restUser).length > 0) unmapped.user = trimRecord(restUser, EXTRA_LIMITS, 1);
  }

  if (primary !== undefined) {
    event.exception = mapException(primary);
    if (values.length > 1) {
      // Linked causes, oldest first as Sentry orders them; the primary one is mapped above.
      unmapped.exception_chain = values
        .slice(0, -1)
        .slice(-10)
        .map((v) => trimJson(mapException(v), EXTRA_LIMITS));
    }
  }
  if (message !== undefined) event.message = message;
  if (isRecord(payload.stacktrace)) unmapped.stacktrace = mapFrames(payload.stacktrace, 50);

  const request = mapRequest(payload.request);
  if (request.url !== undefined) event.url = request.url;
  if (request.request !== undefined) event.request = request.request;
  if (request.rest !== undefined) unmapped.request = request.rest;

  const contexts = mapContexts(payload.contexts);
  if (contexts !== undefined) event.contexts = contexts;
  // Browser SDKs send no browser or OS context: Sentry derives both from the page's User-Agent
  // header (Relay's user-agent normalisation). Keeping it in contexts.browser lets grouping do the same.
  const userAgent = userAgentHeader(request.rest?.headers);
  if (userAgent !== undefined && event.contexts?.browser === undefined) {
    event.contexts = { ...event.contexts, browser: { user_agent: userAgent } };
  }
  // Session replay links through the replay id, which Closeloop treats as the session.
  const replayId = contexts?.replay?.replay_id;
  if (typeof replayId === 'string' && replayId !== '') event.session_id = replayId.slice(0, 1_000);

  const route = asNonEmptyString(payload.transaction);
  if (route !== undefined) event.route = route;
  const tags = mapTags(payload.tags);
  if (tags !== undefined) event.tags = tags;
  const breadcrumbs = mapBreadcrumbs(payload.breadcrumbs, timestamp);
  if (breadcrumbs !== undefined) event.breadcrumbs = breadcrumbs;
  const fingerprint = mapFingerprint(payload.fingerprint);
  if (fingerprint !== undefined) event.fingerprint = fingerprint;
  if (sdk !== undefined) event.sdk = sdk;

  if (context.kind === 'transaction') {
    const { transaction, timing } = mapTransaction(payload, timestamp);
    event.transaction = transaction;
    if (timing !== undefined) event.timing = timing;
  }

  for (const field of KEPT_FIELDS) {
    if (payload[field] !== undefined) unmapped[field] = trimJson(payload[field], EXTRA_LIMITS);
  }
  if (isRecord(payload.modules)) unmapped.modules_count = Object.keys(payload.modules).length;

  const extra: JsonRecord = isRecord(payload.extra) ? trimRecord(payload.extra, EXTRA_LIMITS) : {};
  const cleaned = Object.fromEntries(Object.entries(unmapped).filter(([, v]) => v !== undefined));
  if (Object.keys(cleaned).length > 0) extra[SENTRY_EXTRA_KEY] = cleaned;
  if (Object.keys(extra).length > 0) event.extra = extra;

  // Everything above is built within the schema's limits; parsing is the proof, and a failure
  // here is a mapping bug reported as a 400 for this one item rather than a crash.
  const parsed = ingestEventSchema.safeParse(event);
  if (!parsed.success) {
    throw new InvalidSentryEvent('Sentry event could not be mapped', {
      issues: parsed.error.issues.slice(0, 10),
    });
  }
  return parsed.data;
}

function userAgentHeader(headers: unknown): string | undefined {
  if (typeof headers !== 'object' || headers === null) return undefined;
  for (const [name, value] of Object.entries(headers)) {
    if (name.toLowerCase() === 'user-agent' && typeof value === 'string' && value !== '')
      return value.slice(0, 1_000);
  }
  return undefined;
}
