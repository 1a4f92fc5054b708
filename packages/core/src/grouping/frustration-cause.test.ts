import type { IngestEvent } from '@closeloop/shared/ingest/event';
import { describe, expect, it } from 'vitest';
import {
  CLICK_CLOCK_SLACK_MS,
  causeWindow,
  clickSpan,
  describeEvidence,
  FRUSTRATION_CAUSE_WINDOW_MS,
  isCauseKind,
  pickCause,
} from './frustration-cause.ts';

const T = 1_718_000_000_000;
const click = (over: Partial<IngestEvent> = {}): IngestEvent => ({
  event_id: 'a'.repeat(32),
  type: 'rage_click',
  timestamp: T + 2_000,
  platform: 'browser',
  session_id: 's1',
  click: { selector: 'button#pay', count: 3, started_at: T, ended_at: T + 800 },
  ...over,
});

describe('clickSpan', () => {
  it('takes the clicks’ own times from the SDK', () => {
    expect(clickSpan(click())).toEqual({
      type: 'rage_click',
      sessionId: 's1',
      startedAt: T,
      endedAt: T + 800,
    });
  });

  it('has no span without a session or for other event types', () => {
    expect(clickSpan(click({ session_id: undefined }))).toBeNull();
    expect(clickSpan(click({ session_id: '  ' }))).toBeNull();
    expect(clickSpan(click({ type: 'error' }))).toBeNull();
  });

  it('reads an event without click times as reported after its clicks', () => {
    const dead = clickSpan(click({ type: 'dead_click', click: { selector: 'a#x' } }))!;
    expect(dead).toEqual({
      type: 'dead_click',
      sessionId: 's1',
      startedAt: T + 2_000 - 1_300,
      endedAt: T + 2_000,
    });
    const rage = clickSpan(click({ click: { selector: 'a#x', count: 4 } }))!;
    // Reported 1.05 s after the last click; the burst is taken to last about the 1 s rage window.
    expect(rage.startedAt).toBe(T + 2_000 - 1_050 - 1_000);
    expect(rage.endedAt).toBe(T + 2_000);
  });
});

describe('pickCause', () => {
  const span = clickSpan(click())!;
  const f = (at: number, sessionId = 's1') => ({ at, sessionId });

  it('takes a failure from the first click up to 5 s after the last one', () => {
    const { from, to } = causeWindow(span);
    expect(from).toBe(T - CLICK_CLOCK_SLACK_MS);
    expect(to).toBe(T + 800 + FRUSTRATION_CAUSE_WINDOW_MS);
    expect(pickCause(span, [f(T)])).toEqual(f(T)); // thrown by the click's own handler
    expect(pickCause(span, [f(T + 400)])).toEqual(f(T + 400)); // during the burst
    expect(pickCause(span, [f(to)])).toEqual(f(to));
    expect(pickCause(span, [f(to + 1)])).toBeUndefined(); // too late: something else
    expect(pickCause(span, [f(from - 1)])).toBeUndefined(); // before the clicks: not what they ran into
  });

  it('only joins a failure of the same session, and the earliest of several', () => {
    expect(pickCause(span, [f(T + 100, 's2')])).toBeUndefined();
    expect(pickCause(span, [f(T + 3_000), f(T + 1_000), f(T + 2_000, 's2')])).toEqual(f(T + 1_000));
  });

  it('joins errors and failed requests only', () => {
    expect(isCauseKind('error')).toBe(true);
    expect(isCauseKind('network')).toBe(true);
    expect(isCauseKind('frustration')).toBe(false);
    expect(isCauseKind('performance')).toBe(false);
  });
});

describe('describeEvidence', () => {
  it('says how many clicks ran into the failure', () => {
    expect(
      describeEvidence(
        { type: 'rage_click', selector: 'button#pay', text: 'Pay now', events: 3, sessions: 2 },
        'error',
      ),
    ).toBe('3 rage clicks on "Pay now" (button#pay) just before this error, in 2 sessions');
    expect(
      describeEvidence(
        { type: 'dead_click', selector: 'a#gift', text: null, events: 1, sessions: 1 },
        'network',
      ),
    ).toBe('1 dead click on a#gift just before this failed request');
  });
});
