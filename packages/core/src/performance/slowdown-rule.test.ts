import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PERFORMANCE_SETTINGS,
  describeSlowdown,
  detectSlowdown,
  type HourStat,
  slowdownSettings,
} from './slowdown-rule.ts';
import { DAY_MS, HOUR_MS } from './time-zone.ts';

const tz = 'America/New_York';
const noon = Date.UTC(2026, 11, 2, 17); // 12:00 EST
const api = slowdownSettings('api', { ...DEFAULT_PERFORMANCE_SETTINGS, thresholds: { api: 10_000 } });

/** A week of hourly p75s: `normal` ms except noon on the given days back (1 = yesterday). */
function week(normal: number, slowNoonsBack: number[], slow: number) {
  const previousWeek: HourStat[] = [];
  for (let h = 1; h <= 7 * 24; h++) {
    const hour = noon - h * HOUR_MS;
    const daysBack = h / 24;
    const isSlowNoon = Number.isInteger(daysBack) && slowNoonsBack.includes(daysBack);
    previousWeek.push({ hour, count: 40, p75: isSlowNoon ? slow : normal });
  }
  const sameHour = Array.from(
    { length: 7 },
    (_, k) => previousWeek.find((x) => x.hour === noon - (k + 1) * DAY_MS)!,
  );
  return { previousWeek, sameHour };
}

describe('performance slowdown rule', () => {
  it('finds a noon slowdown that recurs, and describes it by local window, days and baseline', () => {
    const s = detectSlowdown({
      metric: 'api',
      target: 'POST /api/checkout',
      current: { hour: noon, count: 40, p75: 4100 },
      ...week(300, [1, 2, 3, 4], 4100),
      settings: api,
      timeZone: tz,
    });
    expect(s).toMatchObject({ reason: 'baseline', baseline: 300, slowDays: 5, days: 7 });
    expect(describeSlowdown(s!)).toBe(
      'p75 of POST /api/checkout is 4.1 s between 12:00 and 13:00 America/New_York on 5 of the last 7 days; baseline 300 ms',
    );
    expect(s!.affectedLevel).toBe(1000);
  });

  it('ignores a rise below the floor, below the factor, or with too few samples', () => {
    const base = {
      metric: 'api' as const,
      target: 'GET /x',
      ...week(300, [], 0),
      settings: api,
      timeZone: tz,
    };
    expect(detectSlowdown({ ...base, current: { hour: noon, count: 40, p75: 900 } })).toBeNull();
    expect(
      detectSlowdown({ ...base, ...week(800, [], 0), current: { hour: noon, count: 40, p75: 1500 } }),
    ).toBeNull();
    expect(detectSlowdown({ ...base, current: { hour: noon, count: 5, p75: 4000 } })).toBeNull();
  });

  it("needs history for the baseline, but Google's poor thresholds apply from the first hour", () => {
    const lcp = slowdownSettings('LCP', DEFAULT_PERFORMANCE_SETTINGS);
    const first = { target: '/product/:id', sameHour: [], previousWeek: [], timeZone: 'UTC' };
    expect(
      detectSlowdown({
        ...first,
        metric: 'api',
        settings: api,
        current: { hour: noon, count: 40, p75: 5000 },
      }),
    ).toBeNull();
    const s = detectSlowdown({
      ...first,
      metric: 'LCP',
      settings: lcp,
      current: { hour: noon, count: 40, p75: 4600 },
    });
    expect(s?.reason).toBe('threshold');
    expect(describeSlowdown(s!)).toBe(
      'p75 of LCP on /product/:id is 4.6 s between 17:00 and 18:00 UTC on 1 of the last 7 days; "poor" above 4.0 s',
    );
  });

  it('judges a quiet hour against its own history when that is lower than the week', () => {
    const { previousWeek } = week(900, [], 0);
    const sameHour = Array.from({ length: 7 }, (_, k) => ({
      hour: noon - (k + 1) * DAY_MS,
      count: 40,
      p75: 400,
    }));
    const s = detectSlowdown({
      metric: 'api',
      target: 'GET /x',
      current: { hour: noon, count: 40, p75: 1200 },
      sameHour,
      previousWeek,
      settings: api,
      timeZone: tz,
    });
    expect(s?.baseline).toBe(400);
  });
});
