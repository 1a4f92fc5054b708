import { STATUS_CATEGORIES, type StatusCategory } from '@closeloop/shared/issue-fields';

/** One row of a grouped query: issues of one status category with their summed time. */
export interface CategoryGroup {
  category: string;
  count: number;
  estimateMinutes: number;
  loggedMinutes: number;
}

/**
 * Progress of a set of issues (the children of a parent, the issues of a milestone).
 * `percent` is done / (total − cancelled): cancelled work leaves the scope rather than counting as
 * finished or as missing, as Linear and Jira's "resolved" ratio do.
 */
export interface Progress {
  total: number;
  done: number;
  cancelled: number;
  open: number;
  percent: number;
  byCategory: Record<StatusCategory, number>;
  estimateMinutes: number;
  loggedMinutes: number;
  /** Estimates of the issues still open: what is left to do by the plan. */
  openEstimateMinutes: number;
}

const isCategory = (c: string): c is StatusCategory => (STATUS_CATEGORIES as readonly string[]).includes(c);

export function progressOf(groups: readonly CategoryGroup[]): Progress {
  const byCategory = Object.fromEntries(STATUS_CATEGORIES.map((c) => [c, 0])) as Record<
    StatusCategory,
    number
  >;
  let total = 0;
  let estimateMinutes = 0;
  let loggedMinutes = 0;
  let openEstimateMinutes = 0;
  for (const g of groups) {
    // A category this build does not know (a workflow added later) counts as open work.
    const category: StatusCategory = isCategory(g.category) ? g.category : 'todo';
    byCategory[category] += g.count;
    total += g.count;
    estimateMinutes += g.estimateMinutes;
    loggedMinutes += g.loggedMinutes;
    if (category !== 'done' && category !== 'cancelled') openEstimateMinutes += g.estimateMinutes;
  }
  const done = byCategory.done;
  const cancelled = byCategory.cancelled;
  const scope = total - cancelled;
  return {
    total,
    done,
    cancelled,
    open: scope - done,
    percent: scope === 0 ? 0 : Math.floor((done * 100) / scope),
    byCategory,
    estimateMinutes,
    loggedMinutes,
    openEstimateMinutes,
  };
}

/** Time on an issue and everything below it: its own figures plus the sums over its descendants. */
export function rollUpTime(
  own: { estimateMinutes: number | null; loggedMinutes: number },
  descendants: { estimateMinutes: number; loggedMinutes: number },
): { estimateMinutes: number; loggedMinutes: number } {
  return {
    estimateMinutes: (own.estimateMinutes ?? 0) + descendants.estimateMinutes,
    loggedMinutes: own.loggedMinutes + descendants.loggedMinutes,
  };
}
