import type { Generated } from 'kysely';

/** Automation rules and their execution log (migration 0071). JSON columns are text. */
export interface AutomationRuleTable {
  id: Generated<number>;
  workspace_id: number;
  project_id: number;
  /** Evaluation order. */
  position: number;
  name: string;
  enabled: number;
  /** JSON AutomationTrigger (shared/api/automation). */
  trigger: string;
  /** A query in the query language; '' matches every issue. */
  condition: string;
  /** JSON AutomationAction[]. */
  actions: string;
  created_by: number | null;
  created_at: number;
  /** Schedule triggers: the slot (epoch ms) the rule last ran for (migration 0105). */
  last_fired_at: number | null;
}

export interface AutomationRunTable {
  id: Generated<number>;
  workspace_id: number;
  project_id: number;
  rule_id: number;
  rule_name: string;
  issue_id: number;
  issue_key: string;
  /** applied | skipped | failed */
  outcome: string;
  detail: string;
  created_at: number;
}

export interface AutomationTables {
  automation_rules: AutomationRuleTable;
  automation_runs: AutomationRunTable;
}
