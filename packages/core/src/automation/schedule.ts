import type { AutomationTrigger } from '@closeloop/shared/api/automation';
import { localDateOf, localToInstant } from '../sla/business-calendar.ts';

/**
 * Schedule triggers: "every weekday at 09:00" in the project's calendar time zone. The scheduler
 * runs a rule for the latest slot that has passed, if that slot is after the rule was saved and
 * after its last run — so a process that was down at 09:00 runs the morning's rule once when it
 * comes back, and never twice.
 */
export type ScheduleTrigger = Extract<AutomationTrigger, { type: 'schedule' }>;

/** The latest instant at or before `now` on which the schedule falls (local time, DST-safe). */
export function latestSlot(t: ScheduleTrigger, timeZone: string, now: number): number | null {
  const [hh, mm] = t.at.split(':').map(Number) as [number, number];
  const today = localDateOf(timeZone, now);
  // A week and a day back always holds one of the chosen weekdays at a passed time.
  for (let back = 0; back <= 7; back++) {
    const day = new Date(Date.UTC(today.y, today.m - 1, today.d - back));
    const isoWeekday = ((day.getUTCDay() + 6) % 7) + 1;
    if (!t.days.includes(isoWeekday)) continue;
    const at = localToInstant(
      timeZone,
      day.getUTCFullYear(),
      day.getUTCMonth() + 1,
      day.getUTCDate(),
      hh * 60 + mm,
    );
    if (at <= now) return at;
  }
  return null;
}

/** The slot a rule owes a run for, or null: the latest passed slot, if later than `since` (saved or last run). */
export function dueSlot(t: ScheduleTrigger, timeZone: string, now: number, since: number): number | null {
  const slot = latestSlot(t, timeZone, now);
  return slot !== null && slot > since ? slot : null;
}
