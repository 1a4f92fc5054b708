import { describe, expect, it } from 'vitest';
import { parseSnooze } from './snooze.ts';

describe('snooze input', () => {
  const now = Date.parse('2026-12-02T12:00:00Z');
  it('reads durations as a wake time', () => {
    expect(parseSnooze('4h', now)).toEqual({ until: '2026-12-02T16:00:00.000Z' });
    expect(parseSnooze(' 2d ', now)).toEqual({ until: '2026-12-04T12:00:00.000Z' });
    expect(parseSnooze('30m', now)).toEqual({ until: '2026-12-02T12:30:00.000Z' });
  });
  it('reads "+N users" and "+N events" as escalation', () => {
    expect(parseSnooze('+50 users')).toEqual({ moreUsers: 50 });
    expect(parseSnooze('1000 events')).toEqual({ moreEvents: 1000 });
  });
  it('rejects anything else', () => {
    expect(parseSnooze('tomorrowish')).toBeNull();
  });
});
