import { PRIORITY_RANK, type Priority } from '@closeloop/shared/issue-fields';

/**
 * A person's live workload in points: each open issue assigned to them weighs by its priority
 * (urgent 3, high 2, medium 1.5, low/none 1) times its size (estimate in days of 8 hours, between
 * a quarter and five; one day when not estimated). Capacity is stated in the same points.
 */
const PRIORITY_WEIGHT = [1, 1, 1.5, 2, 3] as const;

export function issuePoints(i: { priority: Priority; estimateMinutes: number | null }): number {
  const size = i.estimateMinutes === null ? 1 : Math.min(5, Math.max(0.25, i.estimateMinutes / 480));
  return PRIORITY_WEIGHT[PRIORITY_RANK[i.priority]]! * size;
}

export function workloadPoints(
  open: readonly { priority: Priority; estimateMinutes: number | null }[],
): number {
  return Math.round(open.reduce((sum, i) => sum + issuePoints(i), 0) * 100) / 100;
}
