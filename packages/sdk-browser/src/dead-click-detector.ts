/**
 * Dead click: a click on an element that looks interactive after which nothing observable
 * happens — no DOM mutation, navigation, request or scroll — within DEAD_CLICK_TIMEOUT_MS.
 *
 * The wait is a trade-off between published choices: Mixpanel's dead-click autocapture
 * waits 500 ms (DEFAULT_DEAD_CLICK_TIMEOUT_MS in mixpanel-browser src/autocapture/deadclick.js),
 * Amplitude treats a click without a mutation within 500 ms as a non-action click, and
 * Sentry waits up to 7 s before calling a click dead ("slow")
 * (https://docs.sentry.io/platforms/javascript/session-replay/issue-types). 1 s keeps
 * the report near the moment of frustration while giving slow handlers twice Mixpanel's time.
 */
export const DEAD_CLICK_TIMEOUT_MS = 1_000;

/** A watched click: its element and when it was made (the clock the caller feeds in). */
export interface DeadClick<T> {
  target: T;
  at: number;
}

export class DeadClickDetector<T> {
  private _pending: DeadClick<T>[] = [];

  get _size(): number {
    return this._pending.length;
  }

  /** Starts watching a click. A repeat click on an element already watched is not a new candidate. */
  _click(target: T, at: number): boolean {
    if (this._pending.some((p) => p.target === target)) return false;
    this._pending.push({ target, at });
    return true;
  }

  /** Something happened at `at`: every click made at or before it was answered. */
  _activity(at: number): void {
    this._pending = this._pending.filter((p) => p.at > at);
  }

  /** Clicks left unanswered for the whole timeout: dead, with their click time. They are removed. */
  _expire(now: number): DeadClick<T>[] {
    const dead: DeadClick<T>[] = [];
    this._pending = this._pending.filter((p) => {
      if (now - p.at >= DEAD_CLICK_TIMEOUT_MS) {
        dead.push(p);
        return false;
      }
      return true;
    });
    return dead;
  }
}
