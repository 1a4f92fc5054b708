import { describe, expect, it } from 'vitest';
import { HOUR_MS, localWindow, sameHourOnPreviousDays } from './time-zone.ts';

describe('project time zone', () => {
  it('names an hour bucket by its local window', () => {
    // 17:00 UTC on 2 Dec 2026 is 12:00 in New York (EST, UTC-5).
    expect(localWindow(Date.UTC(2026, 11, 2, 17), 'America/New_York')).toEqual({
      from: '12:00',
      to: '13:00',
    });
    expect(localWindow(Date.UTC(2026, 11, 2, 17), 'Asia/Kolkata')).toEqual({ from: '22:30', to: '23:30' });
  });

  it('finds the same local hour on previous days across a daylight-saving change', () => {
    // 2 Nov 2026 12:00 EST = 17:00 UTC; on 31 Oct (EDT) noon is 16:00 UTC.
    const hour = Date.UTC(2026, 10, 2, 17);
    const [d1, d2, d3] = sameHourOnPreviousDays(hour, 'America/New_York', 3);
    expect(d1).toBe(Date.UTC(2026, 10, 1, 17));
    expect(d2).toBe(Date.UTC(2026, 9, 31, 16));
    expect(d3).toBe(Date.UTC(2026, 9, 30, 16));
    expect(sameHourOnPreviousDays(hour, 'UTC', 2)).toEqual([hour - 24 * HOUR_MS, hour - 48 * HOUR_MS]);
  });
});
