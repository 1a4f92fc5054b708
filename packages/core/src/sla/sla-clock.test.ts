import { describe, expect, it } from 'vitest';
import { type BusinessCalendar, DEFAULT_CALENDAR, localToInstant } from './business-calendar.ts';
import { badgeOf, type IssueState, nextCheckAt, slaClock, slaClocks } from './sla-clock.ts';
import { NO_ESCALATION, type SlaPolicy } from './sla-policy.ts';

const H = 3_600_000;
const MIN = 60_000;
const ALWAYS: BusinessCalendar = { ...DEFAULT_CALENDAR, aroundTheClock: true };
const BERLIN: BusinessCalendar = {
  timeZone: 'Europe/Berlin',
  aroundTheClock: false,
  workDays: [1, 2, 3, 4, 5],
  workStart: 9 * 60,
  workEnd: 17 * 60,
  holidays: [],
};
const berlin = (date: string, hhmm: string) => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = hhmm.split(':').map(Number) as [number, number];
  return localToInstant('Europe/Berlin', y, m, d, hh * 60 + mm);
};

const policy: SlaPolicy = {
  targets: [
    { priority: 'urgent', type: null, firstResponseMinutes: 60, resolutionMinutes: 4 * 60 },
    { priority: 'high', type: null, firstResponseMinutes: 4 * 60, resolutionMinutes: 16 * 60 },
    { priority: 'high', type: 'incident', firstResponseMinutes: 30, resolutionMinutes: 2 * 60 },
    { priority: 'low', type: null, firstResponseMinutes: 8 * 60, resolutionMinutes: null },
  ],
  pausedStatuses: ['waiting'],
  warnAtPercent: 75,
  escalation: NO_ESCALATION,
};

const T0 = Date.UTC(2026, 5, 1, 10, 0); // a Monday
const st = (at: number, over: Partial<IssueState> = {}): IssueState => ({
  at,
  status: 'todo',
  category: 'todo',
  priority: 'high',
  type: 'bug',
  ...over,
});

describe('SLA clocks around the clock', () => {
  it('runs from creation, warns at the warning share and gives the due instant', () => {
    const h = { states: [st(T0, { priority: 'urgent' })], firstResponseAt: null };
    const at30 = slaClock('first_response', policy, ALWAYS, h, T0 + 30 * MIN)!;
    expect(at30).toMatchObject({ state: 'running', warning: false, elapsedMs: 30 * MIN, dueAt: T0 + H });
    expect(at30.warnAt).toBe(T0 + 45 * MIN);
    const at50 = slaClock('first_response', policy, ALWAYS, h, T0 + 50 * MIN)!;
    expect(at50).toMatchObject({ state: 'running', warning: true, warnAt: null });
    const at61 = slaClock('first_response', policy, ALWAYS, h, T0 + 61 * MIN)!;
    expect(at61).toMatchObject({ state: 'breached', breachedAt: T0 + H, warning: false });
  });

  it('stops the first-response clock at the response: met before the target', () => {
    const h = { states: [st(T0, { priority: 'urgent' })], firstResponseAt: T0 + 20 * MIN };
    const c = slaClock('first_response', policy, ALWAYS, h, T0 + 5 * H)!;
    expect(c).toMatchObject({ state: 'met', elapsedMs: 20 * MIN, stoppedAt: T0 + 20 * MIN, dueAt: null });
    // The resolution clock goes on.
    expect(slaClock('resolution', policy, ALWAYS, h, T0 + 5 * H)!.state).toBe('breached');
  });

  it('takes the typed target over the untyped one of the same priority', () => {
    const h = { states: [st(T0, { type: 'incident' })], firstResponseAt: null };
    expect(slaClock('first_response', policy, ALWAYS, h, T0)!.targetMs).toBe(30 * MIN);
    const bug = { states: [st(T0)], firstResponseAt: null };
    expect(slaClock('first_response', policy, ALWAYS, bug, T0)!.targetMs).toBe(4 * H);
  });

  it('takes a target by custom field value over typed and plain ones, and the most specific of them', () => {
    const tiered: SlaPolicy = {
      ...policy,
      targets: [
        ...policy.targets,
        {
          priority: 'high',
          type: null,
          field: { key: 'tier', value: 'gold' },
          firstResponseMinutes: 15,
          resolutionMinutes: 60,
        },
        {
          priority: 'high',
          type: 'incident',
          field: { key: 'tier', value: 'gold' },
          firstResponseMinutes: 5,
          resolutionMinutes: 30,
        },
      ],
    };
    const clock = (type: string, fields: Record<string, string[]>) =>
      slaClock(
        'first_response',
        tiered,
        ALWAYS,
        { states: [st(T0, { type })], firstResponseAt: null, fields },
        T0,
      )!.targetMs;
    expect(clock('bug', { tier: ['gold'] })).toBe(15 * MIN);
    expect(clock('incident', { tier: ['gold'] })).toBe(5 * MIN);
    expect(clock('incident', { tier: ['silver'] })).toBe(30 * MIN);
    expect(clock('bug', { tier: ['silver'] })).toBe(4 * H);
    expect(clock('bug', {})).toBe(4 * H);
    // A multi-select holding the value counts.
    expect(clock('bug', { tier: ['gold', 'partner'] })).toBe(15 * MIN);
  });

  it('has no clock where the policy makes no promise', () => {
    const h = { states: [st(T0, { priority: 'low' })], firstResponseAt: null };
    expect(slaClock('resolution', policy, ALWAYS, h, T0 + H)).toBeNull();
    expect(
      slaClock('first_response', policy, ALWAYS, { ...h, states: [st(T0, { priority: 'medium' })] }, T0),
    ).toBeNull();
  });
});

