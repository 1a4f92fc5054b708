import { createHash } from 'node:crypto';
import { quantile } from '@closeloop/core/performance/histogram';
import { isMetric } from '@closeloop/core/performance/metrics';
import {
  describeSlowdown,
  detectSlowdown,
  type HourStat,
  type Slowdown,
  slowdownSettings,
  slowdownTitle,
} from '@closeloop/core/performance/slowdown-rule';
import { DAY_MS, HOUR_MS, sameHourOnPreviousDays } from '@closeloop/core/performance/time-zone';
import { isRegression } from '@closeloop/core/regressions/regression-rule';
import type { PerformanceSettings } from '@closeloop/shared/api/performance';
import { CLOSED_CATEGORIES, type StatusCategory } from '@closeloop/shared/issue-fields';
import { fileMachineIssue, reopenAsRegression } from '../commands/machine-issues.ts';
import type { Change } from '../live/change-bus.ts';
import * as groups from '../store/groups-store.ts';
import { findIssueRow } from '../store/issues-store.ts';
import * as perf from '../store/performance-store.ts';
import type { Tx } from '../store/transaction.ts';
import type { TouchedHour } from './perf-batch.ts';

/** One performance issue per project, metric and target: its fingerprint. */
export function performanceFingerprint(metric: string, target: string): string {
  return createHash('sha256')
    .update(JSON.stringify(['v1', 'performance', metric, target]))
    .digest('hex')
    .slice(0, 32);
}

function hourStats(hists: Awaited<ReturnType<typeof perf.hourlyHistograms>>): Map<number, HourStat> {
  const out = new Map<number, HourStat>();
  for (const [hour, h] of hists) out.set(hour, { hour, count: h.count, p75: quantile(h.hist, 0.75) ?? 0 });
  return out;
}

/**
 * Judges the hours a batch touched by core/performance/slowdown-rule.ts and files, updates or
 * reopens the performance issue of each slow one, adding the sessions it slowed down. Runs in
 * the worker's batch transaction, so it is exactly-once with the rest of the batch.
 */
export async function detectSlowdowns(
  tx: Tx,
  touched: Iterable<TouchedHour>,
  settingsOf: (projectId: number) => Promise<PerformanceSettings>,
): Promise<Change[]> {
  const changes: Change[] = [];
  for (const t of touched) {
    if (!isMetric(t.metric)) continue;
    const settings = await settingsOf(t.projectId);
    const ruleSettings = slowdownSettings(t.metric, settings);
    const stats = hourStats(
      await perf.hourlyHistograms(tx, {
        projectId: t.projectId,
        metric: t.metric,
        target: t.target,
        from: t.hour - ruleSettings.days * DAY_MS,
        to: t.hour + HOUR_MS,
      }),
    );
    const current = stats.get(t.hour);
    if (!current) continue;
    const sameHour = sameHourOnPreviousDays(t.hour, settings.timeZone, ruleSettings.days)
      .map((h) => stats.get(h))
      .filter((h): h is HourStat => h !== undefined);
    const previousWeek = [...stats.values()].filter((h) => h.hour < t.hour);
    const slowdown = detectSlowdown({
      metric: t.metric,
      target: t.target,
      current,
      sameHour,
      previousWeek,
      settings: ruleSettings,
      timeZone: settings.timeZone,
    });
    if (!slowdown) continue;
    const slowHours = [
      t.hour,
      ...sameHour
        .filter((h) => h.count >= ruleSettings.minSamples && h.p75 >= slowdown.affectedLevel)
        .map((h) => h.hour),
    ];
    const change = await recordSlowdown(tx, t, slowdown, slowHours);
    if (change) changes.push(change);
  }
  return changes;
}

