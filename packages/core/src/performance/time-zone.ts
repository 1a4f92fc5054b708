/**
 * Hours of the day in a project's time zone. Aggregates are kept per UTC hour (epoch ms of its
 * start); a zone with a whole-hour offset maps each UTC hour onto one local hour. Zones with
 * half-hour offsets see windows such as 12:30–13:30: the window is named as it falls locally.
 */
export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

export function hourStart(ms: number): number {
  return Math.floor(ms / HOUR_MS) * HOUR_MS;
}

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    formatters.set(tz, f);
  }
  return f;
}

export interface LocalTime {
  /** YYYY-MM-DD in the zone. */
  date: string;
  hour: number;
  minute: number;
}

export function localTime(ms: number, tz: string): LocalTime {
  const parts: Record<string, string> = {};
  for (const p of formatter(tz).formatToParts(new Date(ms))) parts[p.type] = p.value;
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
  };
}

const hhmm = (h: number, m: number) => `${String(h % 24).padStart(2, '0')}:${String(m).padStart(2, '0')}`;

/** "12:00 and 13:00": the local window an hour bucket covers. */
export function localWindow(hour: number, tz: string): { from: string; to: string } {
  const a = localTime(hour, tz);
  const b = localTime(hour + HOUR_MS, tz);
  return { from: hhmm(a.hour, a.minute), to: hhmm(b.hour, b.minute) };
}

/**
 * The hour buckets that start at the same local time as `hour` on each of the `days` previous
 * days, newest first. Across a daylight-saving change the same local time is 23 or 25 hours
 * away, so each candidate is moved by an hour until its local time matches (or dropped when
 * that time did not exist that day).
 */
export function sameHourOnPreviousDays(hour: number, tz: string, days: number): number[] {
  const want = localTime(hour, tz);
  const out: number[] = [];
  for (let k = 1; k <= days; k++) {
    const base = hour - k * DAY_MS;
    const found = [base, base - HOUR_MS, base + HOUR_MS].find((c) => {
      const t = localTime(c, tz);
      return t.hour === want.hour && t.minute === want.minute;
    });
    if (found !== undefined) out.push(found);
  }
  return out;
}
