/** Triage state, severity scores and the scoring's learning (migration 0030). */

export interface IssueTriageTable {
  issue_id: number;
  workspace_id: number;
  /** untriaged | accepted | snoozed; an issue without a row is untriaged. */
  state: string;
  snoozed_until: number | null;
  wake_users: number | null;
  wake_events: number | null;
  decided_by: number | null;
  decided_at: number;
}

export interface IssueSeverityTable {
  issue_id: number;
  project_id: number;
  score: number;
  proposed_priority: number;
  /** JSON array of SignalContribution (core/scoring/severity.ts). */
  signals: string;
  reasons: string;
  model: string;
  computed_at: number;
  stale: number;
}

export interface IssueAssessmentTable {
  issue_id: number;
  impact: number | null;
  likelihood: number | null;
  updated_by: number | null;
  updated_at: number;
}

export interface PriorityExampleTable {
  issue_id: number;
  project_id: number;
  /** JSON array of signal strengths in SIGNAL_KEYS order. */
  features: string;
  label: number;
  proposed: number;
  actor_id: number | null;
  created_at: number;
}

export interface ProjectScoringTable {
  project_id: number;
  critical: string;
  weights: string | null;
  examples: number;
  default_accuracy: number | null;
  learned_accuracy: number | null;
  trained_at: number | null;
}

export interface ProjectActiveUserTable {
  project_id: number;
  user_key: string;
  last_seen: number;
}

export interface ProjectActiveSessionTable {
  project_id: number;
  session_id: string;
  last_seen: number;
}

export interface TriageTables {
  issue_triage: IssueTriageTable;
  issue_severity: IssueSeverityTable;
  issue_assessments: IssueAssessmentTable;
  priority_examples: PriorityExampleTable;
  project_scoring: ProjectScoringTable;
  project_active_users: ProjectActiveUserTable;
  project_active_sessions: ProjectActiveSessionTable;
}
