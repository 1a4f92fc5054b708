import type { Generated } from 'kysely';

/**
 * Workflows, issue types and custom fields (migration 0002).
 * `statuses` (0001) stays the project's default-workflow status list, kept in step with the
 * default workflow so `project.statuses` keeps meaning "the statuses of this project's board".
 */

export interface WorkflowTable {
  id: Generated<number>;
  project_id: number;
  /** The issue type this workflow is for; '' for the project's default workflow. */
  issue_type: string;
  /** JSON of a WorkflowDef (initial, statuses, transitions); small and always read whole. */
  definition: string;
  updated_at: number;
}

export interface IssueTypeTable {
  id: Generated<number>;
  project_id: number;
  key: string;
  name: string;
  icon: string;
  color: string;
  position: number;
  created_at: number;
  /** Markdown a report's description starts from (0142). */
  report_template: Generated<string>;
  /** JSON array of the prompts a report must answer: steps, expected, actual (0142). */
  report_required: Generated<string>;
}

export interface CustomFieldTable {
  id: Generated<number>;
  workspace_id: number;
  project_id: number;
  key: string;
  name: string;
  description: string;
  field_type: string;
  /** JSON string[]: choices of select fields. */
  options: string;
  /** JSON string[] of issue types showing the field, or null for every type. */
  applies_to: string | null;
  /** JSON string[] of issue types requiring a value. */
  required_for: string;
  position: number;
  created_at: number;
}

/**
 * One row per value (a multi select has one row per chosen option). Exactly one value column is
 * set, by field type: text/url/single+multi select → value_text; number/user/team/checkbox →
 * value_number; date → value_date ('YYYY-MM-DD'). Indexed (field_id, value_*, issue_id) so a
 * filter or a sort on one field is an index range, never a per-row subquery.
 */
export interface IssueFieldValueTable {
  workspace_id: number;
  issue_id: number;
  field_id: number;
  value_text: string | null;
  value_number: number | null;
  value_date: string | null;
}

export interface WorkflowTables {
  workflows: WorkflowTable;
  issue_types: IssueTypeTable;
  custom_fields: CustomFieldTable;
  issue_field_values: IssueFieldValueTable;
}
