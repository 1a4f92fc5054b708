/**
 * When a person can take work: working hours in their own time zone, out-of-office periods and a
 * capacity in workload points (see workload.ts).
 */
export interface Availability {
  /** IANA zone, e.g. `Europe/Berlin`. */
  timeZone: string;
  /** ISO weekdays worked, 1 = Monday … 7 = Sunday. */
  workDays: readonly number[];
  /** Minutes after local midnight. */
  workStart: number;
  workEnd: number;
  /** Workload points above which nothing more is auto-assigned. */
  capacity: number;
  outOfOffice: readonly { from: number; to: number }[];
}

export const DEFAULT_AVAILABILITY: Availability = {
  timeZone: 'UTC',
  workDays: [1, 2, 3, 4, 5],
  workStart: 9 * 60,
  workEnd: 17 * 60,
  capacity: 10,
  outOfOffice: [],
};

export function isOutOfOffice(a: Availability, now: number): boolean {
  return a.outOfOffice.some((p) => p.from <= now && now < p.to);
}

/** Local weekday (1–7) and minute of day of an instant in a time zone. */
export function localTime(timeZone: string, at: number): { weekday: number; minute: number; date: string } {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(get('weekday')) + 1;
  return {
    weekday,
    minute: Number(get('hour')) * 60 + Number(get('minute')),
    date: `${get('year')}-${get('month')}-${get('day')}`,
  };
}

export function isWorkingAt(a: Availability, now: number): boolean {
  const t = localTime(a.timeZone, now);
  return a.workDays.includes(t.weekday) && t.minute >= a.workStart && t.minute < a.workEnd;
}
