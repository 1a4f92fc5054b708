import type { Generated } from 'kysely';
import type { AssignmentTables } from './tables-assignment.ts';
import type { AutomationTables } from './tables-automation.ts';
import type { ClosureTables } from './tables-closure.ts';
import type { CollaborationTables } from './tables-collaboration.ts';
import type { DeadEventTables } from './tables-dead-events.ts';
import type { FrustrationTables } from './tables-frustration.ts';
import type { IngestTables } from './tables-ingest.ts';
import type { IntakeTables } from './tables-intake.ts';
import type { JobTables } from './tables-jobs.ts';
import type { PerformanceTables } from './tables-performance.ts';
import type { RateLimitTables } from './tables-rate-limits.ts';
import type { RelationsTables } from './tables-relations.ts';
import type { ReplayTables } from './tables-replay.ts';
import type { SecurityTables } from './tables-security.ts';
import type { SentryTables } from './tables-sentry.ts';
import type { SimilarityTables } from './tables-similarity.ts';
import type { SlaTables } from './tables-sla.ts';
import type { TriageTables } from './tables-triage.ts';
import type { ViewsTables } from './tables-views.ts';
import type { WebhookTables } from './tables-webhooks.ts';
import type { WorkflowTables } from './tables-workflows.ts';

/**
 * Row types: exactly what the database holds. Domain types live in @closeloop/shared and are
 * produced from rows by the converters next to each store module (e.g. issue-row.ts).
 * Times are epoch milliseconds (INTEGER in SQLite, BIGINT in PostgreSQL); calendar dates are
 * 'YYYY-MM-DD' text; JSON is text that the store parses.
 */

export interface WorkspaceTable {
  id: Generated<number>;
  name: string;
  slug: string;
  created_at: number;
  /** Migration 0172: 1 = every member signs in with a second factor. */
  require_two_factor: Generated<number>;
}

export interface UserTable {
  id: Generated<number>;
  email: string;
  name: string;
  password_hash: string;
  created_at: number;
  /** Migration 0172: the confirmed TOTP secret (base32); null = no two-factor sign-in. */
  totp_secret: string | null;
  /** Migration 0172: a secret shown for enrolment, until a code confirms it. */
  totp_pending_secret: string | null;
  /** Migration 0172: the TOTP step of the last accepted code (a code works once). */
  totp_last_step: number | null;
}

export interface RecoveryCodeTable {
  id: Generated<number>;
  user_id: number;
  code_hash: string;
  used_at: number | null;
}

export interface SignInChallengeTable {
  id: Generated<number>;
  token_hash: string;
  user_id: number;
  expires_at: number;
  attempts: Generated<number>;
}

export interface MembershipTable {
  workspace_id: number;
  user_id: number;
  role: string;
  created_at: number;
}

export interface InvitationTable {
  id: Generated<number>;
  workspace_id: number;
  email: string;
  role: string;
  token_hash: string;
  invited_by: number;
  created_at: number;
  expires_at: number;
  accepted_at: number | null;
}

export interface SessionTable {
  id: Generated<number>;
  token_hash: string;
  user_id: number;
  workspace_id: number;
  created_at: number;
  /** The absolute end, fixed at sign-in. */
  expires_at: number;
  /** Migration 0170: the last request, moved at most once a minute (idle expiry). */
  last_seen_at: number;
  /** Migration 0191: `password` or `sso` (a workspace's two-factor rule asks nothing more of `sso`). */
  signed_in_with: Generated<string>;
}

export interface ApiTokenTable {
  id: Generated<number>;
  workspace_id: number;
  user_id: number;
  name: string;
  token_hash: string;
  token_prefix: string;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
  /** Migration 0087: null never expires. */
  expires_at: number | null;
  /** Migration 0171: 1 = GET only. */
  read_only: number;
  /** Migration 0171: the one project the token reaches; null = every project. */
  project_id: number | null;
}