describe('SLA clocks in paused statuses', () => {
  it('stands still while the issue waits and resumes after', () => {
    const h = {
      states: [
        st(T0),
        st(T0 + H, { status: 'waiting', category: 'in_progress' }),
        st(T0 + 4 * H, { status: 'in_progress', category: 'in_progress' }),
      ],
      firstResponseAt: null,
    };
    const during = slaClock(
      'resolution',
      policy,
      ALWAYS,
      { ...h, states: h.states.slice(0, 2) },
      T0 + 3 * H,
    )!;
    expect(during).toMatchObject({ state: 'paused', elapsedMs: H, dueAt: null, warnAt: null });
    const after = slaClock('resolution', policy, ALWAYS, h, T0 + 5 * H)!;
    expect(after).toMatchObject({ state: 'running', elapsedMs: 2 * H, dueAt: T0 + 5 * H + 14 * H });
  });

  it('counts only open time for resolution when an issue is closed and reopened', () => {
    const h = {
      states: [
        st(T0),
        st(T0 + 2 * H, { status: 'done', category: 'done' }),
        st(T0 + 10 * H, { status: 'todo', category: 'todo' }),
      ],
      firstResponseAt: T0 + H,
    };
    const closed = slaClock(
      'resolution',
      policy,
      ALWAYS,
      { ...h, states: h.states.slice(0, 2) },
      T0 + 9 * H,
    )!;
    expect(closed).toMatchObject({ state: 'met', elapsedMs: 2 * H, stoppedAt: T0 + 2 * H });
    expect(slaClock('resolution', policy, ALWAYS, h, T0 + 11 * H)).toMatchObject({
      state: 'running',
      elapsedMs: 3 * H,
    });
  });
});

describe('SLA clocks when the priority changes mid-flight', () => {
  it('keeps the elapsed time and breaches at once when the new, shorter target is already past', () => {
    const h = {
      states: [st(T0, { priority: 'low' }), st(T0 + 2 * H, { priority: 'urgent' })],
      firstResponseAt: null,
    };
    const c = slaClock('first_response', policy, ALWAYS, h, T0 + 3 * H)!;
    expect(c).toMatchObject({ state: 'breached', breachedAt: T0 + 2 * H, targetMs: H, elapsedMs: 3 * H });
  });

  it('moves the due instant out when the priority is lowered before the breach', () => {
    const h = {
      states: [st(T0, { priority: 'urgent' }), st(T0 + 30 * MIN, { priority: 'high' })],
      firstResponseAt: null,
    };
    const c = slaClock('first_response', policy, ALWAYS, h, T0 + 2 * H)!;
    expect(c).toMatchObject({ state: 'running', targetMs: 4 * H, dueAt: T0 + 4 * H });
  });

  it('stays breached after a breach even when the priority is lowered', () => {
    const h = {
      states: [st(T0, { priority: 'urgent' }), st(T0 + 2 * H, { priority: 'high' })],
      firstResponseAt: null,
    };
    expect(slaClock('first_response', policy, ALWAYS, h, T0 + 3 * H)).toMatchObject({
      state: 'breached',
      breachedAt: T0 + H,
    });
  });
});

