/**
 * A project's business calendar (issue 12.3): the hours in which SLA clocks run, in the project's
 * time zone, without its holidays; or around the clock. One per project; reports and performance
 * baselines may read the same calendar.
 */
export interface BusinessCalendar {
  /** IANA zone, e.g. `Europe/Berlin`. */
  timeZone: string;
  /** Clocks run every minute of every day (holidays and hours are then ignored). */
  aroundTheClock: boolean;
  /** ISO weekdays worked, 1 = Monday … 7 = Sunday. */
  workDays: readonly number[];
  /** Minutes after local midnight; `workStart < workEnd` (no shifts across midnight). */
  workStart: number;
  workEnd: number;
  /** Local calendar dates (`YYYY-MM-DD`) on which the clock does not run. */
  holidays: readonly string[];
}

export const DEFAULT_CALENDAR: BusinessCalendar = {
  timeZone: 'UTC',
  aroundTheClock: false,
  workDays: [1, 2, 3, 4, 5],
  workStart: 9 * 60,
  workEnd: 17 * 60,
  holidays: [],
};

const MINUTE = 60_000;
/** No clock looks further ahead than this for the end of a target (a calendar without working days never ends). */
const HORIZON_DAYS = 3 * 366;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      hourCycle: 'h23',
    });
    // Zones come from project settings (validated there), so the map stays small.
    formatters.set(timeZone, f);
  }
  return f;
}

interface LocalParts {
  y: number;
  m: number;
  d: number;
  minute: number;
}

function localParts(timeZone: string, at: number): LocalParts & { second: number } {
  const parts = formatter(timeZone).formatToParts(at);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  return {
    y: get('year'),
    m: get('month'),
    d: get('day'),
    minute: (get('hour') % 24) * 60 + get('minute'),
    second: get('second'),
  };
}

/** Offset of the zone from UTC at an instant, in ms (positive east of Greenwich). */
function offsetAt(timeZone: string, at: number): number {
  const p = localParts(timeZone, at);
  const asUtc = Date.UTC(p.y, p.m - 1, p.d, 0, p.minute, p.second);
  return asUtc - (at - (((at % 1000) + 1000) % 1000));
}

/** The instant of a local wall-clock time; a time skipped by a DST change moves forward with it. */
export function localToInstant(timeZone: string, y: number, m: number, d: number, minute: number): number {
  const wall = Date.UTC(y, m - 1, d, 0, minute);
  const first = wall - offsetAt(timeZone, wall);
  const second = wall - offsetAt(timeZone, first);
  return second;
}

/** The local calendar date of an instant in a zone (for schedules that name a local time). */
export function localDateOf(timeZone: string, at: number): { y: number; m: number; d: number } {
  const { y, m, d } = localParts(timeZone, at);
  return { y, m, d };
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

const isoWeekday = (y: number, m: number, d: number) =>
  ((new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7) + 1;
const dateText = (y: number, m: number, d: number) =>
  `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/**
 * The working windows `[start, end)` of a calendar from the local day containing `from` onwards,
 * as instants, in order. Around the clock there is one endless window.
 */
function* windowsFrom(cal: BusinessCalendar, from: number): Generator<[number, number]> {
  if (cal.aroundTheClock) {
    yield [from, Number.POSITIVE_INFINITY];
    return;
  }
  const start = localParts(cal.timeZone, from);
  const holidays = new Set(cal.holidays);
  for (let n = 0; n < HORIZON_DAYS; n++) {
    const day = new Date(Date.UTC(start.y, start.m - 1, start.d + n));
    const [y, m, d] = [day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate()];
    if (!cal.workDays.includes(isoWeekday(y, m, d)) || holidays.has(dateText(y, m, d))) continue;
    yield [
      localToInstant(cal.timeZone, y, m, d, cal.workStart),
      localToInstant(cal.timeZone, y, m, d, cal.workEnd),
    ];
  }
}

/** Business time between two instants, in ms. */
export function businessMsBetween(cal: BusinessCalendar, from: number, to: number): number {
  if (to <= from) return 0;
  if (cal.aroundTheClock) return to - from;
  let total = 0;
  for (const [a, b] of windowsFrom(cal, from)) {
    if (a >= to) break;
    const lo = Math.max(a, from);
    const hi = Math.min(b, to);
    if (hi > lo) total += hi - lo;
  }
  return total;
}

/**
 * The instant at which `ms` of business time have passed after `from`; null when the calendar
 * never gets there (no working days within the horizon).
 */
export function addBusinessMs(cal: BusinessCalendar, from: number, ms: number): number | null {
  if (ms <= 0) return from;
  let left = ms;
  for (const [a, b] of windowsFrom(cal, from)) {
    const lo = Math.max(a, from);
    if (b <= lo) continue;
    if (b - lo >= left) return lo + left;
    left -= b - lo;
  }
  return null;
}

export const minutesToMs = (minutes: number) => Math.round(minutes * MINUTE);
