import type { IngestEvent } from '@closeloop/shared/ingest/event';
import { isMetric, type Metric, toStored } from './metrics.ts';
import { pathOf, routeTemplate } from './route-template.ts';

/**
 * The performance samples one event carries, in stored units:
 * - `vital`: the web vital, on the route template of the page;
 * - `page_load`: Navigation Timing's `load` and `dom_content_loaded`;
 * - API calls: a `network` event (slow or failed, with a duration) or a `transaction` event with
 *   `transaction.op = 'http.client'` (the browser SDK's sampled timings of ordinary requests,
 *   `tracesSampleRate`), on `METHOD /path-template`. A sampled request stands for
 *   1 / sample_rate requests, so fast calls sent at 10% weigh 10 beside the slow and failed
 *   ones that are always sent: percentiles are not pulled up by the sampling.
 */
export interface PerfSample {
  metric: Metric;
  target: string;
  value: number;
  weight: number;
}

const PAGE_TIMINGS: [string, Metric][] = [
  ['load', 'load'],
  ['dom_content_loaded', 'dom_content_loaded'],
];

export function pageTarget(event: IngestEvent, patterns: readonly string[]): string | null {
  const where = event.route ?? event.url;
  return where ? routeTemplate(where, patterns) : null;
}

/** `POST /api/checkout`; the host is kept when the call leaves the page's origin. */
export function endpointTarget(event: IngestEvent, patterns: readonly string[]): string | null {
  const r = event.request;
  if (!r) return null;
  const method = (r.method || 'GET').toUpperCase();
  const host = hostOf(r.url);
  const pageHost = event.url ? hostOf(event.url) : null;
  const prefix = host && host !== pageHost ? host : '';
  return `${method} ${prefix}${routeTemplate(r.url, patterns)}`;
}

export function perfSamples(event: IngestEvent, patterns: readonly string[]): PerfSample[] {
  if (event.type === 'vital' && event.vital && isMetric(event.vital.name)) {
    const target = pageTarget(event, patterns);
    if (!target || !Number.isFinite(event.vital.value)) return [];
    return [
      { metric: event.vital.name, target, value: toStored(event.vital.name, event.vital.value), weight: 1 },
    ];
  }
  if (event.type === 'page_load' && event.timing) {
    const target = pageTarget(event, patterns);
    if (!target) return [];
    const out: PerfSample[] = [];
    for (const [key, metric] of PAGE_TIMINGS) {
      const v = event.timing[key];
      if (typeof v === 'number' && Number.isFinite(v) && v >= 0)
        out.push({ metric, target, value: v, weight: 1 });
    }
    return out;
  }
  const isCall =
    event.type === 'network' || (event.type === 'transaction' && event.transaction?.op === 'http.client');
  const duration = event.request?.duration_ms;
  if (isCall && typeof duration === 'number') {
    const target = endpointTarget(event, patterns);
    if (!target) return [];
    const rate = Number(event.transaction?.sample_rate);
    const weight = event.type === 'transaction' && rate > 0 && rate <= 1 ? Math.round(1 / rate) : 1;
    return [{ metric: 'api', target, value: duration, weight }];
  }
  return [];
}

/** The page path a session was on, for flows: page loads and route changes only. */
export function visitedPath(event: IngestEvent): string | null {
  if (event.type !== 'page_load' && event.type !== 'route_change') return null;
  const where = event.url ?? event.route;
  return where ? pathOf(where).slice(0, 500) : null;
}

function hostOf(url: string): string | null {
  const m = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/([^/?#]*)/.exec(url);
  return m ? m[1]!.replace(/^.*@/, '').toLowerCase() : null;
}
