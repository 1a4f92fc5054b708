import { describe, expect, it } from 'vitest';
import { dueSlot, latestSlot, type ScheduleTrigger } from './schedule.ts';

const weekdaysAt9: ScheduleTrigger = { type: 'schedule', at: '09:00', days: [1, 2, 3, 4, 5] };
const utc = (s: string) => Date.parse(`${s}Z`);

describe('schedule triggers', () => {
  it('falls at the local time of the zone, skipping days not chosen', () => {
    // Monday 2 March 2026, 08:59 in Berlin (UTC+1): the latest slot is Friday 09:00 Berlin.
    expect(latestSlot(weekdaysAt9, 'Europe/Berlin', utc('2026-03-02T07:59:00'))).toBe(
      utc('2026-02-27T08:00:00'),
    );
    expect(latestSlot(weekdaysAt9, 'Europe/Berlin', utc('2026-03-02T08:00:30'))).toBe(
      utc('2026-03-02T08:00:00'),
    );
    // Sunday: Friday's slot is still the latest.
    expect(latestSlot(weekdaysAt9, 'Europe/Berlin', utc('2026-03-01T12:00:00'))).toBe(
      utc('2026-02-27T08:00:00'),
    );
    // The same rule in New York falls five hours later than 09:00 UTC… in winter.
    expect(latestSlot(weekdaysAt9, 'America/New_York', utc('2026-03-02T14:30:00'))).toBe(
      utc('2026-03-02T14:00:00'),
    );
  });

  it('keeps the local time across a daylight-saving change', () => {
    // Berlin moves to UTC+2 on Sunday 29 March 2026: Monday 09:00 is 07:00 UTC.
    expect(latestSlot(weekdaysAt9, 'Europe/Berlin', utc('2026-03-30T07:30:00'))).toBe(
      utc('2026-03-30T07:00:00'),
    );
  });

  it('owes a run only for a slot after the rule was saved or last ran', () => {
    const monday9 = utc('2026-03-02T08:00:00');
    const savedFriday = utc('2026-02-27T10:00:00');
    expect(dueSlot(weekdaysAt9, 'Europe/Berlin', utc('2026-03-02T07:59:00'), savedFriday)).toBeNull();
    expect(dueSlot(weekdaysAt9, 'Europe/Berlin', monday9 + 60_000, savedFriday)).toBe(monday9);
    expect(dueSlot(weekdaysAt9, 'Europe/Berlin', monday9 + 60_000, monday9)).toBeNull();
    // Down all Monday: on Tuesday after 09:00 only Tuesday's slot is owed, once.
    const tuesday9 = utc('2026-03-03T08:00:00');
    expect(dueSlot(weekdaysAt9, 'Europe/Berlin', tuesday9 + 3_600_000, savedFriday)).toBe(tuesday9);
  });
});
