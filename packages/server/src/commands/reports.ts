import { assertCan } from '@closeloop/core/permissions/permissions';
import { reportFigures } from '@closeloop/core/reports/report-figures';
import { type ReportTable, reportTable, toCsv } from '@closeloop/core/reports/report-tables';
import { slaCompliance } from '@closeloop/core/reports/sla-compliance';
import { localDateOf, localToInstant } from '@closeloop/core/sla/business-calendar';
import type { Report } from '@closeloop/shared/api/reports';
import { Invalid } from '@closeloop/shared/errors';
import type { Services } from '../services.ts';
import { projectCalendar } from '../store/business-calendar-store.ts';
import { reportFacts } from '../store/report-facts-store.ts';
import type { Actor } from './actor.ts';
import { requireProject } from './projects.ts';
import { slaOutcomes } from './sla-report.ts';

const DAY = 86_400_000;
const MAX_DAYS = 366;
const utcMidnight = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);
/** Local midnight of a calendar date in a zone. */
const localMidnight = (iso: string, timeZone: string) => {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return localToInstant(timeZone, y, m, d, 0);
};

/**
 * The period of whole days a report covers, in the project's calendar time zone (UTC for the
 * whole workspace): `to` inclusive, 30 days by default, at most a year.
 */
export function reportPeriod(
  q: { from?: string | undefined; to?: string | undefined },
  now: number,
  timeZone = 'UTC',
) {
  const today = localDateOf(timeZone, now);
  const toDay = q.to ?? isoDay(Date.UTC(today.y, today.m - 1, today.d));
  const fromDay = q.from ?? isoDay(utcMidnight(toDay) - 29 * DAY);
  const days = (utcMidnight(toDay) - utcMidnight(fromDay)) / DAY + 1;
  if (days <= 0) throw new Invalid('The period ends before it starts', { field: 'to' });
  if (days > MAX_DAYS) throw new Invalid(`A report covers at most ${MAX_DAYS} days`, { field: 'from' });
  const from = localMidnight(fromDay, timeZone);
  const to = localMidnight(isoDay(utcMidnight(toDay) + DAY), timeZone);
  return { from, to, fromDay, toDay };
}

async function computeReport(
  svc: Services,
  actor: Actor,
  q: { project?: string | undefined; from?: string | undefined; to?: string | undefined },
  now: number,
) {
  assertCan(actor.role, 'workspace.read');
  const project = q.project ? await requireProject(svc.store, actor.workspaceId, q.project) : null;
  // One zone per project: its business calendar's, as SLAs and performance baselines use.
  const timeZone = project ? (await projectCalendar(svc.store, project.id)).timeZone : 'UTC';
  const period = reportPeriod(q, now, timeZone);
  const scope = { workspaceId: actor.workspaceId, projectId: project?.id };
  const facts = await reportFacts(svc.store, scope, period);
  const sla = await slaOutcomes(svc.store, scope, period, now);
  return {
    project: project?.key ?? null,
    from: period.fromDay,
    to: period.toDay,
    timeZone,
    figures: { ...reportFigures(facts, period, timeZone), slaCompliance: slaCompliance(sla, period) },
  };
}

export async function buildReport(
  svc: Services,
  actor: Actor,
  q: { project?: string | undefined; from?: string | undefined; to?: string | undefined },
  now = Date.now(),
): Promise<Report> {
  const { figures, ...head } = await computeReport(svc, actor, q, now);
  return { ...head, ...figures };
}

export async function reportCsv(
  svc: Services,
  actor: Actor,
  q: { project?: string | undefined; from?: string | undefined; to?: string | undefined; table: ReportTable },
  now = Date.now(),
): Promise<{ filename: string; csv: string }> {
  const r = await computeReport(svc, actor, q, now);
  return {
    filename: `${r.project ?? 'workspace'}-${q.table}-${r.from}-${r.to}.csv`,
    csv: toCsv(reportTable(r.figures, q.table)),
  };
}
