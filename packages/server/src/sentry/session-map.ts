import { Invalid } from '@closeloop/shared/errors';
import { parseTimestamp } from './event-parts.ts';
import { asNonEmptyString, asNonNegativeInt, isRecord, type JsonRecord } from './trim.ts';

/**
 * Release health (https://develop.sentry.dev/sdk/telemetry/sessions/): `session` items are single
 * session updates, `sessions` items are pre-aggregated counts per started-minute from server SDKs
 * in request mode. `client_report` items count what the SDK dropped before sending, and why.
 */

/**
 * `unhandled` (JavaScript SDKs since 10): the session saw an unhandled error that did not crash the
 * application, what browser sessions report instead of `crashed`.
 */
export const SESSION_STATUSES = ['ok', 'exited', 'crashed', 'abnormal', 'errored', 'unhandled'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

export interface SessionUpdate {
  sid: string;
  /** The distinct user id (`did`), when the SDK knows the user. */
  distinctId?: string;
  /** True on the first update of a session; counts a new session. */
  init: boolean;
  started: Date;
  timestamp: Date;
  status: SessionStatus;
  errors: number;
  durationSeconds?: number;
  release: string;
  environment?: string;
  userAgent?: string;
  abnormalMechanism?: string;
}

export interface SessionAggregate {
  started: Date;
  distinctId?: string;
  release: string;
  environment?: string;
  exited: number;
  errored: number;
  abnormal: number;
  crashed: number;
  unhandled: number;
}

export interface DiscardedEvents {
  reason: string;
  category: string;
  quantity: number;
}

export interface ClientReport {
  timestamp: Date;
  discarded: DiscardedEvents[];
}

export class InvalidSession extends Invalid {
  constructor(message: string) {
    super(message, { reason: 'invalid_session' });
  }
}

function attrs(payload: JsonRecord): { release: string; environment?: string; userAgent?: string } {
  const a = isRecord(payload.attrs) ? payload.attrs : {};
  // Sentry drops sessions without a release: crash-free rates are per release.
  const release = asNonEmptyString(a.release, 1_000);
  if (release === undefined) throw new InvalidSession('session has no attrs.release');
  const environment = asNonEmptyString(a.environment, 1_000);
  const userAgent = asNonEmptyString(a.user_agent, 1_000);
  return {
    release,
    ...(environment === undefined ? {} : { environment }),
    ...(userAgent === undefined ? {} : { userAgent }),
  };
}

function date(value: unknown, what: string): Date {
  const ms = parseTimestamp(value);
  if (ms === undefined) throw new InvalidSession(`session ${what} is not a timestamp`);
  return new Date(ms);
}

export function mapSessionUpdate(payload: unknown, receivedAt: number): SessionUpdate {
  if (!isRecord(payload)) throw new InvalidSession('session payload must be a JSON object');
  const sid = asNonEmptyString(payload.sid, 100);
  if (sid === undefined) throw new InvalidSession('session has no sid');
  const status = payload.status ?? 'ok';
  if (typeof status !== 'string' || !(SESSION_STATUSES as readonly string[]).includes(status)) {
    throw new InvalidSession(`session status must be one of ${SESSION_STATUSES.join(', ')}`);
  }
  const update: SessionUpdate = {
    sid,
    init: payload.init === true,
    started: date(payload.started, 'started'),
    timestamp: payload.timestamp === undefined ? new Date(receivedAt) : date(payload.timestamp, 'timestamp'),
    status: status as SessionStatus,
    errors: asNonNegativeInt(payload.errors) ?? 0,
    ...attrs(payload),
  };
  const did = asNonEmptyString(payload.did, 1_000);
  if (did !== undefined) update.distinctId = did;
  if (typeof payload.duration === 'number' && Number.isFinite(payload.duration) && payload.duration >= 0) {
    update.durationSeconds = payload.duration;
  }
  const mechanism = asNonEmptyString(payload.abnormal_mechanism, 100);
  if (mechanism !== undefined) update.abnormalMechanism = mechanism;
  return update;
}

export function mapSessionAggregates(payload: unknown): SessionAggregate[] {
  if (!isRecord(payload)) throw new InvalidSession('sessions payload must be a JSON object');
  if (!Array.isArray(payload.aggregates)) throw new InvalidSession('sessions payload has no aggregates list');
  const { userAgent: _ua, ...common } = attrs(payload);
  const out: SessionAggregate[] = [];
  for (const group of payload.aggregates.slice(0, 1_000)) {
    if (!isRecord(group)) continue;
    const aggregate: SessionAggregate = {
      started: date(group.started, 'aggregate started'),
      ...common,
      exited: asNonNegativeInt(group.exited) ?? 0,
      errored: asNonNegativeInt(group.errored) ?? 0,
      abnormal: asNonNegativeInt(group.abnormal) ?? 0,
      crashed: asNonNegativeInt(group.crashed) ?? 0,
      unhandled: asNonNegativeInt(group.unhandled) ?? 0,
    };
    const did = asNonEmptyString(group.did, 1_000);
    if (did !== undefined) aggregate.distinctId = did;
    out.push(aggregate);
  }
  return out;
}

/** Older SDKs sent `{rate_limited_events, filtered_events}` besides `discarded_events`. */
const LEGACY_LISTS: [string, string][] = [
  ['rate_limited_events', 'ratelimit_backoff'],
  ['filtered_events', 'event_processor'],
  ['filtered_sampling_events', 'sample_rate'],
];

export function mapClientReport(payload: unknown, receivedAt: number): ClientReport {
  if (!isRecord(payload))
    throw new Invalid('client_report payload must be a JSON object', { reason: 'invalid_client_report' });
  const discarded: DiscardedEvents[] = [];
  const add = (list: unknown, defaultReason: string | undefined) => {
    if (!Array.isArray(list)) return;
    for (const entry of list.slice(0, 1_000)) {
      if (!isRecord(entry)) continue;
      const reason = asNonEmptyString(entry.reason, 100) ?? defaultReason;
      const category = asNonEmptyString(entry.category, 100);
      const quantity = asNonNegativeInt(entry.quantity);
      if (reason === undefined || category === undefined || quantity === undefined) continue;
      discarded.push({ reason, category, quantity });
    }
  };
  add(payload.discarded_events, undefined);
  for (const [key, reason] of LEGACY_LISTS) add(payload[key], reason);
  return { timestamp: new Date(parseTimestamp(payload.timestamp) ?? receivedAt), discarded };
}
