import type { IngestEvent, StackFrame } from '@closeloop/shared/ingest/event';
import { useQuery } from '@tanstack/react-query';
import { ApiError, api } from '../../api/client.ts';

export type Facet = { value: string; count: number };

/** GET /api/v1/issues/:key/monitoring (packages/server/src/commands/monitoring.ts). */
export type Monitoring = {
  issueKey: string;
  kind: string;
  title: string;
  culprit: string | null;
  eventCount: number;
  userCount: number;
  sessionCount: number;
  firstSeen: string | null;
  lastSeen: string | null;
  firstRelease: string | null;
  lastRelease: string | null;
  resolvedInRelease: string | null;
  regressedAt: string | null;
  hourly: { hour: string | null; count: number }[];
  facets: Record<string, Facet[]>;
  sessions: { sessionId: string; firstSeen: string | null; hasReplay?: boolean }[];
  /** The latest finding of a performance issue (docs/performance.md). */
  performance: PerformanceFinding | null;
  flows: FlowImpact[];
  events: { eventId: string; receivedAt: string | null; event: IngestEvent }[];
  /** Rage/dead clicks that ran into this failure: one sentence per click type and element, and the newest clicks. */
  frustrationBefore?: { summary: string[]; items: FrustrationEvidenceItem[] };
};
export type FrustrationEvidenceItem = {
  eventId: string;
  type: string;
  selector: string;
  text: string | null;
  route: string;
  clickCount: number;
  clickedAt: string | null;
  failureAt: string | null;
  sessionId: string;
  hasReplay: boolean;
};
export type { IngestEvent, StackFrame };

export type PerformanceFinding = {
  metric: string;
  target: string;
  reason: 'threshold' | 'baseline';
  p75: number;
  baseline: number | null;
  threshold: number | null;
  hour: string;
  window: { from: string; to: string };
  timeZone: string;
  slowDays: number;
  days: number;
  description: string;
};
export type Conversion = {
  sessions: number;
  entered: number;
  completed: number;
  rate: number | null;
  abandonment: number | null;
};
export type FlowImpact = { name: string; steps: string[]; affected: Conversion; unaffected: Conversion };

/** Monitoring data of a machine-found issue; `null` when the server has none for it (404). */
export function useMonitoring(issueKey: string, enabled: boolean) {
  return useQuery({
    queryKey: ['monitoring', issueKey],
    enabled,
    retry: false,
    queryFn: async () => {
      try {
        return await api<Monitoring>(`/issues/${issueKey}/monitoring`);
      } catch (e) {
        if (e instanceof ApiError && e.status === 404) return null;
        throw e;
      }
    },
  });
}

/** Samples newest first. */
export function samplesNewestFirst(m: Monitoring) {
  return [...m.events].sort(
    (a, b) => (b.receivedAt ?? '').localeCompare(a.receivedAt ?? '') || b.event.timestamp - a.event.timestamp,
  );
}

export function percent(count: number, total: number): string {
  if (!total) return '0%';
  const p = (count / total) * 100;
  return p >= 10 || p === 0 ? `${Math.round(p)}%` : `${p.toFixed(1)}%`;
}

export const HOUR = 3_600_000;
const MIN_HOURS = 24;
const MAX_HOURS = 24 * 14;

/** Hourly buckets from the series, gaps filled with zeros, at least the last 24 hours. */
export function hourlyBuckets(hourly: Monitoring['hourly'], now = Date.now()) {
  const counts = new Map<number, number>();
  for (const h of hourly) if (h.hour) counts.set(Date.parse(h.hour), h.count);
  const last = Math.floor(now / HOUR) * HOUR;
  const first = Math.min(...counts.keys(), last - (MIN_HOURS - 1) * HOUR);
  const start = Math.max(first, last - (MAX_HOURS - 1) * HOUR);
  const out: { at: number; count: number }[] = [];
  for (let t = start; t <= last; t += HOUR) out.push({ at: t, count: counts.get(t) ?? 0 });
  return out;
}
