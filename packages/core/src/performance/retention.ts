import { BASELINE_DAYS } from './slowdown-rule.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Kept by default: the baseline week several times over, so a month of trends stays on the performance page. */
export const PERFORMANCE_RETENTION_DEFAULT_DAYS = 35;

/**
 * The shortest retention allowed: the baseline's 7 previous days plus the day being judged, so
 * pruning can never remove an hour a baseline still reads (whatever the project's time zone).
 */
export const PERFORMANCE_RETENTION_MIN_DAYS = BASELINE_DAYS + 1;

/**
 * The first hour kept at `now`: rows of hours before it are deleted. Whole hours only, so an
 * hour is kept or dropped as a unit; a retention below the minimum is raised to it.
 */
export function performanceCutoff(now: number, retentionDays: number): number {
  const days = Math.max(retentionDays, PERFORMANCE_RETENTION_MIN_DAYS);
  return Math.floor(now / HOUR_MS) * HOUR_MS - days * DAY_MS;
}
