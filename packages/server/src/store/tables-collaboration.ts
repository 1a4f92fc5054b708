import type { Generated } from 'kysely';

/**
 * Collaboration (issue 3, items 6–7): watchers, mentions, reactions, comment revisions,
 * notifications with their email outbox, and the change log that live updates replay from.
 */

export interface IssueWatcherTable {
  workspace_id: number;
  issue_id: number;
  user_id: number;
  /** Why the person first started watching: reporter | assignee | mentioned | commented | subscribed. */
  reason: string;
  created_at: number;
}

/** Who a text has mentioned already, so an edit notifies only people it newly mentions. */
export interface IssueMentionTable {
  workspace_id: number;
  issue_id: number;
  /** `description`, or `comment:<id>`. */
  source: string;
  user_id: number;
  created_at: number;
}

export interface CommentReactionTable {
  workspace_id: number;
  comment_id: number;
  user_id: number;
  emoji: string;
  created_at: number;
}

/** A body a comment had before an edit replaced it. */
export interface CommentRevisionTable {
  id: Generated<number>;
  workspace_id: number;
  comment_id: number;
  body: string;
  /** When this body was written (the comment's created_at or previous edit time). */
  written_at: number;
  /** Who replaced it, and when. */
  replaced_by: number | null;
  replaced_at: number;
}

export interface NotificationTable {
  id: Generated<number>;
  workspace_id: number;
  user_id: number;
  issue_id: number;
  comment_id: number | null;
  actor_id: number | null;
  /** mentioned | assigned | commented | updated */
  kind: string;
  /** JSON array of changed field names, for `updated`. */
  fields: string | null;
  created_at: number;
  read_at: number | null;
  /** none | digest (waiting for the next digest) | queued (in mail_outbox) */
  email_state: string;
}

export interface NotificationSettingsTable {
  workspace_id: number;
  user_id: number;
  /** immediate | hourly | daily | off */
  email_mode: string;
  /** When the next digest is due; null when none is pending. */
  next_digest_at: number | null;
  updated_at: number;
}

/** Mails waiting to be sent: written in the same transaction as what caused them, sent by a worker. */
export interface MailOutboxTable {
  id: Generated<number>;
  workspace_id: number;
  user_id: number | null;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string;
  created_at: number;
  attempts: number;
  next_attempt_at: number;
  /** A worker that claimed the mail holds it until then. */
  locked_until: number | null;
  sent_at: number | null;
  /** Given up after MAX_MAIL_ATTEMPTS. */
  failed_at: number | null;
  last_error: string | null;
  /** The issue a notification mail is about (its reply token is minted when sent); null for digests. 0120. */
  issue_id: number | null;
  /** A mail to a reporter: the worker puts a fresh tracking link of this report in it when sent. 0141. */
  report_id: number | null;
}

/**
 * Every change clients may see, with a monotonic id that SSE uses as the event id. Rows with a
 * user_id are private to that user (their notifications).
 */
export interface ChangeLogTable {
  id: Generated<number>;
  workspace_id: number;
  user_id: number | null;
  type: string;
  /** JSON of the event data. */
  payload: string;
  created_at: number;
}

export interface CollaborationTables {
  issue_watchers: IssueWatcherTable;
  issue_mentions: IssueMentionTable;
  comment_reactions: CommentReactionTable;
  comment_revisions: CommentRevisionTable;
  notifications: NotificationTable;
  notification_settings: NotificationSettingsTable;
  mail_outbox: MailOutboxTable;
  change_log: ChangeLogTable;
}
