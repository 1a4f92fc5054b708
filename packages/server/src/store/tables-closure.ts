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
}
