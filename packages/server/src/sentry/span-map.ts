import { createHash } from 'node:crypto';
import { Invalid } from '@closeloop/shared/errors';
import type { IngestEvent } from '@closeloop/shared/ingest/event';
import { type MapContext, mapSentryEvent } from './event-map.ts';
import { isRecord, type JsonRecord } from './trim.ts';

/**
 * Streamed spans. Since version 11 the JavaScript SDKs send traces as `span` items with content
 * type `application/vnd.sentry.items.span.v2+json` (`{version: 2, items: [span, ...]}`) instead of
 * one `transaction` item. Each segment span (`is_segment: true`, the old "transaction") becomes a
 * `transaction` event with the child spans that came in the same item; child spans whose segment
 * is not in the envelope have no event to join and are dropped.
 */

export const SPAN_V2_CONTENT_TYPE = 'application/vnd.sentry.items.span.v2+json';

/** Attribute values arrive as `{value, type}`. */
function attributes(span: JsonRecord): JsonRecord {
  const out: JsonRecord = {};
  if (!isRecord(span.attributes)) return out;
  for (const [key, attr] of Object.entries(span.attributes)) {
    out[key] = isRecord(attr) && 'value' in attr ? attr.value : attr;
  }
  return out;
}

function legacySpan(span: JsonRecord, attrs: JsonRecord): JsonRecord {
  return {
    span_id: span.span_id,
    parent_span_id: span.parent_span_id,
    op: attrs['sentry.op'],
    description: span.name,
    status: span.status,
    start_timestamp: span.start_timestamp,
    timestamp: span.end_timestamp,
  };
}

/** A retried envelope must give the same event id, so the id is derived from trace and span ids. */
function eventIdFor(span: JsonRecord): string | undefined {
  if (typeof span.trace_id !== 'string' || typeof span.span_id !== 'string') return undefined;
  return createHash('sha256').update(`${span.trace_id}:${span.span_id}`).digest('hex').slice(0, 32);
}

/** The segment as the classic transaction payload, so one mapper serves both shapes. */
function asTransactionPayload(segment: JsonRecord, attrs: JsonRecord, children: JsonRecord[]): JsonRecord {
  const sdkName = attrs['sentry.sdk.name'];
  const data = Object.fromEntries(Object.entries(attrs).filter(([k]) => !k.startsWith('sentry.')));
  const user: JsonRecord = {};
  for (const field of ['id', 'email', 'username', 'ip_address']) {
    if (attrs[`user.${field}`] !== undefined) user[field] = attrs[`user.${field}`];
  }
  return {
    event_id: eventIdFor(segment),
    type: 'transaction',
    transaction: segment.name,
    start_timestamp: segment.start_timestamp,
    timestamp: segment.end_timestamp,
    release: attrs['sentry.release'],
    environment: attrs['sentry.environment'],
    platform: typeof sdkName === 'string' && sdkName.includes('node') ? 'node' : 'javascript',
    sdk: { name: sdkName, version: attrs['sentry.sdk.version'] },
    user,
    contexts: {
      trace: {
        trace_id: segment.trace_id,
        span_id: segment.span_id,
        parent_span_id: segment.parent_span_id,
        op: attrs['sentry.op'],
        status: segment.status,
        data,
      },
    },
    transaction_info: { source: attrs['sentry.segment.name.source'] },
    spans: children,
  };
}

export function mapSpanContainer(payload: unknown, context: Omit<MapContext, 'kind'>): IngestEvent[] {
  if (!isRecord(payload) || !Array.isArray(payload.items)) {
    throw new Invalid('span container needs an items list', { reason: 'invalid_span' });
  }
  const spans = payload.items.filter(isRecord);
  const children = new Map<unknown, JsonRecord[]>();
  for (const span of spans) {
    if (span.is_segment === true) continue;
    const attrs = attributes(span);
    const segmentId = attrs['sentry.segment.id'];
    const list = children.get(segmentId) ?? [];
    list.push(legacySpan(span, attrs));
    children.set(segmentId, list);
  }
  const events: IngestEvent[] = [];
  for (const segment of spans) {
    if (segment.is_segment !== true) continue;
    const attrs = attributes(segment);
    const payloadForMap = asTransactionPayload(segment, attrs, children.get(segment.span_id) ?? []);
    const { envelopeEventId: _ignored, ...rest } = context;
    events.push(mapSentryEvent(payloadForMap, { ...rest, kind: 'transaction' }));
  }
  return events;
}
