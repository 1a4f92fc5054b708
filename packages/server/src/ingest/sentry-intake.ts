import { Forbidden, RateLimited } from '@closeloop/shared/errors';
import { reportSentryFeedback } from '../commands/sentry-feedback-intake.ts';
import type { EnvelopeResult } from '../sentry/envelope-handler.ts';
import { dataCategoryForItem, rateLimitHeaders } from '../sentry/rate-limit-headers.ts';
import type { Store } from '../store/db.ts';
import { addSessionAggregates, applySessionUpdates } from '../store/release-health-store.ts';
import {
  addOutcomes,
  type NewAttachment,
  type NewReplaySegment,
  type Outcome,
  saveAttachments,
  saveFeedback,
  saveReplaySegments,
} from '../store/sentry-items-store.ts';
import { inTransaction } from '../store/transaction.ts';
import type { IngestGate, IngestKeyInfo } from './ingest-gate.ts';
import { noteSentryReplays } from './sentry-replay-sessions.ts';

/**
 * Stores what a Sentry envelope carried, after the gate has let it in: errors, messages and
 * transactions go to the raw event log (durably, before the answer); sessions, attachments,
 * replays, feedback and client reports go to their tables in one transaction.
 */

/** One attachment or replay recording above this is dropped and counted, not stored. */
export const MAX_ITEM_BYTES = 10 * 1024 * 1024;

/** The categories a 429 tells the SDK to hold back: the ones that cost quota. */
const LIMITED_CATEGORIES = [
  'error',
  'default',
  'security',
  'transaction',
  'span',
  'attachment',
  'replay',
  'feedback',
];

const DAY = 86_400_000;

/** The key must belong to the project named in the URL path, as the DSN says. */
export function assertKeyForProject(key: IngestKeyInfo, projectIdFromPath: string): void {
  if (String(key.projectId) !== projectIdFromPath) {
    throw new Forbidden(`This key belongs to another project than ${projectIdFromPath}`, {
      reason: 'project_mismatch',
    });
  }
}

/** Items that cost quota; sessions and client reports are bookkeeping and always get through. */
export function quotaCost(result: EnvelopeResult): number {
  return (
    result.events.length +
    result.transactions.length +
    result.attachments.length +
    result.replays.length +
    result.feedback.length
  );
}

/** Takes quota for the envelope; over quota, throws RateLimited with Sentry's headers attached. */
export async function claimSentryQuota(
  gate: IngestGate,
  key: IngestKeyInfo,
  result: EnvelopeResult,
  setHeader: (name: string, value: string) => void,
): Promise<void> {
  const cost = quotaCost(result);
  if (cost === 0) return;
  try {
    await gate.claimQuota(key, cost);
  } catch (error) {
    if (error instanceof RateLimited) {
      const headers = rateLimitHeaders([
        { retryAfterSeconds: error.retryAfterSeconds, categories: LIMITED_CATEGORIES, scope: 'key' },
      ]);
      for (const [name, value] of Object.entries(headers)) setHeader(name, value);
    }
    throw error;
  }
}

export interface IntakeSummary {
  /** Events and transactions appended to the log. */
  logged: number;
  dropped: Outcome[];
}

export async function storeEnvelope(
  store: Store,
  gate: IngestGate,
  key: IngestKeyInfo,
  result: EnvelopeResult,
  now = Date.now(),
): Promise<IntakeSummary> {
  const day = Math.floor(now / DAY) * DAY;
  const dropped: Outcome[] = [];
  const drop = (category: string, reason: string, quantity = 1) =>
    dropped.push({ day, source: 'server', category, reason, quantity });
  for (const r of result.rejected) {
    const details = r.error.details as { reason?: unknown } | null;
    drop(
      dataCategoryForItem(r.itemType),
      typeof details?.reason === 'string' ? details.reason : r.error.code,
    );
  }

  // Validated again by the gate (the log only holds schema-valid events), scrubbed, appended.
  const accepted = await gate.accept(key, [...result.events, ...result.transactions]);
  for (const _ of accepted.rejected) drop('error', 'invalid');

  const attachments: NewAttachment[] = [];
  for (const a of result.attachments) {
    if (a.data.length > MAX_ITEM_BYTES) drop('attachment', 'too_large');
    else attachments.push(a);
  }
  const replays: NewReplaySegment[] = [];
  for (const r of result.replays) {
    if (r.kind === 'event') {
      const segment = r.payload.segment_id;
      replays.push({
        replayId: r.eventId,
        kind: 'event',
        segmentId: typeof segment === 'number' && Number.isSafeInteger(segment) && segment >= 0 ? segment : 0,
        payload: Buffer.from(JSON.stringify(r.payload)),
      });
    } else if (r.payload.length > MAX_ITEM_BYTES) {
      drop('replay', 'too_large');
    } else {
      replays.push({ replayId: r.eventId, kind: 'recording', segmentId: r.segmentId, payload: r.payload });
    }
  }
  const clientOutcomes: Outcome[] = result.clientReports.flatMap((report) =>
    report.discarded.map((d) => ({
      day: Math.floor(report.timestamp.getTime() / DAY) * DAY,
      source: 'client' as const,
      ...d,
    })),
  );

  const { updates, aggregates } = result.sessions;
  await inTransaction(store, async (tx) => {
    await applySessionUpdates(
      tx,
      key.projectId,
      updates.map((u) => ({ ...u, started: u.started.getTime(), timestamp: u.timestamp.getTime() })),
      now,
    );
    await addSessionAggregates(
      tx,
      key.projectId,
      aggregates.map((a) => ({ ...a, started: a.started.getTime() })),
      now,
    );
    await saveAttachments(tx, key.projectId, attachments, now);
    await saveReplaySegments(tx, key.projectId, replays, now);
    await noteSentryReplays(
      tx,
      key.projectId,
      result.replays.flatMap((r) =>
        r.kind === 'event' ? [{ replayId: r.eventId, payload: r.payload }] : [],
      ),
      now,
    );
    await saveFeedback(tx, key.projectId, result.feedback, now);
    await reportSentryFeedback(tx, key, result.feedback, now);
    await addOutcomes(tx, key.projectId, [...clientOutcomes, ...dropped]);
  });
  return { logged: accepted.accepted, dropped };
}
