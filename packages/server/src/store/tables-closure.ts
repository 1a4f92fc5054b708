import type { Generated } from 'kysely';

/** Closure (migration 0050): lessons-learned records and their action items. */

export interface LessonsLearnedTable {
  issue_id: number;
  workspace_id: number;
  what_happened: string;
  impact: string;
  root_cause: string;
  fix: string;
  prevention: string;
  author_id: number | null;
  created_at: number;
  updated_at: number;
}

/** An action item is an issue of its own, created from the record and linked to the closed issue. */
export interface LessonActionTable {
  issue_id: number;
  action_issue_id: number;
  created_at: number;
}

export interface ClosureTables {
  lessons_learned: LessonsLearnedTable;
  lesson_actions: LessonActionTable;
  repository_hooks: RepositoryHookTable;
  issue_commits: IssueCommitTable;
  fix_verifications: FixVerificationTable;
  release_commits: ReleaseCommitTable;
  issue_recurrences: IssueRecurrenceTable;
  issue_pull_requests: IssuePullRequestTable;
  project_resolutions: ProjectResolutionTable;
  project_lessons_rules: ProjectLessonsRuleTable;
}

/** A project's own resolution, or its override of a built-in one (migration 0162). */
export interface ProjectResolutionTable {
  project_id: number;
  key: string;
  name: string;
  /** 1: no longer offered when closing; issues closed with it keep it. */
  retired: Generated<number>;
  created_at: number;
}

/** The query whose matching issues owe a lessons-learned record when closed (migration 0162). */
export interface ProjectLessonsRuleTable {
  project_id: number;
  query: string;
  updated_by: number | null;
  updated_at: number;
}

/** A pull (GitHub) or merge (GitLab) request that names an issue (migration 0123). */
export interface IssuePullRequestTable {
  id: Generated<number>;
  workspace_id: number;
  issue_id: number;
  provider: string;
  repository: string;
  number: number;
  title: string;
  url: string | null;
  /** open | merged | closed */
  state: string;
  source_branch: string | null;
  target_branch: string | null;
  author: string | null;
  created_at: number;
  updated_at: number;
}

/** A new issue that is a closed issue's problem back (migration 0122). */
export interface IssueRecurrenceTable {
  issue_id: number;
  workspace_id: number;
  of_issue_id: number;
  score: number;
  created_at: number;
}

/** The commits a release contains, as recorded through the releases API (migration 0121). */
export interface ReleaseCommitTable {
  project_id: number;
  release: string;
  sha: string;
  created_at: number;
}

/** One inbound push hook per project (migration 0051). */
export interface RepositoryHookTable {
  id: Generated<number>;
  workspace_id: number;
  project_id: number;
  /** The hook's address is /api/hooks/v1/push/<public_id>: project keys are only unique per workspace. */
  public_id: string;
  secret: string;
  /** Fixes take effect when they reach this branch. */
  branch: string;
  /** Where "Fixes KEY" moves a people-written issue; null → the workflow's first done status. */
  done_status: string | null;
  created_by: number | null;
  created_at: number;
  updated_at: number;
}

export interface IssueCommitTable {
  id: Generated<number>;
  workspace_id: number;
  issue_id: number;
  sha: string;
  message: string;
  url: string | null;
  author_name: string | null;
  author_email: string | null;
  repository: string | null;
  branch: string | null;
  fixes: number;
  committed_at: number | null;
  created_at: number;
}

/** How a machine-found fix was resolved and the worker's latest verdict on it (migration 0076). */
export interface FixVerificationTable {
  issue_id: number;
  workspace_id: number;
  project_id: number;
  /** now | in_release | next_release */
  mode: string;
  named_release: string | null;
  resolved_at: number;
  /** Null while the fix waits for its release (next_release before the release is seen). */
  fix_release: string | null;
  /** awaiting_release | awaiting_verification | stalled | verified | not_fixed */
  state: string;
  evidence: string;
  checked_at: number | null;
  /** The `Fixes KEY` commit this fix waits to see shipped (migration 0121); null when closed by hand. */
  fix_commit: string | null;
}
