import { type Metric, onCLS, onFCP, onINP } from 'web-vitals';
import type { Client } from '../client.ts';
import { guarded } from '../guard.ts';
import { afterLoadWhenIdle } from '../idle.ts';
import { bufferedVitals, type Vital } from './buffered-vitals.ts';

/**
 * LCP, INP, CLS, TTFB and FCP, one `vital` event each as it is final.
 *
 * Nothing is set up for them during the page load: starting Google's `web-vitals` in `init()` was
 * most of the main-thread time the SDK added to a page load (bench/RESULTS.md). It starts when the
 * page has loaded and is idle, for the metrics that go on changing after it (INP, CLS) and FCP,
 * and its observers read what the browser buffered meanwhile. The rest is read from the buffered
 * entries by web-vitals' rules (buffered-vitals.ts): TTFB at the start, LCP when it is final (the
 * first input or hide), and all five when the page is hidden before the start (left while loading).
 * Where a late start alone would differ from a start in `init()`:
 * - CLS: web-vitals takes the buffered shifts as one batch and keeps only the session window they
 *   end in; the largest window before the start is measured here and reported when it is larger;
 * - INP: the browser buffers only interactions of 104 ms or more, and the first one, so a shorter
 *   one before the start is missed (it matters only if it would have been the page's longest).
 * Unlike web-vitals, a page restored from the back/forward cache reports no new LCP or TTFB.
 * The hide listeners are on window in the capture phase, so the vitals are queued before the SDK's
 * hide flush (start.ts) runs.
 */
export function webVitals(client: Client): () => void {
  let active = true;
  let started = false;
  let lcpFinal = false;
  // web-vitals (started after an early hide) and a later hide report unchanged values again.
  const sent: Partial<Record<Vital['name'], number>> = {};
  const report = ({ name, value, navigationType }: Vital) => {
    if (!active || sent[name] === value) return;
    sent[name] = value;
    client._capture({
      type: 'vital',
      level: 'info',
      // No rating: the server rates by its own, per-project thresholds (docs/performance.md).
      vital: { name, value },
      tags: { 'navigation.type': navigationType },
    });
  };
  const fromBuffer = (which: (name: Vital['name']) => boolean) =>
    guarded(() => {
      for (const vital of bufferedVitals()) if (which(vital.name)) report(vital);
    });

  const signal = client._signal;
  afterLoadWhenIdle(() => {
    started = true;
    let clsBefore = 0;
    guarded(() => {
      for (const vital of bufferedVitals()) {
        if (vital.name === 'TTFB') report(vital);
        if (vital.name === 'CLS') clsBefore = vital.value;
      }
    });
    const forward = (metric: Metric) =>
      guarded(() =>
        report(metric.name === 'CLS' && clsBefore > metric.value ? { ...metric, value: clsBefore } : metric),
      );
    for (const subscribe of [onINP, onCLS, onFCP]) guarded(() => subscribe(forward));
  }, signal);

  // LCP is final at the first input (read when idle, not in the input's own task) or hide.
  const onInput = (event: Event) => {
    if (!event.isTrusted || lcpFinal) return;
    lcpFinal = true;
    (globalThis.requestIdleCallback ?? setTimeout)(() => fromBuffer((name) => name === 'LCP'));
  };
  const onHide = (event: Event) => {
    if (event.type === 'pagehide' || document.visibilityState === 'hidden') {
      fromBuffer((name) => !started || name === 'LCP');
    }
  };
  for (const type of ['keydown', 'click']) addEventListener(type, onInput, { capture: true, signal });
  addEventListener('visibilitychange', onHide, { capture: true, signal });
  addEventListener('pagehide', onHide, { capture: true, signal });
  // web-vitals has no unsubscribe; stop forwarding instead.
  return () => {
    active = false;
  };
}
