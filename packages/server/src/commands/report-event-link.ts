import { OFFSET_NAME as GROUPING } from '../ingest/group-worker.ts';
import { RetryLater } from '../jobs/job-runner.ts';
import { awaitsConsumer } from '../store/event-log-store.ts';
import { issueOfSampledEvent } from '../store/groups-store.ts';
import type { Tx } from '../store/transaction.ts';

/**
 * Sentry user feedback may name the error event it is about (`associated_event_id`, and the legacy
 * `user_report` item always does). Such a report belongs on that event's issue. Feedback often
 * arrives with the event, before the grouping worker has folded it into an issue: the filing job
 * then waits for the worker a few times, and files the report on its own if the event never shows.
 */

/** Attempts of the filing job that wait for the event to be grouped (about 8 s in all). */
export const EVENT_WAIT_ATTEMPTS = 5;
const EVENT_WAIT_MS = 2_000;

/**
 * The issue of the event a report is about; undefined when the event is unknown or no longer among
 * its group's samples (first and latest 20). Throws RetryLater while the event awaits grouping.
 */
export async function issueOfReportedEvent(
  tx: Tx,
  projectId: number,
  eventId: string,
  attempt: number,
): Promise<number | undefined> {
  const issueId = await issueOfSampledEvent(tx, projectId, eventId);
  if (issueId !== undefined) return issueId;
  if (attempt < EVENT_WAIT_ATTEMPTS && (await awaitsConsumer(tx, GROUPING, projectId, eventId)))
    throw new RetryLater(`event ${eventId} is not grouped yet`, EVENT_WAIT_MS);
  return undefined;
}
