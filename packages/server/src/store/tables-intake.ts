import type { Generated } from 'kysely';

/** Tables of migrations 0095-user-reports, 0096-public-report-form, 0120-mail-intake and 0141-report-tracking-links. */

export interface UserReportTable {
  id: Generated<number>;
  workspace_id: number;
  project_id: number;
  /** null until the job `report.file` filed it. */
  issue_id: number | null;
  /** Chosen by the SDK; (project_id, event_id) is unique, so retries store one report. */
  event_id: string;
  /** widget | form | email | sentry */
  source: string;
  /** new (filed the issue) | plus_one (added to a matching open issue) | null until filed */
  outcome: string | null;
  reporter_name: string | null;
  reporter_email: string | null;
  user_key: string | null;
  description: string;
  expected: string | null;
  actual: string | null;
  steps: string | null;
  /** JSON array of ReportGap: what this report lacks (core/intake/report-quality.ts). */
  gaps: string;
  session_id: string | null;
  url: string | null;
  release: string | null;
  environment: string | null;
  /** JSON: { contexts, viewport, breadcrumbs, tags, hasReplay } as the SDK sent them. */
  evidence: string;
  created_at: number;
  filed_at: number | null;
  /** SHA-256 (hex) of the tracking token of a report sent through the public form; null otherwise. */
  tracking_hash: string | null;
  /** The workspace member who reported it (a mail from a member's address); null for outsiders. 0120. */
  reporter_user_id: number | null;
  /** Message-ID of the mail that brought it (email intake); null for other sources. 0120. */
  message_id: string | null;
}

export interface ProjectReportFormTable {
  project_id: number;
  workspace_id: number;
  /** Random, in the form's public URL /report/<public_id>. */
  public_id: string;
  enabled: number;
  updated_at: number;
}

/** A file that came with a report (a mail's attachment), migration 0120. */
export interface ReportAttachmentTable {
  id: Generated<number>;
  workspace_id: number;
  report_id: number;
  filename: string;
  content_type: string;
  size: number;
  data: Buffer;
  created_at: number;
}

/** The reply token of one notification mail (0120): who it was sent to, about which issue. */
export interface MailReplyTokenTable {
  /** SHA-256 (hex) of the token in `reply+<token>@<domain>` and the mail's Message-ID. */
  token_hash: string;
  workspace_id: number;
  issue_id: number;
  user_id: number;
  created_at: number;
}

/** A file of a mailed reply, kept with the comment the reply became (0144). */
export interface CommentAttachmentTable {
  id: Generated<number>;
  workspace_id: number;
  comment_id: number;
  filename: string;
  content_type: string;
  size: number;
  data: Buffer;
  created_at: number;
}

/** A tracking link sent with a question to a reporter (0141): only the token's SHA-256. */
export interface ReportTrackingLinkTable {
  id: Generated<number>;
  workspace_id: number;
  report_id: number;
  token_hash: string;
  created_at: number;
}

export interface IntakeTables {
  user_reports: UserReportTable;
  project_report_forms: ProjectReportFormTable;
  report_attachments: ReportAttachmentTable;
  mail_reply_tokens: MailReplyTokenTable;
  report_tracking_links: ReportTrackingLinkTable;
  comment_attachments: CommentAttachmentTable;
}
