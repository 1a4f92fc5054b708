import { PERF_METRICS } from '@closeloop/shared/api/performance';

/**
 * What the performance pipeline measures, per target: a route template for page metrics, or
 * `METHOD /path-template` for API calls. Values are stored in milliseconds; CLS, which has no
 * unit, is stored ×1000 so that one histogram scale serves every metric.
 */
export const METRICS = PERF_METRICS;
export type Metric = (typeof METRICS)[number];

export const METRIC_LABELS: Record<Metric, string> = {
  LCP: 'Largest Contentful Paint',
  INP: 'Interaction to Next Paint',
  CLS: 'Cumulative Layout Shift',
  TTFB: 'Time to First Byte',
  FCP: 'First Contentful Paint',
  load: 'Page load',
  dom_content_loaded: 'DOMContentLoaded',
  api: 'API call duration',
};

export function isMetric(name: string): name is Metric {
  return (METRICS as readonly string[]).includes(name);
}

/** Stored value of a measured one (CLS ×1000). */
export function toStored(metric: Metric, value: number): number {
  return metric === 'CLS' ? value * 1000 : value;
}
export function fromStored(metric: Metric, value: number): number {
  return metric === 'CLS' ? value / 1000 : value;
}

/**
 * Google's "poor" boundaries for the Core Web Vitals and their helpers (https://web.dev/articles/vitals:
 * LCP > 4 s, INP > 500 ms, CLS > 0.25; https://web.dev/articles/fcp: FCP > 3 s;
 * https://web.dev/articles/ttfb: TTFB > 1.8 s). API calls: 3 s, the browser SDK's `slowRequestMs`
 * default. Page load and DOMContentLoaded have no published boundary: only the baseline rule applies.
 * Values in display units (ms; CLS unitless); a project may override any of them.
 */
export const DEFAULT_POOR_THRESHOLDS: Partial<Record<Metric, number>> = {
  LCP: 4000,
  INP: 500,
  CLS: 0.25,
  FCP: 3000,
  TTFB: 1800,
  api: 3000,
};

/** Below this p75 a rise over the baseline is not worth an issue (display units). */
export const DEFAULT_FLOORS: Record<Metric, number> = {
  LCP: 1000,
  INP: 200,
  CLS: 0.1,
  FCP: 1000,
  TTFB: 500,
  load: 1000,
  dom_content_loaded: 1000,
  api: 1000,
};

export function formatMetricValue(metric: Metric, value: number): string {
  if (metric === 'CLS') return value.toFixed(2);
  if (value >= 1000) return `${(value / 1000).toFixed(1)} s`;
  return `${Math.round(value)} ms`;
}
