/**
 * Rage click: at least RAGE_CLICK_COUNT clicks on the same element, each within
 * RAGE_CLICK_RADIUS_PX of the previous one, with RAGE_CLICK_COUNT of them inside
 * RAGE_CLICK_WINDOW_MS. These are PostHog's published defaults (RageclickConfig:
 * click_count 3, threshold_px 30, timeout_ms 1000 —
 * https://posthog.com/docs/references/posthog-js-1.292.0/types/RageclickConfig); Sentry's
 * replay issue docs likewise count "3 or more" clicks on one element
 * (https://docs.sentry.io/platforms/javascript/session-replay/issue-types). A burst lasts
 * while clicks keep coming within the window and is reported once, when it ends, with its
 * full count.
 */
export const RAGE_CLICK_COUNT = 3;
export const RAGE_CLICK_WINDOW_MS = 1_000;
export const RAGE_CLICK_RADIUS_PX = 30;

export interface RageBurst<T> {
  target: T;
  count: number;
  first: number;
  last: number;
}

interface Burst<T> extends RageBurst<T> {
  _x: number;
  _y: number;
  _recent: number[];
  _rage: boolean;
}

export class RageClickDetector<T> {
  private _burst: Burst<T> | undefined;

  /** Feeds a click; returns the previous burst if this click ended it and it was a rage click. */
  _click(target: T, x: number, y: number, at: number): RageBurst<T> | undefined {
    const b = this._burst;
    if (
      b &&
      b.target === target &&
      at - b.last <= RAGE_CLICK_WINDOW_MS &&
      Math.hypot(x - b._x, y - b._y) <= RAGE_CLICK_RADIUS_PX
    ) {
      b.count++;
      b.last = at;
      b._x = x;
      b._y = y;
      b._recent.push(at);
      if (b._recent.length > RAGE_CLICK_COUNT) b._recent.shift();
      if (b._recent.length === RAGE_CLICK_COUNT && at - (b._recent[0] ?? at) <= RAGE_CLICK_WINDOW_MS)
        b._rage = true;
      return undefined;
    }
    const ended = this._end();
    this._burst = {
      target,
      count: 1,
      first: at,
      last: at,
      _x: x,
      _y: y,
      _recent: [at],
      _rage: RAGE_CLICK_COUNT <= 1,
    };
    return ended;
  }

  /** Ends the current burst once no click can continue it; returns it if it was a rage click. */
  _expire(now: number): RageBurst<T> | undefined {
    if (this._burst && now - this._burst.last > RAGE_CLICK_WINDOW_MS) return this._end();
    return undefined;
  }

  private _end(): RageBurst<T> | undefined {
    const b = this._burst;
    this._burst = undefined;
    return b?._rage ? { target: b.target, count: b.count, first: b.first, last: b.last } : undefined;
  }
}
