/** Routing and assignment (migration 0041). JSON columns are text the store parses. */
export interface OwnershipRulesTable {
  project_id: number;
  workspace_id: number;
  /** JSON OwnershipRule[] (core/ownership), in evaluation order. */
  rules: string;
  updated_at: number;
}

export interface TeamSettingsTable {
  team_id: number;
  /** core/assignment TeamStrategy. */
  strategy: string;
  /** Told when an issue reaches the team and nobody can take it. */
  lead_user_id: number | null;
  /** Round-robin cursor. */
  last_assigned_user_id: number | null;
}

export interface MemberProfileTable {
  workspace_id: number;
  user_id: number;
  time_zone: string;
  /** JSON ISO weekdays. */
  work_days: string;
  work_start: number;
  work_end: number;
  capacity: number;
  /** JSON topics set by hand (`label:checkout`, `route:/checkout/**`). */
  skills: string;
  /** JSON [{from, to}] epoch ms. */
  out_of_office: string;
}

export interface AssignmentLogTable {
  id: import('kysely').Generated<number>;
  workspace_id: number;
  issue_id: number;
  created_at: number;
  /** The ownership rule that routed the issue, if one did. */
  rule_name: string | null;
  /** JSON string[]: the rule's conditions that held. */
  rule_reasons: string | null;
  strategy: string | null;
  team_id: number | null;
  user_id: number | null;
  explanation: string;
}

export interface AssignmentTables {
  ownership_rules: OwnershipRulesTable;
  team_settings: TeamSettingsTable;
  member_profiles: MemberProfileTable;
  assignment_log: AssignmentLogTable;
}
