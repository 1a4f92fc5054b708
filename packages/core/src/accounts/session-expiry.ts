/**
 * When a sign-in session ends (issue 15): after `idleMs` without a request, or `absoluteMs` after
 * sign-in whatever happens. A stolen cookie therefore stops working within the idle window once
 * its owner stops using it, and never lives longer than the absolute one.
 */
export interface SessionPolicy {
  idleMs: number;
  absoluteMs: number;
}

const DAY_MS = 24 * 3600 * 1000;
export const DEFAULT_SESSION_POLICY: SessionPolicy = { idleMs: 14 * DAY_MS, absoluteMs: 30 * DAY_MS };

/**
 * The last-seen time is written at most this often per session: reads must not turn into a write
 * per request (SQLite has one writer), and a minute is far below any idle window.
 */
export const SESSION_TOUCH_GAP_MS = 60_000;

export interface SessionTimes {
  /** The absolute end, fixed at sign-in. */
  expiresAt: number;
  lastSeenAt: number;
}

/** The instant the session stops working unless it is used before then. */
export function sessionEndsAt(s: SessionTimes, policy: SessionPolicy): number {
  return Math.min(s.expiresAt, s.lastSeenAt + policy.idleMs);
}

export function sessionAlive(s: SessionTimes, now: number, policy: SessionPolicy): boolean {
  return now < sessionEndsAt(s, policy);
}

/** Whether this use of a live session should move its last-seen time. */
export function sessionNeedsTouch(lastSeenAt: number, now: number): boolean {
  return now - lastSeenAt >= SESSION_TOUCH_GAP_MS;
}
