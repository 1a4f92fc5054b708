/**
 * Work the SDK can do later than `init()` (restoring the offline queue, starting session replay):
 * it runs once the page has loaded and the main thread is idle, so the page load does not wait
 * for it (DESIGN.md's < 5 ms budget is about the page load).
 */

/** At the latest this long after `load`, even on a page that is never idle. */
export const IDLE_TIMEOUT_MS = 2_000;

/** Runs `fn` in a task of its own after `load` (at once, in a task, when the page has loaded already). */
export function afterLoad(fn: () => void, signal: AbortSignal): void {
  const later = () => setTimeout(fn);
  if (document.readyState === 'complete') later();
  else addEventListener('load', later, { once: true, signal });
}

/**
 * Runs `task` once, after `load` in an idle period (`requestIdleCallback`, or a timer where the
 * browser has none, as Safari), unless `signal` (the client's close) has fired by then.
 */
export function afterLoadWhenIdle(task: () => void, signal: AbortSignal): void {
  const run = () => signal.aborted || task();
  afterLoad(
    () =>
      typeof requestIdleCallback === 'function'
        ? requestIdleCallback(run, { timeout: IDLE_TIMEOUT_MS })
        : setTimeout(run, 1),
    signal,
  );
}
