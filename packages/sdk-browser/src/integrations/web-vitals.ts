import { type Metric, onCLS, onFCP, onINP, onLCP, onTTFB } from 'web-vitals';
import type { Client } from '../client.ts';
import { guarded } from '../guard.ts';

/**
 * LCP, INP, CLS, TTFB and FCP from Google's `web-vitals`, one `vital` event each as it is
 * finalised (LCP, CLS and INP on page hide; web-vitals listens in the capture phase on
 * window, so its reports are queued before the SDK's own hide flush runs).
 */
export function webVitals(client: Client): () => void {
  let active = true;
  const report = (metric: Metric) => {
    if (!active) return;
    guarded(() => {
      client._capture({
        type: 'vital',
        level: 'info',
        vital: { name: metric.name, value: metric.value, rating: metric.rating },
        tags: { 'navigation.type': metric.navigationType },
      });
    });
  };
  for (const subscribe of [onLCP, onINP, onCLS, onTTFB, onFCP]) guarded(() => subscribe(report));
  // web-vitals has no unsubscribe; stop forwarding instead.
  return () => {
    active = false;
  };
}
