import type { Flow } from '@closeloop/core/performance/flows';
import { type Histogram, mergeInto, parseHistogram } from '@closeloop/core/performance/histogram';
import { DEFAULT_PERFORMANCE_SETTINGS } from '@closeloop/core/performance/slowdown-rule';
import type { PerformanceSettings } from '@closeloop/shared/api/performance';
import { sql } from 'kysely';
import { projectCalendar } from './business-calendar-store.ts';
import type { PerfIssueTable } from './tables-performance.ts';
import type { Tx } from './transaction.ts';

/** Performance aggregates (docs/performance.md). Histograms merge in the engine: read, add, write. */

export const DEFAULT_SETTINGS: PerformanceSettings = {
  ...DEFAULT_PERFORMANCE_SETTINGS,
  routePatterns: [],
  flows: [],
};

/**
 * A project's performance settings. The time zone is the project's business calendar's (the one
 * zone SLAs and reports use too); the copy in `project_perf_settings.time_zone` is no longer read.
 */
export async function performanceSettings(tx: Tx, projectId: number): Promise<PerformanceSettings> {
  const row = await tx.db
    .selectFrom('project_perf_settings')
    .selectAll()
    .where('project_id', '=', projectId)
    .executeTakeFirst();
  const { timeZone } = await projectCalendar(tx, projectId);
  if (!row) return { ...DEFAULT_SETTINGS, timeZone };
  return {
    timeZone,
    thresholds: JSON.parse(row.thresholds) as PerformanceSettings['thresholds'],
    factor: Number(row.factor),
    minSamples: row.min_samples,
    routePatterns: JSON.parse(row.route_patterns) as string[],
    flows: JSON.parse(row.flows) as Flow[],
  };
}

export async function savePerformanceSettings(tx: Tx, projectId: number, s: PerformanceSettings) {
  const values = {
    time_zone: s.timeZone,
    thresholds: JSON.stringify(s.thresholds),
    factor: s.factor,
    min_samples: s.minSamples,
    route_patterns: JSON.stringify(s.routePatterns),
    flows: JSON.stringify(s.flows),
  };
  await tx.db
    .insertInto('project_perf_settings')
    .values({ project_id: projectId, ...values })
    .onConflict((oc) => oc.column('project_id').doUpdateSet(values))
    .execute();
}

export interface HourlyKey {
  projectId: number;
  metric: string;
  target: string;
  hour: number;
  release: string;
  browser: string;
}

/** Adds a batch's histograms to the stored ones (the worker holds the log lock, so read-then-write is safe). */
export async function addHourly(tx: Tx, rows: Iterable<{ key: HourlyKey; hist: Histogram; count: number }>) {
  for (const { key, hist, count } of rows) {
    const where = {
      project_id: key.projectId,
      metric: key.metric,
      target: key.target,
      hour: key.hour,
      release: key.release,
      browser: key.browser,
    };
    const old = await tx.db
      .selectFrom('perf_hourly')
      .select(['count', 'buckets'])
      .where((eb) => eb.and(where))
      .executeTakeFirst();
    if (old) {
      await tx.db
        .updateTable('perf_hourly')
        .set({
          count: Number(old.count) + count,
          buckets: JSON.stringify(mergeInto(parseHistogram(old.buckets), hist)),
        })
        .where((eb) => eb.and(where))
        .execute();
    } else {
      await tx.db
        .insertInto('perf_hourly')
        .values({ ...where, count, buckets: JSON.stringify(hist) })
        .execute();
    }
  }
}

export interface SessionHour {
  projectId: number;
  metric: string;
  target: string;
  hour: number;
  sessionId: string;
  userKey: string | null;
  value: number;
}

