import { describe, expect, it } from 'vitest';
import { SESSION_TOUCH_GAP_MS, sessionAlive, sessionEndsAt, sessionNeedsTouch } from './session-expiry.ts';

const policy = { idleMs: 1000, absoluteMs: 5000 };

describe('session expiry', () => {
  it('ends a session left idle for the idle window', () => {
    const s = { expiresAt: 5000, lastSeenAt: 0 };
    expect(sessionAlive(s, 999, policy)).toBe(true);
    expect(sessionAlive(s, 1000, policy)).toBe(false);
  });

  it('ends a session at its absolute end even when it is used all the time', () => {
    const s = { expiresAt: 5000, lastSeenAt: 4900 };
    expect(sessionEndsAt(s, policy)).toBe(5000);
    expect(sessionAlive(s, 4999, policy)).toBe(true);
    expect(sessionAlive(s, 5000, policy)).toBe(false);
  });

  it('moves the last-seen time at most once per gap', () => {
    expect(sessionNeedsTouch(0, SESSION_TOUCH_GAP_MS - 1)).toBe(false);
    expect(sessionNeedsTouch(0, SESSION_TOUCH_GAP_MS)).toBe(true);
  });
});
