import { assertCan } from '@closeloop/core/permissions/permissions';
import { reportFigures } from '@closeloop/core/reports/report-figures';
import { type ReportTable, reportTable, toCsv } from '@closeloop/core/reports/report-tables';
import type { Report } from '@closeloop/shared/api/reports';
import { Invalid } from '@closeloop/shared/errors';
import type { Services } from '../services.ts';
import { reportFacts } from '../store/report-facts-store.ts';
import type { Actor } from './actor.ts';
import { requireProject } from './projects.ts';

const DAY = 86_400_000;
const MAX_DAYS = 366;
const dayStart = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);

/** The period of whole UTC days a report covers: `to` inclusive, 30 days by default, at most a year. */
export function reportPeriod(q: { from?: string | undefined; to?: string | undefined }, now: number) {
  const toDay = q.to ?? isoDay(now);
  const fromDay = q.from ?? isoDay(dayStart(toDay) - 29 * DAY);
  const from = dayStart(fromDay);
  const to = dayStart(toDay) + DAY;
  if (to <= from) throw new Invalid('The period ends before it starts', { field: 'to' });
  if ((to - from) / DAY > MAX_DAYS)
    throw new Invalid(`A report covers at most ${MAX_DAYS} days`, { field: 'from' });
  return { from, to, fromDay, toDay };
}

async function computeReport(
  svc: Services,
  actor: Actor,
  q: { project?: string | undefined; from?: string | undefined; to?: string | undefined },
  now: number,
) {
  assertCan(actor.role, 'workspace.read');
  const period = reportPeriod(q, now);
  const project = q.project ? await requireProject(svc.store, actor.workspaceId, q.project) : null;
  const facts = await reportFacts(
    svc.store,
    { workspaceId: actor.workspaceId, projectId: project?.id },
    period,
  );
  return {
    project: project?.key ?? null,
    from: period.fromDay,
    to: period.toDay,
    figures: reportFigures(facts, period),
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
