import {
  DEFAULT_FLOORS,
  DEFAULT_POOR_THRESHOLDS,
  formatMetricValue,
  fromStored,
  METRIC_LABELS,
  type Metric,
} from './metrics.ts';
import { localWindow } from './time-zone.ts';

/**
 * When a route's or endpoint's hour is slow enough to be an issue (docs/performance.md).
 *
 * For an hour bucket H of one target and metric, with p75(H) from at least `minSamples` samples:
 *
 * - **threshold**: p75(H) ≥ the metric's "poor" threshold (Google's for web vitals, 3 s for API
 *   calls; per project overridable), or
 * - **baseline**: p75(H) ≥ `factor` × baseline and ≥ the metric's floor, where
 *   baseline = min(median p75 of the same local hour on the previous 7 days,
 *                  median p75 of every hour of the previous 7 days),
 *   each over hours with at least `minSamples` samples, and at least `minBaselineHours` of them.
 *
 * The same-hour median lets a usually quiet hour be judged against itself; the all-hours median
 * keeps a slowdown that recurs every day at that hour from becoming its own baseline (after four
 * slow noons the same-hour median alone would call 4 s normal — the very pattern to be found).
 * The pattern is then described by counting, over the last `days` days including H's, the days
 * whose same local hour was slow by the same test.
 */
export interface HourStat {
  /** Epoch ms of the hour's start. */
  hour: number;
  count: number;
  /** p75 in stored units (ms; CLS ×1000). */
  p75: number;
}

export interface SlowdownSettings {
  /** Display units; null: no threshold rule for this metric. */
  threshold: number | null;
  floor: number;
  factor: number;
  minSamples: number;
  minBaselineHours: number;
  days: number;
}

export interface ProjectPerformanceSettings {
  timeZone: string;
  thresholds: Partial<Record<Metric, number>>;
  factor: number;
  minSamples: number;
}

export const DEFAULT_PERFORMANCE_SETTINGS: ProjectPerformanceSettings = {
  timeZone: 'UTC',
  thresholds: {},
  factor: 2,
  minSamples: 20,
};

/** How many previous days a baseline looks back over (docs/performance.md); retention never goes below it. */
export const BASELINE_DAYS = 7;

export function slowdownSettings(metric: Metric, project: ProjectPerformanceSettings): SlowdownSettings {
  return {
    threshold: project.thresholds[metric] ?? DEFAULT_POOR_THRESHOLDS[metric] ?? null,
    floor: DEFAULT_FLOORS[metric],
    factor: project.factor,
    minSamples: project.minSamples,
    minBaselineHours: 3,
    days: BASELINE_DAYS,
  };
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Baseline in stored units, or null when there is too little history. */
export function baselineOf(
  sameHour: readonly HourStat[],
  previousWeek: readonly HourStat[],
  s: SlowdownSettings,
): number | null {
  const ok = (h: HourStat) => h.count >= s.minSamples;
  const all = previousWeek.filter(ok).map((h) => h.p75);
  if (all.length < s.minBaselineHours) return null;
  const same = median(sameHour.filter(ok).map((h) => h.p75));
  const overall = median(all)!;
  return same === null ? overall : Math.min(same, overall);
}

export type SlowReason = 'threshold' | 'baseline';

/** Why an hour is slow, or null. `baseline` in stored units. */
export function slowReason(
  metric: Metric,
  h: HourStat,
  baseline: number | null,
  s: SlowdownSettings,
): SlowReason | null {
  if (h.count < s.minSamples) return null;
  const p75 = fromStored(metric, h.p75);
  if (s.threshold !== null && p75 >= s.threshold) return 'threshold';
  if (baseline !== null && p75 >= s.floor && h.p75 >= s.factor * baseline) return 'baseline';
  return null;
}

/** The value a single sample must reach to count its session as affected (stored units). */
export function affectedLevel(
  metric: Metric,
  reason: SlowReason,
  baseline: number | null,
  s: SlowdownSettings,
) {
  const stored = (v: number) => (metric === 'CLS' ? v * 1000 : v);
  if (reason === 'threshold' || baseline === null) return stored(s.threshold ?? s.floor);
  return Math.max(stored(s.floor), s.factor * baseline);
}

export interface Slowdown {
  metric: Metric;
  target: string;
  hour: number;
  reason: SlowReason;
  /** Display units. */
  p75: number;
  baseline: number | null;
  threshold: number | null;
  /** Days (of `days`, H's included) whose same local hour was slow. */
  slowDays: number;
  days: number;
  window: { from: string; to: string };
  timeZone: string;
  affectedLevel: number;
}

export interface SlowdownInput {
  metric: Metric;
  target: string;
  current: HourStat;
  /** Same local hour on each previous day, newest first (up to `days` - 1 are counted). */
  sameHour: readonly HourStat[];
  /** Every hour bucket of the previous `days` days before H. */
  previousWeek: readonly HourStat[];
  settings: SlowdownSettings;
  timeZone: string;
}

export function detectSlowdown(i: SlowdownInput): Slowdown | null {
  const baseline = baselineOf(i.sameHour, i.previousWeek, i.settings);
  const reason = slowReason(i.metric, i.current, baseline, i.settings);
  if (!reason) return null;
  const earlier = i.sameHour.slice(0, i.settings.days - 1);
  const slowDays = 1 + earlier.filter((h) => slowReason(i.metric, h, baseline, i.settings) !== null).length;
  return {
    metric: i.metric,
    target: i.target,
    hour: i.current.hour,
    reason,
    p75: fromStored(i.metric, i.current.p75),
    baseline: baseline === null ? null : fromStored(i.metric, baseline),
    threshold: i.settings.threshold,
    slowDays,
    days: i.settings.days,
    window: localWindow(i.current.hour, i.timeZone),
    timeZone: i.timeZone,
    affectedLevel: affectedLevel(i.metric, reason, baseline, i.settings),
  };
}

/** "p75 of POST /api/checkout is 4.1 s between 12:00 and 13:00 America/New_York on 5 of the last 7 days; baseline 0.3 s" */
export function describeSlowdown(s: Slowdown): string {
  const what = s.metric === 'api' ? s.target : `${s.metric} on ${s.target}`;
  const head = `p75 of ${what} is ${formatMetricValue(s.metric, s.p75)} between ${s.window.from} and ${s.window.to} ${s.timeZone} on ${s.slowDays} of the last ${s.days} days`;
  const tail: string[] = [];
  if (s.baseline !== null) tail.push(`baseline ${formatMetricValue(s.metric, s.baseline)}`);
  if (s.reason === 'threshold' && s.threshold !== null)
    tail.push(`"poor" above ${formatMetricValue(s.metric, s.threshold)}`);
  return tail.length ? `${head}; ${tail.join('; ')}` : head;
}

export function slowdownTitle(s: Slowdown): string {
  const what = s.metric === 'api' ? s.target : `${METRIC_LABELS[s.metric]} on ${s.target}`;
  return `Slow ${what} between ${s.window.from} and ${s.window.to} ${s.timeZone}`;
}
