import type { StatusCategory } from '@closeloop/shared/issue-fields';

export interface StatusDef {
  key: string;
  name: string;
  category: StatusCategory;
}

/** What a new project starts with; the workflow editor (issue 3) changes it per project and type. */
export const DEFAULT_STATUSES: readonly StatusDef[] = [
  { key: 'backlog', name: 'Backlog', category: 'backlog' },
  { key: 'todo', name: 'Todo', category: 'todo' },
  { key: 'in_progress', name: 'In Progress', category: 'in_progress' },
  { key: 'in_review', name: 'In Review', category: 'in_progress' },
  { key: 'done', name: 'Done', category: 'done' },
  { key: 'cancelled', name: 'Cancelled', category: 'cancelled' },
];

export const INITIAL_STATUS_KEY = 'todo';
