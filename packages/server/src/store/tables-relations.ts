import type { Generated } from 'kysely';

/**
 * Relations and time (migration 0004): milestones, links between issues, work logs. The issue's
 * own `milestone_id` and `logged_minutes` columns are declared on IssueTable in tables.ts.
 */

export interface MilestoneTable {
  id: Generated<number>;
  workspace_id: number;
  project_id: number;
  name: string;
  description: string;
  /** 'YYYY-MM-DD' or null. */
  target_date: string | null;
  /** open | closed */
  state: string;
  created_at: number;
  updated_at: number;
  closed_at: number | null;
}

/**
 * One row per link, in its active direction: `source` blocks / duplicates `target`. `relates`
 * is symmetric and stored with source_id < target_id, so a pair has one row whichever side asked.
 */
export interface IssueLinkTable {
  id: Generated<number>;
  workspace_id: number;
  /** blocks | duplicates | relates */
  type: string;
  source_id: number;
  target_id: number;
  created_by: number | null;
  created_at: number;
}

export interface WorklogTable {
  id: Generated<number>;
  workspace_id: number;
  issue_id: number;
  user_id: number | null;
  minutes: number;
  /** The day the work was done, 'YYYY-MM-DD'. */
  work_date: string;
  note: string;
  created_at: number;
}

export interface RelationsTables {
  milestones: MilestoneTable;
  issue_links: IssueLinkTable;
  worklogs: WorklogTable;
}
