import type { Client } from '../client.ts';
import { guarded } from '../guard.ts';
import { afterLoad } from '../idle.ts';

/**
 * Navigation Timing of the page load, in milliseconds from navigation start
 * (https://www.w3.org/TR/navigation-timing-2/). Values the browser did not measure
 * (no TLS on plain http; a negative value) are left out; 0, e.g. a cached DNS lookup, is kept.
 */
export function navigationTiming(nav: PerformanceNavigationTiming): Record<string, number> {
  const raw: Record<string, number> = {
    dns: nav.domainLookupEnd - nav.domainLookupStart,
    connect: nav.connectEnd - nav.connectStart,
    tls: nav.secureConnectionStart > 0 ? nav.connectEnd - nav.secureConnectionStart : -1,
    ttfb: nav.responseStart,
    response: nav.responseEnd - nav.responseStart,
    dom_interactive: nav.domInteractive,
    dom_content_loaded: nav.domContentLoadedEventEnd,
    load: nav.loadEventEnd,
    duration: nav.duration,
    transfer_size: nav.transferSize,
  };
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (typeof v === 'number' && Number.isFinite(v) && v >= 0) out[k] = Math.round(v * 10) / 10;
  }
  return out;
}

/** One `page_load` event per document, sent once `load` has finished (so loadEventEnd is set). */
export function pageLoad(client: Client): void {
  afterLoad(
    () =>
      guarded(() => {
        const nav = performance.getEntriesByType?.('navigation')[0] as
          | PerformanceNavigationTiming
          | undefined;
        const timing = nav ? navigationTiming(nav) : {};
        client._capture({
          type: 'page_load',
          level: 'info',
          timing,
          ...(nav?.type ? { tags: { 'navigation.type': nav.type } } : {}),
        });
        client.addBreadcrumb({ type: 'navigation', category: 'page_load', message: location.pathname });
      }),
    client._signal,
  );
}
