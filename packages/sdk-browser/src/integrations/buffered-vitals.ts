import type { Metric } from 'web-vitals';

/**
 * Web vitals read at once from the entries the browser has buffered, by web-vitals' own rules, so
 * the values are the ones it reports at that moment. web-vitals.ts reads LCP and TTFB so, and all
 * five for a page hidden before `web-vitals` has started (when the page is idle after `load`): its
 * observers would deliver the entries only in a later task, which a page being left never runs.
 */

export type VitalName = Metric['name'];

/** The entries of `type` buffered so far, taken synchronously (empty where the browser has none). */
export function readBuffered<T extends PerformanceEntry>(type: string): T[] {
  if (!PerformanceObserver.supportedEntryTypes?.includes(type)) return [];
  const observer = new PerformanceObserver(() => undefined);
  observer.observe({ type, buffered: true });
  const entries = observer.takeRecords();
  observer.disconnect();
  return entries as T[];
}

interface LayoutShift {
  startTime: number;
  value: number;
  hadRecentInput: boolean;
}

/**
 * CLS as web-vitals defines it: shifts without recent input are grouped into session windows
 * (each shift less than 1 s after the previous one, the window under 5 s); the largest window's sum.
 */
export function clsOf(shifts: readonly LayoutShift[]): number {
  let max = 0;
  let sum = 0;
  let first = 0;
  let last = 0;
  for (const shift of shifts) {
    if (shift.hadRecentInput) continue;
    if (sum && shift.startTime - last < 1_000 && shift.startTime - first < 5_000) sum += shift.value;
    else {
      sum = shift.value;
      first = shift.startTime;
    }
    last = shift.startTime;
    if (sum > max) max = sum;
  }
  return max;
}

/**
 * INP of the interactions in `entries` (event timing entries; those without an interaction id
 * are not interactions): the longest, which is web-vitals' estimate below 50 interactions. -1 when
 * there was none (web-vitals then reports no INP).
 */
export function inpOf(entries: readonly { interactionId?: number; duration: number }[]): number {
  let inp = -1;
  for (const entry of entries) if (entry.interactionId && entry.duration > inp) inp = entry.duration;
  return inp;
}

export interface Vital {
  name: VitalName;
  value: number;
  navigationType: Metric['navigationType'];
}

/**
 * TTFB, FCP, LCP, CLS and INP of this page so far from the buffered entries. As in web-vitals, paint
 * times count from a prerendered page's activation, paints after the page was first hidden do not
 * count, CLS is reported only for a page that painted, and INP only when there was an interaction.
 * The browser buffers only interactions of 104 ms or more, and the first one.
 */
export function bufferedVitals(): Vital[] {
  const entry = performance.getEntriesByType('navigation')[0] as
    | (PerformanceNavigationTiming & { activationStart?: number })
    | undefined;
  // web-vitals ignores a navigation entry without a response yet.
  const nav = entry && entry.responseStart > 0 && entry.responseStart < performance.now() ? entry : undefined;
  const activation = nav?.activationStart ?? 0;
  const hiddenAt =
    performance
      .getEntriesByType('visibility-state')
      .find((e) => e.name === 'hidden' && e.startTime >= activation)?.startTime ?? Number.POSITIVE_INFINITY;
  const since = (at: number | undefined) => (at === undefined ? -1 : Math.max(at - activation, 0));
  const fcp = readBuffered('paint').find(
    (e) => e.name === 'first-contentful-paint' && e.startTime < hiddenAt,
  );
  const lcp = readBuffered('largest-contentful-paint')
    .filter((e) => e.startTime < hiddenAt)
    .at(-1);
  // web-vitals' names; it also says `restore` for a tab the browser discarded and reloaded.
  const navigationType = (
    activation > 0 ? 'prerender' : (nav?.type.replace(/_/g, '-') ?? 'navigate')
  ) as Metric['navigationType'];
  const values: Array<[VitalName, number]> = [
    ['TTFB', since(nav?.responseStart)],
    ['FCP', since(fcp?.startTime)],
    ['LCP', since(lcp?.startTime)],
    ['CLS', fcp ? clsOf(readBuffered<PerformanceEntry & LayoutShift>('layout-shift')) : -1],
    ['INP', inpOf([...readBuffered('first-input'), ...readBuffered('event')])],
  ];
  return values.filter(([, value]) => value >= 0).map(([name, value]) => ({ name, value, navigationType }));
}
