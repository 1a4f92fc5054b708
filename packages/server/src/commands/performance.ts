import { conversion, type Flow } from '@closeloop/core/performance/flows';
import { type Histogram, mergeInto, parseHistogram, quantile } from '@closeloop/core/performance/histogram';
import { fromStored, isMetric, type Metric } from '@closeloop/core/performance/metrics';
import { HOUR_MS, hourStart, isTimeZone } from '@closeloop/core/performance/time-zone';
import { assertCan } from '@closeloop/core/permissions/permissions';
import type { PerformanceSettings } from '@closeloop/shared/api/performance';
import { Invalid } from '@closeloop/shared/errors';
import type { Services } from '../services.ts';
import { saveProjectTimeZone } from '../store/business-calendar-store.ts';
import * as perf from '../store/performance-store.ts';
import { inTransaction, type Tx } from '../store/transaction.ts';
import type { Actor } from './actor.ts';
import { requireProject } from './projects.ts';

const iso = (ms: number) => new Date(ms).toISOString();

export async function getPerformanceSettings(svc: Services, actor: Actor, projectKey: string) {
  assertCan(actor.role, 'workspace.read');
  const project = await requireProject(svc.store, actor.workspaceId, projectKey);
  return perf.performanceSettings(svc.store, project.id);
}

export async function setPerformanceSettings(
  svc: Services,
  actor: Actor,
  projectKey: string,
  input: PerformanceSettings,
) {
  assertCan(actor.role, 'ingest-key.manage');
  if (!isTimeZone(input.timeZone))
    throw new Invalid(`Unknown time zone ${input.timeZone}`, {
      field: 'timeZone',
      hint: 'an IANA zone such as America/New_York',
    });
  await inTransaction(svc.store, async (tx) => {
    const project = await requireProject(tx, actor.workspaceId, projectKey);
    await perf.savePerformanceSettings(tx, project.id, input);
    // One zone per project: the business calendar's, which SLAs and reports read as well.
    await saveProjectTimeZone(tx, actor.workspaceId, project.id, input.timeZone, Date.now());
  });
  return getPerformanceSettings(svc, actor, projectKey);
}

interface Acc {
  count: number;
  hist: Histogram;
}
const acc = (): Acc => ({ count: 0, hist: {} });
function add(a: Acc, count: number, hist: Histogram) {
  a.count += count;
  mergeInto(a.hist, hist);
}
function pcts(metric: Metric, a: Acc) {
  const q = (p: number) => {
    const v = quantile(a.hist, p);
    return v === null ? null : Math.round(fromStored(metric, v) * 1000) / 1000;
  };
  return { count: a.count, p50: q(0.5), p75: q(0.75), p95: q(0.95) };
}

/**
 * The performance page: per target and metric over the last `hours`, p50/p75/p95 and counts,
 * split by release and browser, and an hourly series. Percentiles come from merged histograms.
 */
export async function projectPerformance(
  svc: Services,
  actor: Actor,
  projectKey: string,
  q: { hours: number; metric?: string | undefined; target?: string | undefined },
  now = Date.now(),
) {
  assertCan(actor.role, 'workspace.read');
  const project = await requireProject(svc.store, actor.workspaceId, projectKey);
  const settings = await perf.performanceSettings(svc.store, project.id);
  const from = hourStart(now) - (q.hours - 1) * HOUR_MS;
  const rows = await perf.projectHourlyRows(svc.store, project.id, from, q.metric);
  const targets = new Map<
    string,
    {
      metric: Metric;
      target: string;
      all: Acc;
      releases: Map<string, Acc>;
      browsers: Map<string, Acc>;
      hours: Map<number, Acc>;
    }
  >();
  for (const r of rows) {
    if (!isMetric(r.metric) || (q.target && r.target !== q.target)) continue;
    const k = `${r.metric}\u0000${r.target}`;
    let t = targets.get(k);
    if (!t) {
      t = {
        metric: r.metric,
        target: r.target,
        all: acc(),
        releases: new Map(),
        browsers: new Map(),
        hours: new Map(),
      };
      targets.set(k, t);
    }
    const hist = parseHistogram(r.buckets);
    add(t.all, r.count, hist);
    for (const [map, key] of [
      [t.releases, r.release],
      [t.browsers, r.browser],
    ] as const) {
      const a = map.get(key) ?? acc();
      add(a, r.count, hist);
      map.set(key, a);
    }
    const h = t.hours.get(r.hour) ?? acc();
    add(h, r.count, hist);
    t.hours.set(r.hour, h);
  }
  const split = (metric: Metric, m: Map<string, Acc>) =>
    [...m]
      .map(([value, a]) => ({ value: value || null, ...pcts(metric, a) }))
      .sort((a, b) => b.count - a.count);
  return {
    timeZone: settings.timeZone,
    from: iso(from),
    to: iso(hourStart(now) + HOUR_MS),
    targets: [...targets.values()]
      .map((t) => ({
        metric: t.metric,
        target: t.target,
        ...pcts(t.metric, t.all),
        byRelease: split(t.metric, t.releases),
        byBrowser: split(t.metric, t.browsers),
        hourly: [...t.hours]
          .sort((a, b) => a[0] - b[0])
          .map(([hour, a]) => ({ hour: iso(hour), ...pcts(t.metric, a) })),
      }))
      .sort((a, b) => b.count - a.count),
  };
}

/**
 * How the sessions an issue affected went through the project's flows, beside the sessions of
 * the same days that it did not affect.
 */
export async function flowImpact(tx: Tx, projectId: number, groupId: number) {
  const settings = await perf.performanceSettings(tx, projectId);
  if (settings.flows.length === 0) return [];
  const { sessionIds, hours } = await perf.groupSessionsAndHours(tx, groupId);
  const affected = new Set(sessionIds);
  if (hours.length === 0) return [];
  // Compared with the sessions of the same days: ±12 h around the hours the issue was seen in.
  const active = await perf.sessionsActiveBetween(
    tx,
    projectId,
    Math.min(...hours) - 12 * HOUR_MS,
    Math.max(...hours) + 13 * HOUR_MS,
    10_000,
  );
  const unaffected = active.filter((s) => !affected.has(s)).slice(0, 5_000);
  const visits = await perf.sessionVisits(tx, projectId, [...affected, ...unaffected]);
  const of = (ids: Iterable<string>) => [...ids].map((id) => visits.get(id) ?? []);
  return settings.flows.map((flow: Flow) => ({
    name: flow.name,
    steps: flow.steps,
    affected: conversion(flow, of(affected)),
    unaffected: conversion(flow, of(unaffected)),
  }));
}

/** The latest finding of a performance issue, for its page. */
export async function performanceFinding(tx: Tx, groupId: number) {
  const row = (await perf.perfIssuesOfGroups(tx, [groupId]))[0];
  if (!row) return null;
  return {
    metric: row.metric,
    target: row.target,
    reason: row.reason,
    p75: Number(row.p75),
    baseline: row.baseline === null ? null : Number(row.baseline),
    threshold: row.threshold === null ? null : Number(row.threshold),
    hour: iso(Number(row.hour)),
    window: { from: row.window_from, to: row.window_to },
    timeZone: row.time_zone,
    slowDays: row.slow_days,
    days: row.days,
    description: row.description,
  };
}
