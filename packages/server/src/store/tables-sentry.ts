import type { Generated } from 'kysely';

/** Tables of migration 0007-sentry. Environment is '' when the SDK sent none. */

export interface ReleaseSessionTable {
  project_id: number;
  sid: string;
  release: string;
  environment: string;
  distinct_id: string | null;
  started: number;
  updated_at: number;
  /** ok | exited | crashed | abnormal | unhandled | errored */
  status: string;
  errors: number;
  /** healthy | errored | unhandled | abnormal | crashed, from core/release-health sessionHealth */
  health: string;
}

export interface ReleaseSessionBucketTable {
  project_id: number;
  release: string;
  environment: string;
  /** Start of the minute the sessions started in (ms). */
  started: number;
  exited: number;
  errored: number;
  unhandled: number;
  abnormal: number;
  crashed: number;
}

export interface ReleaseUserTable {
  project_id: number;
  release: string;
  environment: string;
  user_key: string;
  /** 1 once any session of this user in this release crashed. */
  crashed: number;
  first_seen: number;
}

export interface EventAttachmentTable {
  id: Generated<number>;
  project_id: number;
  event_id: string;
  filename: string;
  content_type: string;
  attachment_type: string;
  size: number;
  data: Buffer;
  created_at: number;
}

export interface ReplaySegmentTable {
  id: Generated<number>;
  project_id: number;
  replay_id: string;
  /** event | recording */
  kind: string;
  segment_id: number;
  size: number;
  payload: Buffer;
  received_at: number;
}

export interface UserFeedbackTable {
  id: Generated<number>;
  project_id: number;
  event_id: string;
  associated_event_id: string | null;
  replay_id: string | null;
  name: string | null;
  email: string | null;
  url: string | null;
  message: string;
  created_at: number;
}

export interface DiscardedOutcomeTable {
  project_id: number;
  /** Start of the UTC day (ms). */
  day: number;
  /** client (the SDK's client_report) | server (dropped here) */
  source: string;
  category: string;
  reason: string;
  quantity: number;
}

export interface SentryTables {
  release_sessions: ReleaseSessionTable;
  release_session_buckets: ReleaseSessionBucketTable;
  release_users: ReleaseUserTable;
  event_attachments: EventAttachmentTable;
  replay_segments: ReplaySegmentTable;
  user_feedback: UserFeedbackTable;
  discarded_outcomes: DiscardedOutcomeTable;
}
