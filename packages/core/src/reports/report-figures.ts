import { PRIORITIES, type Priority } from '@closeloop/shared/issue-fields';
import { localDateOf } from '../sla/business-calendar.ts';

/**
 * The figures of a report, computed from plain facts about each issue so both databases give the
 * same answer (no SQL aggregates with dialect-specific rounding). Definitions:
 * - first response: the first comment or status change by someone other than the reporter;
 * - acknowledge (MTTA): creation → first assignment to a person or acceptance in triage;
 * - resolution (MTTR): creation → closed, for issues closed in the period;
 * - reopened: closed issues that were reopened at least once (people or regressions);
 * - ageing: open issues at the end of the period, by age.
 */
export interface IssueFacts {
  key: string;
  title: string;
  kind: string;
  priority: Priority;
  status: string;
  statusCategory: string;
  createdAt: number;
  closedAt: number | null;
  firstResponseAt: number | null;
  acknowledgedAt: number | null;
  reopenCount: number;
  regressionCount: number;
  /** Machine-found issues: distinct users affected. */
  users: number;
  events: number;
}

export interface Period {
  from: number;
  /** Exclusive. */
  to: number;
}

export interface Durations {
  count: number;
  meanMs: number | null;
  medianMs: number | null;
}

export const AGE_BUCKETS = [
  { label: '< 1 day', maxDays: 1 },
  { label: '1–7 days', maxDays: 7 },
  { label: '7–30 days', maxDays: 30 },
  { label: '30–90 days', maxDays: 90 },
  { label: '> 90 days', maxDays: Number.POSITIVE_INFINITY },
] as const;

const DAY = 86_400_000;

export function durations(values: readonly number[]): Durations {
  if (values.length === 0) return { count: 0, meanMs: null, medianMs: null };
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  const mean = sorted.reduce((s, v) => s + v, 0) / sorted.length;
  return { count: sorted.length, meanMs: Math.round(mean), medianMs: Math.round(median) };
}

const inPeriod = (t: number | null, p: Period) => t !== null && t >= p.from && t < p.to;
const isOpenAt = (i: IssueFacts, at: number) => i.createdAt < at && (i.closedAt === null || i.closedAt >= at);
const pad = (n: number) => String(n).padStart(2, '0');
/** The local date (`YYYY-MM-DD`) of an instant in the report's zone: the project's calendar zone, or UTC. */
const dayIn = (timeZone: string) => (t: number) => {
  const { y, m, d } = localDateOf(timeZone, t);
  return `${y}-${pad(m)}-${pad(d)}`;
};

export function reportFigures(issues: readonly IssueFacts[], period: Period, timeZone = 'UTC') {
  const dayOf = dayIn(timeZone);
  const openAtEnd = issues.filter((i) => isOpenAt(i, period.to));
  const created = issues.filter((i) => inPeriod(i.createdAt, period));
  const closed = issues.filter((i) => inPeriod(i.closedAt, period));

  const openByPriority = [...PRIORITIES].reverse().map((priority) => ({
    priority,
    count: openAtEnd.filter((i) => i.priority === priority).length,
  }));
  const statusCounts = new Map<string, { status: string; category: string; count: number }>();
  for (const i of openAtEnd) {
    const s = statusCounts.get(i.status) ?? { status: i.status, category: i.statusCategory, count: 0 };
    s.count++;
    statusCounts.set(i.status, s);
  }

  const days = new Map<string, { date: string; created: number; closed: number }>();
  // Steps of 24 h from local midnight land on every local day even across DST (23 or 25 h days).
  for (let t = period.from; t < period.to; t += DAY)
    days.set(dayOf(t), { date: dayOf(t), created: 0, closed: 0 });
  for (const i of created) days.get(dayOf(i.createdAt))!.created++;
  for (const i of closed) days.get(dayOf(i.closedAt!))!.closed++;

  const since = (from: number, to: number | null) => (to === null ? [] : [Math.max(0, to - from)]);
  const ageing = AGE_BUCKETS.map((b, n) => {
    const min = n === 0 ? 0 : AGE_BUCKETS[n - 1]!.maxDays;
    return {
      bucket: b.label,
      count: openAtEnd.filter((i) => {
        const days = (period.to - i.createdAt) / DAY;
        return days >= min && days < b.maxDays;
      }).length,
    };
  });
  const closedEver = issues.filter((i) => i.closedAt !== null || i.reopenCount > 0);
  const machine = issues.filter((i) => i.kind !== 'manual');
  const machineClosedEver = machine.filter((i) => i.closedAt !== null || i.regressionCount > 0);

  return {
    totals: { created: created.length, closed: closed.length, openAtEnd: openAtEnd.length },
    openByPriority,
    openByStatus: [...statusCounts.values()].sort(
      (a, b) => b.count - a.count || a.status.localeCompare(b.status),
    ),
    createdVsClosed: [...days.values()],
    firstResponse: durations(created.flatMap((i) => since(i.createdAt, i.firstResponseAt))),
    acknowledge: durations(created.flatMap((i) => since(i.createdAt, i.acknowledgedAt))),
    resolution: durations(closed.flatMap((i) => since(i.createdAt, i.closedAt))),
    ageing,
    reopenRate: rate(closedEver.filter((i) => i.reopenCount > 0).length, closedEver.length),
    regressionRate: rate(
      machineClosedEver.filter((i) => i.regressionCount > 0).length,
      machineClosedEver.length,
    ),
    topMachineIssues: machine
      .filter((i) => i.events > 0)
      .sort((a, b) => b.users - a.users || b.events - a.events || a.key.localeCompare(b.key))
      .slice(0, 10)
      .map((i) => ({
        key: i.key,
        title: i.title,
        users: i.users,
        events: i.events,
        open: i.closedAt === null,
      })),
  };
}
export type ReportFigures = ReturnType<typeof reportFigures>;

function rate(part: number, whole: number) {
  return { count: part, of: whole, rate: whole === 0 ? null : Math.round((part / whole) * 1000) / 1000 };
}
