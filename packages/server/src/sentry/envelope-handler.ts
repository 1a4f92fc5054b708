import { inflateSync } from 'node:zlib';
import { AppError, Invalid } from '@closeloop/shared/errors';
import type { IngestEvent } from '@closeloop/shared/ingest/event';
import {
  authFromEnvelopeDsn,
  authFromRequest,
  type HeaderBag,
  type QueryBag,
  type SentryAuth,
  SentryAuthError,
} from './auth.ts';
import { DEFAULT_MAX_DECOMPRESSED_BYTES, decodeBody } from './decompress.ts';
import { type EnvelopeItem, itemJson, parseEnvelope, parseJsonAt } from './envelope.ts';
import {
  type Attachment,
  type Feedback,
  mapAttachment,
  mapFeedbackEvent,
  mapReplayEvent,
  mapReplayRecording,
  mapUserReport,
  type Replay,
} from './envelope-items.ts';
import { mapSentryEvent } from './event-map.ts';
import { mapSdk, normalizeEventId } from './event-parts.ts';
import { dataCategoryForItem } from './rate-limit-headers.ts';
import {
  type ClientReport,
  mapClientReport,
  mapSessionAggregates,
  mapSessionUpdate,
  type SessionAggregate,
  type SessionUpdate,
} from './session-map.ts';
import { mapSpanContainer, SPAN_V2_CONTENT_TYPE } from './span-map.ts';

/**
 * The framework-free heart of `POST /api/<project>/envelope/` and `POST /api/<project>/store/`:
 * bytes and request metadata in, everything the route must store out. Whole-request problems
 * (auth, encoding, a malformed envelope) throw an AppError; a bad *item* is reported in `rejected`
 * and the rest of the envelope still counts, as in Sentry.
 */

export interface HandleOptions {
  headers: HeaderBag;
  query?: QueryBag;
  /** Defaults to the `content-encoding` header. */
  contentEncoding?: string;
  /** `<project id>` from the URL path. */
  projectIdFromPath: string;
  /** Limit on the decoded body (and on each inflated replay recording). */
  maxBodyBytes?: number;
  /** Server time of receipt (ms); events without a usable timestamp get it. */
  receivedAt?: number;
  /** Client address, for `user.ip_address: "{{auto}}"`. */
  clientIp?: string;
}

export interface RejectedItem {
  itemIndex: number;
  itemType: string;
  error: AppError;
}

export interface EnvelopeResult {
  publicKey: string;
  auth: SentryAuth;
  /** What to answer as `{"id": eventId}`; null when the envelope carries no event (answer `{}`). */
  eventId: string | null;
  /** Errors and messages, for the raw event log. */
  events: IngestEvent[];
  /** `type: 'transaction'` events, for performance data. */
  transactions: IngestEvent[];
  sessions: { updates: SessionUpdate[]; aggregates: SessionAggregate[] };
  attachments: Attachment[];
  replays: Replay[];
  feedback: Feedback[];
  clientReports: ClientReport[];
  /** Item types accepted and dropped, as Sentry does with types it does not process. */
  ignoredItemTypes: string[];
  rejected: RejectedItem[];
  /** Items per Sentry data category, for quota checks before storing. */
  categories: Record<string, number>;
  sdk?: { name: string; version: string };
}

function emptyResult(auth: SentryAuth, eventId: string | null): EnvelopeResult {
  return {
    publicKey: auth.publicKey,
    auth,
    eventId,
    events: [],
    transactions: [],
    sessions: { updates: [], aggregates: [] },
    attachments: [],
    replays: [],
    feedback: [],
    clientReports: [],
    ignoredItemTypes: [],
    rejected: [],
    categories: {},
  };
}

function encodingOf(options: HandleOptions): string | undefined {
  if (options.contentEncoding !== undefined) return options.contentEncoding;
  const value = options.headers['content-encoding'];
  return Array.isArray(value) ? value.join(',') : value;
}

function asAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  // Not expected: every mapper reports bad input as an AppError. Still one item's problem only.
  return new Invalid(`item could not be processed: ${(error as Error)?.message ?? String(error)}`);
}