describe('SLA clocks in business hours', () => {
  it('runs only in working hours of the time zone: Friday 16:00 + 4h is Monday 12:00 in Berlin', () => {
    const created = berlin('2026-06-05', '16:00'); // a Friday
    const h = { states: [st(created)], firstResponseAt: null };
    const c = slaClock('first_response', policy, BERLIN, h, berlin('2026-06-06', '12:00'))!;
    expect(c).toMatchObject({ state: 'running', elapsedMs: H, dueAt: berlin('2026-06-08', '12:00') });
    // 16:00 Berlin in June is 14:00 UTC.
    expect(new Date(created).toISOString()).toBe('2026-06-05T14:00:00.000Z');
  });

  it('skips holidays', () => {
    const cal = { ...BERLIN, holidays: ['2026-06-08'] };
    const h = { states: [st(berlin('2026-06-05', '16:00'))], firstResponseAt: null };
    const c = slaClock('first_response', policy, cal, h, berlin('2026-06-05', '16:30'))!;
    expect(c.dueAt).toBe(berlin('2026-06-09', '12:00'));
  });

  it('counts a working day as eight hours across a daylight-saving change (New York, March)', () => {
    const cal = { ...BERLIN, timeZone: 'America/New_York' };
    const ny = (d: number, minute: number) => localToInstant('America/New_York', 2026, 3, d, minute);
    // DST starts Sunday 8 March 2026; Friday 6 March 9:00 → Monday 9 March 17:00 is two working days.
    const h = { states: [st(ny(6, 9 * 60), { priority: 'high' })], firstResponseAt: null };
    const c = slaClock('resolution', policy, cal, h, ny(9, 17 * 60))!;
    expect(c.elapsedMs).toBe(16 * H);
    expect(c.breachedAt).toBe(ny(9, 17 * 60));
  });

  it('does not count a pause outside working hours twice', () => {
    const created = berlin('2026-06-08', '15:00'); // a Monday
    const h = {
      states: [
        st(created),
        st(berlin('2026-06-08', '16:00'), { status: 'waiting', category: 'in_progress' }),
        st(berlin('2026-06-09', '10:00'), { status: 'todo', category: 'todo' }),
      ],
      firstResponseAt: null,
    };
    const c = slaClock('first_response', policy, BERLIN, h, berlin('2026-06-09', '11:00'))!;
    expect(c).toMatchObject({ elapsedMs: 2 * H, dueAt: berlin('2026-06-09', '13:00') });
  });
});

describe('SLA badge', () => {
  it('is the worst clock: breached, then breaching soon, on track, paused, met', () => {
    const h = { states: [st(T0, { priority: 'urgent' })], firstResponseAt: null };
    expect(badgeOf(slaClocks(policy, ALWAYS, h, T0 + 10 * MIN))).toBe('on_track');
    expect(badgeOf(slaClocks(policy, ALWAYS, h, T0 + 50 * MIN))).toBe('breaching_soon');
    expect(badgeOf(slaClocks(policy, ALWAYS, h, T0 + 2 * H))).toBe('breached');
    const answered = { ...h, firstResponseAt: T0 + MIN };
    const done = {
      states: [...h.states, st(T0 + H, { status: 'done', category: 'done', priority: 'urgent' })],
      firstResponseAt: T0 + MIN,
    };
    expect(badgeOf(slaClocks(policy, ALWAYS, answered, T0 + 10 * MIN))).toBe('on_track');
    expect(badgeOf(slaClocks(policy, ALWAYS, done, T0 + 2 * H))).toBe('met');
    expect(badgeOf([])).toBeNull();
  });

  it('schedules the next check at the earliest warning or due instant', () => {
    const h = { states: [st(T0, { priority: 'urgent' })], firstResponseAt: null };
    expect(nextCheckAt(slaClocks(policy, ALWAYS, h, T0))).toBe(T0 + 45 * MIN);
    expect(nextCheckAt(slaClocks(policy, ALWAYS, h, T0 + 50 * MIN))).toBe(T0 + H);
  });
});
