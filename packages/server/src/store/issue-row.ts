import { formatIssueKey } from '@closeloop/core/issues/issue-key';
import type { Issue } from '@closeloop/shared/api/issues';
import { type IssueKind, priorityFromRank, type StatusCategory } from '@closeloop/shared/issue-fields';
import type { IssueTable } from './tables.ts';

type Selectable<T> = { [K in keyof T]: T[K] extends import('kysely').Generated<infer U> ? U : T[K] };

/** An issue row as the issue queries select it: the row plus its project key and its parent's key parts. */
export type IssueRow = Selectable<IssueTable> & {
  project_key: string;
  parent_number: number | null;
  parent_project_key: string | null;
  milestone_name: string | null;
};

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The one converter from storage row to domain issue. */
export function toIssue(
  row: IssueRow,
  labels: readonly string[],
  customFields: Issue['customFields'] = {},
): Issue {
  return {
    id: row.id,
    key: formatIssueKey(row.project_key, row.number),
    number: row.number,
    projectId: row.project_id,
    projectKey: row.project_key,
    kind: row.kind as IssueKind,
    type: row.type,
    title: row.title,
    description: row.description,
    status: row.status,
    statusCategory: row.status_category as StatusCategory,
    priority: priorityFromRank(row.priority),
    assigneeUserId: row.assignee_user_id,
    assigneeTeamId: row.assignee_team_id,
    reporterId: row.reporter_id,
    labels: [...labels],
    customFields: { ...customFields },
    startDate: row.start_date,
    dueDate: row.due_date,
    estimateMinutes: row.estimate_minutes,
    parentId: row.parent_id,
    parentKey:
      row.parent_number !== null && row.parent_project_key !== null
        ? formatIssueKey(row.parent_project_key, row.parent_number)
        : null,
    milestone:
      row.milestone_id !== null && row.milestone_name !== null
        ? { id: row.milestone_id, name: row.milestone_name }
        : null,
    loggedMinutes: row.logged_minutes,
    createdAt: iso(row.created_at)!,
    updatedAt: iso(row.updated_at)!,
    closedAt: iso(row.closed_at),
    resolution: row.resolution,
    resolutionNote: row.resolution_note,
    version: row.version,
  };
}
