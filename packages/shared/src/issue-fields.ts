/** Vocabulary of an issue that the server, the web app and the CLI all share. */

export const PRIORITIES = ['none', 'low', 'medium', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** Stored as a rank so that "sort by priority desc" and "priority:>=high" are plain integer comparisons. */
export const PRIORITY_RANK: Record<Priority, number> = { none: 0, low: 1, medium: 2, high: 3, urgent: 4 };
export function priorityFromRank(rank: number): Priority {
  return PRIORITIES[rank] ?? 'none';
}

export const DEFAULT_ISSUE_TYPES = ['bug', 'task', 'incident', 'risk', 'blocker', 'feature'] as const;

export const STATUS_CATEGORIES = ['backlog', 'todo', 'in_progress', 'done', 'cancelled'] as const;
export type StatusCategory = (typeof STATUS_CATEGORIES)[number];
export const CLOSED_CATEGORIES: readonly StatusCategory[] = ['done', 'cancelled'];

/**
 * The built-in resolutions every project has. Projects add their own and may rename or retire
 * these (packages/core/src/closure/resolutions.ts holds the rules); `fixed` and `duplicate` drive
 * behaviour (fix verification, the duplicate's original), so they are never retired.
 */
export const RESOLUTIONS = [
  'fixed',
  'wont_fix',
  'duplicate',
  'cannot_reproduce',
  'done',
  'declined',
] as const;
export type Resolution = (typeof RESOLUTIONS)[number];
export const PINNED_RESOLUTIONS: readonly Resolution[] = ['fixed', 'duplicate'];
/** A resolution's key, built-in or a project's own: what issues store. */
export const RESOLUTION_KEY = /^[a-z][a-z0-9_]{0,39}$/;

/** Where an issue came from: people, or one of the machine detectors. */
export const ISSUE_KINDS = ['manual', 'error', 'network', 'frustration', 'performance'] as const;
export type IssueKind = (typeof ISSUE_KINDS)[number];

export const ROLES = ['viewer', 'member', 'admin', 'owner'] as const;
export type Role = (typeof ROLES)[number];

/** Orders of the issue list's `sort` parameter (the query language's `sort:` knows these too). */
export const ISSUE_SORTS = [
  'created',
  'updated',
  'priority',
  'due',
  'events',
  'users',
  'sessions',
  'firstseen',
  'lastseen',
] as const;
/** Sorts on what an issue's events add up to: these lists run through the query compiler. */
export const IMPACT_SORTS = ['events', 'users', 'sessions', 'firstseen', 'lastseen'] as const;