async function recordSlowdown(
  tx: Tx,
  t: TouchedHour,
  s: Slowdown,
  slowHours: number[],
): Promise<Change | null> {
  const fingerprint = performanceFingerprint(t.metric, t.target);
  let group = await groups.findGroup(tx, t.projectId, fingerprint);
  let change: Change | null = null;
  const description = describeSlowdown(s);
  if (!group) {
    const title = slowdownTitle(s);
    const issueId = await fileMachineIssue(
      tx,
      { workspaceId: t.workspaceId, projectId: t.projectId },
      {
        kind: 'performance',
        title,
        description: [
          'Found automatically by the performance rule (docs/performance.md).',
          '',
          `- ${description}`,
          `- Metric: \`${t.metric}\`, target: \`${t.target}\``,
        ].join('\n'),
      },
    );
    group = await groups.insertGroup(tx, {
      workspaceId: t.workspaceId,
      projectId: t.projectId,
      issueId,
      fingerprint,
      kind: 'performance',
      title,
      culprit: t.target,
      components: ['performance', t.metric, t.target],
      seenAt: t.hour,
      release: null,
    });
    const issue = await findIssueRow(tx, t.workspaceId, { id: issueId });
    change = {
      workspaceId: t.workspaceId,
      type: 'issue.created',
      issueId,
      issueKey: `${issue!.project_key}-${issue!.number}`,
      actorId: null,
      at: Date.now(),
    };
  } else {
    change = await regressIfReturned(tx, group, t);
  }
  const previous = (await perf.perfIssuesOfGroups(tx, [group.id]))[0];
  if (!previous || Number(previous.hour) <= s.hour) {
    await perf.savePerfIssue(tx, {
      group_id: group.id,
      project_id: t.projectId,
      metric: s.metric,
      target: s.target,
      reason: s.reason,
      p75: s.p75,
      baseline: s.baseline,
      threshold: s.threshold,
      hour: s.hour,
      slow_days: s.slowDays,
      days: s.days,
      time_zone: s.timeZone,
      window_from: s.window.from,
      window_to: s.window.to,
      affected_level: s.affectedLevel,
      description,
    });
  }
  await addAffectedSessions(tx, group.id, t, slowHours, s.affectedLevel);
  return change;
}

/** The sessions that saw the slowness become the issue's sessions (and users); each counts once. */
async function addAffectedSessions(tx: Tx, groupId: number, t: TouchedHour, hours: number[], level: number) {
  const rows = await perf.affectedSessionHours(tx, {
    projectId: t.projectId,
    metric: t.metric,
    target: t.target,
    hours,
    level,
  });
  const known = await perf.knownGroupSessions(
    tx,
    groupId,
    rows.map((r) => r.session_id),
  );
  const occ = groups.emptyOccurrences();
  for (const r of rows) {
    if (known.has(r.session_id)) continue;
    known.add(r.session_id);
    groups.addOccurrence(occ, {
      at: r.hour,
      userKey: r.user_key,
      sessionId: r.session_id,
      release: null,
      facets: { route: t.target },
    });
  }
  if (occ.count > 0) await groups.recordOccurrences(tx, groupId, occ);
}

/** A performance issue closed as fixed reopens when a whole hour after the closure is slow again. */
async function regressIfReturned(
  tx: Tx,
  group: NonNullable<Awaited<ReturnType<typeof groups.findGroup>>>,
  t: TouchedHour,
): Promise<Change | null> {
  const issue = await findIssueRow(tx, t.workspaceId, { id: group.issue_id });
  if (!issue) return null;
  const regressed = isRegression({
    closed: CLOSED_CATEGORIES.includes(issue.status_category as StatusCategory),
    resolution: issue.resolution,
    closedAt: issue.closed_at,
    resolvedInRelease: null,
    resolvedReleaseFirstSeen: null,
    eventRelease: null,
    eventReleaseFirstSeen: null,
    eventAt: t.hour,
  });
  if (!regressed || !(await reopenAsRegression(tx, t.workspaceId, issue.id, null))) return null;
  await groups.markRegressed(tx, group.id, t.hour);
  return {
    workspaceId: t.workspaceId,
    type: 'issue.updated',
    issueId: issue.id,
    issueKey: `${issue.project_key}-${issue.number}`,
    actorId: null,
    fields: ['status', 'resolution', 'labels', 'regression'],
    at: Date.now(),
  };
}
