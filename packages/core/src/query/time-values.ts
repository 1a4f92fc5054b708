import type { Span } from './query-ast.ts';
import { QueryError } from './query-error.ts';

export const DAY_MS = 86_400_000;

/** A date or time as a query states it: a calendar day, an exact instant, or an offset from now. */
export type TimeValue = { kind: 'day' | 'instant' | 'relative'; ms: number };

const UNIT_MS: Record<string, number> = { h: 3_600_000, d: DAY_MS, w: 7 * DAY_MS };

/**
 * `2026-12-01` (a UTC day), `2026-12-01T09:30:00Z` (an instant), `today`, `yesterday`,
 * `-7d` / `+2w` / `-24h` / `-3m` / `-1y` (relative to now; m = months, y = years).
 */
export function parseTimeValue(v: string, now: number, at: Span): TimeValue {
  const s = v.toLowerCase();
  const startOfToday = Math.floor(now / DAY_MS) * DAY_MS;
  if (s === 'today') return { kind: 'day', ms: startOfToday };
  if (s === 'yesterday') return { kind: 'day', ms: startOfToday - DAY_MS };
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (day) {
    const [y, m, d] = [Number(day[1]), Number(day[2]), Number(day[3])];
    const ms = Date.UTC(y, m - 1, d);
    const back = new Date(ms);
    if (back.getUTCFullYear() === y && back.getUTCMonth() === m - 1 && back.getUTCDate() === d)
      return { kind: 'day', ms };
  }
  if (/^\d{4}-\d{2}-\d{2}t\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(z|[+-]\d{2}:\d{2})?$/.test(s)) {
    const ms = Date.parse(v);
    if (Number.isFinite(ms)) return { kind: 'instant', ms };
  }
  const rel = /^([+-]?)(\d{1,4})([hdwmy])$/.exec(s);
  if (rel) {
    const sign = rel[1] === '+' ? 1 : -1;
    const n = Number(rel[2]) * sign;
    const unit = rel[3]!;
    if (unit === 'm' || unit === 'y') {
      const d = new Date(now);
      if (unit === 'm') d.setUTCMonth(d.getUTCMonth() + n);
      else d.setUTCFullYear(d.getUTCFullYear() + n);
      if (Number.isFinite(d.getTime())) return { kind: 'relative', ms: d.getTime() };
    } else {
      return { kind: 'relative', ms: now + n * UNIT_MS[unit]! };
    }
  }
  throw new QueryError(`"${v}" is not a date`, at, [
    'a date like 2026-12-01',
    'a relative time like -7d or +2w',
    'today',
  ]);
}
