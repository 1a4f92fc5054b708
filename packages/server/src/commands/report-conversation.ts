import type { TokenBuckets } from '@closeloop/core/ingest/token-bucket';
import { formatIssueKey } from '@closeloop/core/issues/issue-key';
import type { TrackingMessage } from '@closeloop/shared/api/public-intake';
import { Conflict } from '@closeloop/shared/errors';
import { renderMarkdown } from '../markdown/render-markdown.ts';
import type { Services } from '../services.ts';
import { reporterComments } from '../store/comments-store.ts';
import { inTransaction, type Tx } from '../store/transaction.ts';
import { publishCommentCreated, writeComment } from './comment-write.ts';
import { takeOrRefuse } from './rate-per-ip.ts';

/**
 * The conversation between the team and one reporter on the reporter's tracking page (issue 17.2,
 * 17.6). The team writes on the issue page: internal comments (the default) stay there, public
 * ones reach every reporter of the issue, and a question to one report reaches that reporter
 * alone. A reporter's reply is a public comment tied to their report (author null).
 */

/** Replies one IP may send a minute from tracking pages. */
export const REPORTER_REPLIES_PER_IP_PER_MINUTE = 10;

/** What one report's reporter may read: see reporterComments for the rule. */
export async function reporterMessages(
  tx: Tx,
  issueId: number | null,
  reportId: number,
): Promise<TrackingMessage[]> {
  if (issueId === null) return [];
  const rows = await reporterComments(tx, issueId, reportId);
  return rows.map((c) => ({
    id: c.id,
    at: new Date(Number(c.created_at)).toISOString(),
    from: c.author_id === null && c.report_id === reportId ? 'you' : 'team',
    body: c.body,
    bodyHtml: renderMarkdown(c.body),
  }));
}

export interface TrackedReport {
  id: number;
  workspace_id: number;
  issue_id: number | null;
  project_key: string;
  issue_number: number | null;
}

/** The reporter answers on their tracking page: a comment on the report's issue, seen by the team. */
export async function replyAsReporter(
  svc: Services,
  limiter: TokenBuckets,
  report: TrackedReport,
  ip: string,
  body: string,
  now = Date.now(),
): Promise<TrackingMessage> {
  takeOrRefuse(
    limiter,
    `reply:${ip}`,
    REPORTER_REPLIES_PER_IP_PER_MINUTE,
    'Too many replies from this address; try again shortly',
    now,
  );
  const issueId = report.issue_id;
  if (issueId === null || report.issue_number === null)
    throw new Conflict('Your report is still being filed; reply again in a moment');
  const row = await inTransaction(svc.store, (tx) =>
    writeComment(tx, {
      workspaceId: report.workspace_id,
      issueId,
      authorId: null,
      body,
      visibility: 'public',
      reportId: report.id,
    }),
  );
  publishCommentCreated(svc, {
    workspaceId: report.workspace_id,
    issueId,
    issueKey: formatIssueKey(report.project_key, report.issue_number),
    authorId: null,
    commentId: row.id,
  });
  return {
    id: row.id,
    at: new Date(Number(row.created_at)).toISOString(),
    from: 'you',
    body: row.body,
    bodyHtml: renderMarkdown(row.body),
  };
}