export interface TeamTable {
  id: Generated<number>;
  workspace_id: number;
  key: string;
  name: string;
  description: string;
  created_at: number;
}

export interface TeamMemberTable {
  team_id: number;
  user_id: number;
}

export interface ProjectTable {
  id: Generated<number>;
  workspace_id: number;
  key: string;
  name: string;
  description: string;
  /** Next per-project issue number; bumped inside the create transaction. */
  next_number: number;
  created_at: number;
  archived_at: number | null;
  /** 1: `<key>@<domain>` takes reports by mail (the default); 0: turned off by its admins. 0143. */
  mail_intake: Generated<number>;
}

export interface StatusTable {
  id: Generated<number>;
  project_id: number;
  key: string;
  name: string;
  category: string;
  position: number;
}

export interface LabelTable {
  id: Generated<number>;
  workspace_id: number;
  name: string;
  color: string;
}

export interface IssueTable {
  id: Generated<number>;
  workspace_id: number;
  project_id: number;
  number: number;
  kind: string;
  type: string;
  title: string;
  description: string;
  status: string;
  /** Copied from the status so "open"/"closed" filters need no join. */
  status_category: string;
  priority: number;
  assignee_user_id: number | null;
  assignee_team_id: number | null;
  reporter_id: number | null;
  start_date: string | null;
  due_date: string | null;
  estimate_minutes: number | null;
  parent_id: number | null;
  created_at: number;
  updated_at: number;
  closed_at: number | null;
  resolution: string | null;
  resolution_note: string | null;
  version: number;
  /** Added by 0004-relations-time: the one milestone the issue belongs to. */
  milestone_id: number | null;
  /** Added by 0004-relations-time: sum of the issue's work logs, kept in the worklog transaction. */
  logged_minutes: Generated<number>;
}

export interface IssueLabelTable {
  issue_id: number;
  label_id: number;
}

export interface CommentTable {
  id: Generated<number>;
  workspace_id: number;
  issue_id: number;
  author_id: number | null;
  body: string;
  created_at: number;
  updated_at: number;
  deleted_at: number | null;
  /** internal (the team only) | public (reporters of the issue see it on their tracking page). Migration 0115. */
  visibility: Generated<string>;
  /** The report whose reporter wrote it (author_id null) or to whom alone it is addressed. */
  report_id: number | null;
}

export interface ActivityTable {
  id: Generated<number>;
  workspace_id: number;
  issue_id: number;
  actor_id: number | null;
  /** created | changed | commented | comment_edited | comment_deleted | deleted */
  action: string;
  field: string | null;
  /** JSON text of the old and new values, null when there was none. */
  old_value: string | null;
  new_value: string | null;
  created_at: number;
}

/**
 * All tables. Each later area declares its tables in its own `tables-<area>.ts` and is added to
 * the `extends` list here, so areas never edit each other's declarations.
 */
export interface Database
  extends FoundationTables,
    IngestTables,
    WorkflowTables,
    RelationsTables,
    CollaborationTables,
    ViewsTables,
    SentryTables,
    JobTables,
    AssignmentTables,
    ClosureTables,
    TriageTables,
    PerformanceTables,
    SimilarityTables,
    ReplayTables,
    DeadEventTables,
    IntakeTables,
    WebhookTables,
    SlaTables,
    RateLimitTables,
    SecurityTables,
    AutomationTables,
    FrustrationTables {}

export interface FoundationTables {
  workspaces: WorkspaceTable;
  users: UserTable;
  memberships: MembershipTable;
  invitations: InvitationTable;
  sessions: SessionTable;
  recovery_codes: RecoveryCodeTable;
  sign_in_challenges: SignInChallengeTable;
  api_tokens: ApiTokenTable;
  teams: TeamTable;
  team_members: TeamMemberTable;
  projects: ProjectTable;
  statuses: StatusTable;
  labels: LabelTable;
  issues: IssueTable;
  issue_labels: IssueLabelTable;
  comments: CommentTable;
  activity: ActivityTable;
}