async function handleItem(
  result: EnvelopeResult,
  item: EnvelopeItem,
  ctx: { envelopeEventId: string | undefined; receivedAt: number; clientIp?: string; maxBytes: number },
): Promise<void> {
  const mapCtx = {
    receivedAt: ctx.receivedAt,
    ...(ctx.envelopeEventId === undefined ? {} : { envelopeEventId: ctx.envelopeEventId }),
    ...(ctx.clientIp === undefined ? {} : { clientIp: ctx.clientIp }),
  };
  switch (item.header.type) {
    case 'event':
      result.events.push(mapSentryEvent(itemJson(item), { ...mapCtx, kind: 'event' }));
      return;
    case 'transaction':
      result.transactions.push(mapSentryEvent(itemJson(item), { ...mapCtx, kind: 'transaction' }));
      return;
    case 'session':
      result.sessions.updates.push(mapSessionUpdate(itemJson(item), ctx.receivedAt));
      return;
    case 'sessions':
      result.sessions.aggregates.push(...mapSessionAggregates(itemJson(item)));
      return;
    case 'attachment':
      result.attachments.push(mapAttachment(item, ctx.envelopeEventId));
      return;
    case 'replay_event':
      result.replays.push(mapReplayEvent(item, ctx.envelopeEventId));
      return;
    case 'replay_recording':
      result.replays.push(await mapReplayRecording(item, ctx.envelopeEventId, ctx.maxBytes));
      return;
    case 'client_report':
      result.clientReports.push(mapClientReport(itemJson(item), ctx.receivedAt));
      return;
    case 'user_report':
      result.feedback.push(mapUserReport(item));
      return;
    case 'feedback':
      result.feedback.push(mapFeedbackEvent(item, ctx.envelopeEventId));
      return;
    case 'span':
      if (item.header.content_type === SPAN_V2_CONTENT_TYPE) {
        result.transactions.push(...mapSpanContainer(itemJson(item), mapCtx));
        return;
      }
      break;
  }
  if (!result.ignoredItemTypes.includes(item.header.type)) result.ignoredItemTypes.push(item.header.type);
}

export async function handleEnvelope(body: Buffer, options: HandleOptions): Promise<EnvelopeResult> {
  const maxBytes = options.maxBodyBytes ?? DEFAULT_MAX_DECOMPRESSED_BYTES;
  const receivedAt = options.receivedAt ?? Date.now();
  // Header or query auth is checked before any decoding work; the envelope's DSN needs the body.
  const requestAuth = authFromRequest(options);
  const decoded = await decodeBody(body, encodingOf(options), { maxBytes });
  const envelope = parseEnvelope(decoded);
  const envelopeAuth = authFromEnvelopeDsn(envelope.header.dsn, options.projectIdFromPath);
  const auth = requestAuth ?? envelopeAuth;
  if (auth === undefined) {
    throw new SentryAuthError(
      'missing',
      'No Sentry auth: send X-Sentry-Auth, a sentry_key query parameter or a dsn in the envelope header',
    );
  }
  const envelopeEventId = normalizeEventId(envelope.header.event_id);
  const result = emptyResult(auth, envelopeEventId ?? null);
  const sdk = mapSdk(envelope.header.sdk);
  if (sdk !== undefined) result.sdk = sdk;
  const ctx = {
    envelopeEventId,
    receivedAt,
    maxBytes,
    ...(options.clientIp === undefined ? {} : { clientIp: options.clientIp }),
  };
  for (const [itemIndex, item] of envelope.items.entries()) {
    const category = dataCategoryForItem(item.header.type);
    result.categories[category] = (result.categories[category] ?? 0) + 1;
    try {
      await handleItem(result, item, ctx);
    } catch (error) {
      result.rejected.push({ itemIndex, itemType: item.header.type, error: asAppError(error) });
    }
  }
  result.eventId ??= result.events[0]?.event_id ?? result.transactions[0]?.event_id ?? null;
  return result;
}

/**
 * The legacy store endpoint takes one event as JSON. Very old clients (raven) sent it
 * base64-encoded and zlib-deflated without saying so; that is recognised too.
 */
function parseStoreBody(bytes: Buffer, maxBytes: number): unknown {
  const first = bytes.find((b) => b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09);
  if (first === 0x7b /* { */) return parseJsonAt(bytes, 0, bytes.length, 'store body');
  let inflated: Buffer;
  try {
    inflated = inflateSync(Buffer.from(bytes.toString('latin1'), 'base64'), { maxOutputLength: maxBytes });
  } catch {
    throw new Invalid('store body is neither JSON nor base64-encoded deflated JSON', { reason: 'bad_json' });
  }
  return parseJsonAt(inflated, 0, inflated.length, 'store body');
}

export async function handleStore(body: Buffer, options: HandleOptions): Promise<EnvelopeResult> {
  const maxBytes = options.maxBodyBytes ?? DEFAULT_MAX_DECOMPRESSED_BYTES;
  const auth = authFromRequest(options);
  if (auth === undefined) {
    throw new SentryAuthError(
      'missing',
      'No Sentry auth: send X-Sentry-Auth or a sentry_key query parameter',
    );
  }
  const decoded = await decodeBody(body, encodingOf(options), { maxBytes });
  const payload = parseStoreBody(decoded, maxBytes);
  const isTransaction =
    typeof payload === 'object' && payload !== null && 'type' in payload && payload.type === 'transaction';
  const event = mapSentryEvent(payload, {
    kind: isTransaction ? 'transaction' : 'event',
    receivedAt: options.receivedAt ?? Date.now(),
    ...(options.clientIp === undefined ? {} : { clientIp: options.clientIp }),
  });
  const result = emptyResult(auth, event.event_id);
  (isTransaction ? result.transactions : result.events).push(event);
  result.categories[isTransaction ? 'transaction' : 'error'] = 1;
  if (event.sdk !== undefined) result.sdk = event.sdk;
  return result;
}
