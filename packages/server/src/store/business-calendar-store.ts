import { type BusinessCalendar, DEFAULT_CALENDAR } from '@closeloop/core/sla/business-calendar';
import type { Tx } from './transaction.ts';

/**
 * A project's business calendar: its one time zone, working days and hours, and holidays. SLA
 * clocks, performance baselines, reports and scheduled automation all read it from here.
 */
export async function projectCalendar(tx: Tx, projectId: number): Promise<BusinessCalendar> {
  const r = await tx.db
    .selectFrom('project_calendars')
    .selectAll()
    .where('project_id', '=', projectId)
    .executeTakeFirst();
  if (!r) return DEFAULT_CALENDAR;
  return {
    timeZone: r.time_zone,
    aroundTheClock: Number(r.around_the_clock) === 1,
    workDays: JSON.parse(r.work_days) as number[],
    workStart: Number(r.work_start),
    workEnd: Number(r.work_end),
    holidays: JSON.parse(r.holidays) as string[],
  };
}

export async function saveProjectCalendar(
  tx: Tx,
  workspaceId: number,
  projectId: number,
  cal: BusinessCalendar,
  now: number,
): Promise<void> {
  const row = {
    time_zone: cal.timeZone,
    around_the_clock: cal.aroundTheClock ? 1 : 0,
    work_days: JSON.stringify(cal.workDays),
    work_start: cal.workStart,
    work_end: cal.workEnd,
    holidays: JSON.stringify(cal.holidays),
    updated_at: now,
  };
  await tx.db
    .insertInto('project_calendars')
    .values({ project_id: projectId, workspace_id: workspaceId, ...row })
    .onConflict((oc) => oc.column('project_id').doUpdateSet(row))
    .execute();
}

/**
 * Sets only the time zone of a project's calendar (the performance settings edit it too: one zone
 * per project for SLAs, performance baselines and reports); a project without a calendar gets the
 * default one in that zone.
 */
export async function saveProjectTimeZone(
  tx: Tx,
  workspaceId: number,
  projectId: number,
  timeZone: string,
  now: number,
): Promise<void> {
  const cal = await projectCalendar(tx, projectId);
  if (cal.timeZone === timeZone) return;
  await saveProjectCalendar(tx, workspaceId, projectId, { ...cal, timeZone }, now);
}
