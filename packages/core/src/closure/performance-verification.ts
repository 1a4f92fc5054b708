import { type Histogram, mergeInto, quantile, sampleCount } from '../performance/histogram.ts';
import { formatMetricValue, fromStored, type Metric, toStored } from '../performance/metrics.ts';
import { localTime } from '../performance/time-zone.ts';
import {
  type SeenRelease,
  sessionCount,
  trafficGate,
  type Verdict,
  type VerificationPolicy,
} from './verification.ts';

/**
 * Verification of a fixed performance issue (issue 13 §4): the p75 of the slow target before the
 * fixing release against the p75 in it and later releases, in the issue's local time window (a
 * slowdown at noon is judged on noon traffic: the day-long p75 hides it).
 */

/**
 * The fix holds when the p75 fell to at most this share of what it was (well past the
 * histogram's 2.5% error) and, when the issue had a "poor" threshold, below it.
 */
export const PERF_FIXED_SHARE = 0.8;

export interface PerfIssueFacts {
  metric: Metric;
  target: string;
  /** An hour bucket (epoch ms) of the slow window, and the zone its local hour is read in. */
  hour: number;
  timeZone: string;
  /** The p75 recorded on the issue (display units), for when no sample before the fix is kept. */
  p75: number;
  /** "Poor" threshold in display units, or null when the issue came from the baseline rule. */
  threshold: number | null;
}

export interface HourlyPerfRow {
  release: string;
  hour: number;
  hist: Histogram;
}

/** Per release, the histogram of the hours whose local hour is the issue's window. */
export function windowHistograms(
  rows: readonly HourlyPerfRow[],
  issue: Pick<PerfIssueFacts, 'hour' | 'timeZone'>,
): Map<string, Histogram> {
  const want = localTime(issue.hour, issue.timeZone).hour;
  const out = new Map<string, Histogram>();
  for (const r of rows) {
    if (localTime(r.hour, issue.timeZone).hour !== want) continue;
    out.set(r.release, mergeInto(out.get(r.release) ?? {}, r.hist));
  }
  return out;
}

export interface ReleasePerf extends SeenRelease {
  sessions: number;
  hist: Histogram;
}

const merged = (rs: readonly ReleasePerf[]) => rs.reduce<Histogram>((h, r) => mergeInto(h, r.hist), {});

/** "Fixed: p75 of POST /api/checkout 4.1 s → 0.3 s over 4210 sessions on shop@1.1.0 or later". */
export function performanceVerdict(input: {
  issue: PerfIssueFacts;
  fixRelease: string | null;
  releases: readonly ReleasePerf[];
  now: number;
  policy?: VerificationPolicy;
}): Verdict {
  const { issue } = input;
  const what = issue.metric === 'api' ? issue.target : `${issue.metric} on ${issue.target}`;
  const gate = trafficGate({
    ...input,
    more: (after) =>
      sampleCount(merged(after)) === 0
        ? `No ${what} samples in the slow window on ${input.fixRelease} or later`
        : null,
  });
  if (gate.verdict) return gate.verdict;
  const before = merged(gate.before);
  const after = merged(gate.after);
  const p75Before = quantile(before, 0.75) ?? toStored(issue.metric, issue.p75);
  const p75After = quantile(after, 0.75) as number;
  const fmt = (stored: number) => formatMetricValue(issue.metric, fromStored(issue.metric, stored));
  const words = `p75 of ${what} ${fmt(p75Before)} → ${fmt(p75After)} over ${sessionCount(gate.sessionsAfter)} sessions on ${gate.fix.release} or later`;
  const underThreshold = issue.threshold === null || p75After <= toStored(issue.metric, issue.threshold);
  const fixed = p75After <= p75Before * PERF_FIXED_SHARE && underThreshold;
  return fixed
    ? { state: 'verified', evidence: `Fixed: ${words}` }
    : { state: 'not_fixed', evidence: `Not fixed: ${words}` };
}
