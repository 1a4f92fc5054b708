export interface SlowCheckout {
  /** Hour of the day (0–23) in `timeZone` during which POST /api/checkout is slow. */
  hour: number;
  /** IANA time zone, e.g. America/New_York. */
  timeZone: string;
  /** Added to the checkout's latency during that hour. */
  delayMs: number;
}
export interface ShopOptions {
  port?: number;
  host?: string;
  dsn?: string;
  release?: string;
  environment?: string;
  /**
   * Serve the SDK build with session replay and the feedback widget ("Report a problem"): record
   * every session, or keep a buffer sent on errors and with a report.
   */
  replay?: 'session' | 'on-error' | null;
  /** The slow-checkout switch (default from SLOW_CHECKOUT_HOUR / _TZ / _MS). */
  slowCheckout?: SlowCheckout;
  /** The checkout's ordinary latency in ms (default 120). */
  checkoutMs?: number;
  /** Share of ordinary API calls whose timing the SDK sends (default 1: a demo wants every one). */
  tracesSampleRate?: number;
  /** The shop server's clock, for the slow hour (default Date.now). */
  now?: () => number;
  /**
   * Serve the SDK files of this output folder of packages/sdk-browser/build.ts (closeloop.iife.js,
   * or the feedback build with `replay`) instead of building the SDK from its source.
   */
  sdkDist?: string;
}
export interface RunningShop {
  url: string;
  /** The source map of /app.min.js, for uploading to Closeloop. */
  appMap: string;
  close: () => Promise<void>;
}
export function startShop(opts?: ShopOptions): Promise<RunningShop>;
/** The hour (0–23) of epoch ms `at` in `timeZone`. */
export function hourIn(at: number, timeZone: string): number;
