import { scrubEvent } from '@closeloop/core/ingest/scrub-pii';
import { reportGaps } from '@closeloop/core/intake/report-quality';
import type { IngestEvent } from '@closeloop/shared/ingest/event';
import type { IngestKeyInfo } from '../ingest/ingest-gate.ts';
import { reportRulesOfProject } from '../store/issue-types-store.ts';
import type { NewFeedback } from '../store/sentry-items-store.ts';
import type { Tx } from '../store/transaction.ts';
import { storeReportIn } from './intake.ts';
import { MACHINE_ISSUE_TYPE } from './machine-issues.ts';

/**
 * User feedback sent by Sentry SDKs (their feedback widget, captureFeedback, the legacy
 * user_report item) becomes a report like the widget's, form's and mail's (issue 17): stored in the
 * envelope's transaction and filed by the same `report.file` job: a +1 on the issue of the event it
 * names (`associated_event_id`), else on the open issue the similarity engine matches, else a new
 * untriaged issue. The feedback's own row stays for the Sentry
 * API (`/projects/:key/feedback`); its event id makes an SDK retry one report.
 */
export async function reportSentryFeedback(
  tx: Tx,
  key: IngestKeyInfo,
  items: readonly NewFeedback[],
  now: number,
): Promise<void> {
  if (items.length === 0) return;
  const rules = await reportRulesOfProject(tx, key.projectId, MACHINE_ISSUE_TYPE);
  for (const f of items) {
    // The same PII scrubbing as events (URL query secrets, configured fields).
    const url = f.url
      ? (scrubEvent(
          { event_id: f.eventId, type: 'message', timestamp: now, url: f.url } as IngestEvent,
          key.scrubFields,
        ).url ?? null)
      : null;
    await storeReportIn(
      tx,
      {
        workspace_id: key.workspaceId,
        project_id: key.projectId,
        issue_id: null,
        event_id: f.eventId,
        source: 'sentry',
        outcome: null,
        reporter_name: f.name ?? null,
        reporter_email: f.email ?? null,
        user_key: null,
        description: f.message,
        expected: null,
        actual: null,
        steps: null,
        gaps: JSON.stringify(reportGaps({ description: f.message }, rules)),
        // A Sentry replay id is the session our replay store knows it by (ingest/sentry-replay-sessions.ts).
        session_id: f.replayId ?? null,
        url,
        release: null,
        environment: null,
        evidence: JSON.stringify({ hasReplay: f.replayId !== undefined }),
        created_at: now,
        filed_at: null,
        tracking_hash: null,
      },
      // The error it is about: the report joins that event's issue (commands/report-event-link.ts).
      { aboutEvent: f.associatedEventId },
    );
  }
}