export async function addSessionHours(tx: Tx, rows: readonly SessionHour[]) {
  for (let i = 0; i < rows.length; i += 200) {
    await tx.db
      .insertInto('perf_session_hours')
      .values(
        rows.slice(i, i + 200).map((r) => ({
          project_id: r.projectId,
          metric: r.metric,
          target: r.target,
          hour: r.hour,
          session_id: r.sessionId,
          user_key: r.userKey,
          max_value: r.value,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['project_id', 'metric', 'target', 'hour', 'session_id']).doUpdateSet({
          max_value: sql<number>`CASE WHEN perf_session_hours.max_value > excluded.max_value THEN perf_session_hours.max_value ELSE excluded.max_value END`,
        }),
      )
      .execute();
  }
}

export async function addSessionPages(
  tx: Tx,
  rows: readonly { projectId: number; sessionId: string; path: string; at: number }[],
) {
  for (let i = 0; i < rows.length; i += 200) {
    await tx.db
      .insertInto('session_pages')
      .values(
        rows
          .slice(i, i + 200)
          .map((r) => ({ project_id: r.projectId, session_id: r.sessionId, path: r.path, first_at: r.at })),
      )
      .onConflict((oc) =>
        oc.columns(['project_id', 'session_id', 'path']).doUpdateSet({
          first_at: sql<number>`CASE WHEN session_pages.first_at < excluded.first_at THEN session_pages.first_at ELSE excluded.first_at END`,
        }),
      )
      .execute();
  }
}

/** Histograms of one target and metric per hour in [from, to), releases and browsers merged. */
export async function hourlyHistograms(
  tx: Tx,
  q: { projectId: number; metric: string; target: string; from: number; to: number },
): Promise<Map<number, { count: number; hist: Histogram }>> {
  const rows = await tx.db
    .selectFrom('perf_hourly')
    .select(['hour', 'count', 'buckets'])
    .where('project_id', '=', q.projectId)
    .where('metric', '=', q.metric)
    .where('target', '=', q.target)
    .where('hour', '>=', q.from)
    .where('hour', '<', q.to)
    .execute();
  const out = new Map<number, { count: number; hist: Histogram }>();
  for (const r of rows) {
    const hour = Number(r.hour);
    const h = out.get(hour) ?? { count: 0, hist: {} };
    h.count += Number(r.count);
    mergeInto(h.hist, parseHistogram(r.buckets));
    out.set(hour, h);
  }
  return out;
}

/** One target and metric's hourly histograms with their release (browsers merged by the reader). */
export async function releaseHourlyHistograms(
  tx: Tx,
  q: { projectId: number; metric: string; target: string },
) {
  const rows = await tx.db
    .selectFrom('perf_hourly')
    .select(['release', 'hour', 'buckets'])
    .where('project_id', '=', q.projectId)
    .where('metric', '=', q.metric)
    .where('target', '=', q.target)
    .execute();
  return rows.map((r) => ({ release: r.release, hour: Number(r.hour), hist: parseHistogram(r.buckets) }));
}

/** Every hourly row of a project since `from` (the performance page aggregates them). */
export async function projectHourlyRows(tx: Tx, projectId: number, from: number, metric?: string) {
  let q = tx.db
    .selectFrom('perf_hourly')
    .select(['metric', 'target', 'hour', 'release', 'browser', 'count', 'buckets'])
    .where('project_id', '=', projectId)
    .where('hour', '>=', from);
  if (metric) q = q.where('metric', '=', metric);
  return (await q.execute()).map((r) => ({ ...r, hour: Number(r.hour), count: Number(r.count) }));
}

/** Sessions that saw `level` or worse of a target in the given hours. */
export async function affectedSessionHours(
  tx: Tx,
  q: { projectId: number; metric: string; target: string; hours: number[]; level: number },
) {
  if (q.hours.length === 0) return [];
  return (
    await tx.db
      .selectFrom('perf_session_hours')
      .select(['session_id', 'user_key', 'hour'])
      .where('project_id', '=', q.projectId)
      .where('metric', '=', q.metric)
      .where('target', '=', q.target)
      .where('hour', 'in', q.hours)
      .where('max_value', '>=', q.level)
      .execute()
  ).map((r) => ({ ...r, hour: Number(r.hour) }));
}

/** Which of `ids` a group already counts as its sessions. */
export async function knownGroupSessions(tx: Tx, groupId: number, ids: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < ids.length; i += 300) {
    const rows = await tx.db
      .selectFrom('group_sessions')
      .select('session_id')
      .where('group_id', '=', groupId)
      .where('session_id', 'in', ids.slice(i, i + 300))
      .execute();
    for (const r of rows) out.add(r.session_id);
  }
  return out;
}

export async function savePerfIssue(tx: Tx, row: PerfIssueTable) {
  const { group_id, ...rest } = row;
  await tx.db
    .insertInto('perf_issues')
    .values(row)
    .onConflict((oc) => oc.column('group_id').doUpdateSet(rest))
    .execute();
}

export async function perfIssuesOfGroups(tx: Tx, groupIds: number[]) {
  if (groupIds.length === 0) return [];
  return tx.db.selectFrom('perf_issues').selectAll().where('group_id', 'in', groupIds).execute();
}

/** Pages visited by each session, for flow conversion. */
export async function sessionVisits(tx: Tx, projectId: number, sessionIds: string[]) {
  const out = new Map<string, { path: string; at: number }[]>();
  for (let i = 0; i < sessionIds.length; i += 300) {
    const rows = await tx.db
      .selectFrom('session_pages')
      .select(['session_id', 'path', 'first_at'])
      .where('project_id', '=', projectId)
      .where('session_id', 'in', sessionIds.slice(i, i + 300))
      .execute();
    for (const r of rows) {
      const list = out.get(r.session_id) ?? [];
      list.push({ path: r.path, at: Number(r.first_at) });
      out.set(r.session_id, list);
    }
  }
  return out;
}

/** Sessions that loaded or changed pages in [from, to), up to `limit`. */
export async function sessionsActiveBetween(
  tx: Tx,
  projectId: number,
  from: number,
  to: number,
  limit = 5_000,
) {
  const rows = await tx.db
    .selectFrom('session_pages')
    .select('session_id')
    .distinct()
    .where('project_id', '=', projectId)
    .where('first_at', '>=', from)
    .where('first_at', '<', to)
    .limit(limit)
    .execute();
  return rows.map((r) => r.session_id);
}

/** A group's sessions (up to `limit`, the first seen first) and the hours it had occurrences in. */
export async function groupSessionsAndHours(tx: Tx, groupId: number, limit = 5_000) {
  const [sessions, hours] = await Promise.all([
    tx.db
      .selectFrom('group_sessions')
      .select('session_id')
      .where('group_id', '=', groupId)
      .orderBy('first_seen')
      .limit(limit)
      .execute(),
    tx.db.selectFrom('group_hourly').select('hour').where('group_id', '=', groupId).execute(),
  ]);
  return { sessionIds: sessions.map((s) => s.session_id), hours: hours.map((h) => Number(h.hour)) };
}
