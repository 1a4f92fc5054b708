import { parseTimestamp } from './event-parts.ts';
import {
  asNonEmptyString,
  isRecord,
  type JsonRecord,
  type TrimLimits,
  trimRecord,
  truncate,
} from './trim.ts';

/**
 * The part of a Sentry transaction worth keeping for performance issues: name, op, status, trace
 * ids, duration, web-vital measurements and a bounded list of spans. Times are epoch milliseconds.
 */

export const MAX_SPANS = 200;

const LIMITS: TrimLimits = { depth: 3, string: 500, keys: 30, array: 20 };

export interface MappedTransaction {
  transaction: JsonRecord;
  /** Numeric measurements (web vitals: fcp, lcp, ttfb, cls, …) plus `duration`, for `timing`. */
  timing?: Record<string, number>;
}

function durationMs(start: number | undefined, end: number | undefined): number | undefined {
  return start !== undefined && end !== undefined && end >= start
    ? Math.round((end - start) * 1000) / 1000
    : undefined;
}

function mapSpan(value: unknown): JsonRecord | undefined {
  if (!isRecord(value)) return undefined;
  const start = parseTimestamp(value.start_timestamp);
  const end = parseTimestamp(value.timestamp);
  const span: JsonRecord = {
    span_id: asNonEmptyString(value.span_id, 64),
    parent_span_id: asNonEmptyString(value.parent_span_id, 64),
    op: asNonEmptyString(value.op, 200),
    description: asNonEmptyString(value.description, 500),
    status: asNonEmptyString(value.status, 100),
    start_ms: start,
    end_ms: end,
    duration_ms: durationMs(start, end),
  };
  return Object.fromEntries(Object.entries(span).filter(([, v]) => v !== undefined));
}

export function mapTransaction(payload: JsonRecord, endMs: number): MappedTransaction {
  const trace = isRecord(payload.contexts) && isRecord(payload.contexts.trace) ? payload.contexts.trace : {};
  const start = parseTimestamp(payload.start_timestamp);
  const spans = Array.isArray(payload.spans) ? payload.spans : [];
  const info = isRecord(payload.transaction_info) ? payload.transaction_info : {};
  const measurements: Record<string, { value: number; unit?: string }> = {};
  const timing: Record<string, number> = {};
  if (isRecord(payload.measurements)) {
    for (const [name, m] of Object.entries(payload.measurements).slice(0, 50)) {
      if (!isRecord(m) || typeof m.value !== 'number' || !Number.isFinite(m.value)) continue;
      const key = truncate(name, 100);
      const unit = asNonEmptyString(m.unit, 50);
      measurements[key] = unit === undefined ? { value: m.value } : { value: m.value, unit };
      timing[key] = m.value;
    }
  }
  const duration = durationMs(start, endMs);
  if (duration !== undefined) timing.duration = duration;

  const transaction: JsonRecord = {
    name: asNonEmptyString(payload.transaction),
    op: asNonEmptyString(trace.op, 200),
    status: asNonEmptyString(trace.status, 100),
    trace_id: asNonEmptyString(trace.trace_id, 64),
    span_id: asNonEmptyString(trace.span_id, 64),
    parent_span_id: asNonEmptyString(trace.parent_span_id, 64),
    source: asNonEmptyString(info.source, 50),
    start_ms: start,
    end_ms: endMs,
    duration_ms: duration,
    measurements: Object.keys(measurements).length > 0 ? measurements : undefined,
    span_count: spans.length,
    spans: spans
      .slice(0, MAX_SPANS)
      .map(mapSpan)
      .filter((s) => s !== undefined),
    data: isRecord(trace.data) ? trimRecord(trace.data, LIMITS) : undefined,
  };
  return {
    transaction: Object.fromEntries(Object.entries(transaction).filter(([, v]) => v !== undefined)),
    ...(Object.keys(timing).length > 0 ? { timing } : {}),
  };
}
