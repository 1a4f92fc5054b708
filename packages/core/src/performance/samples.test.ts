import type { IngestEvent } from '@closeloop/shared/ingest/event';
import { describe, expect, it } from 'vitest';
import { perfSamples, visitedPath } from './samples.ts';

const base = {
  event_id: 'a'.repeat(32),
  timestamp: 1,
  platform: 'browser' as const,
  url: 'https://shop.test/product/12',
};
const ev = (e: Partial<IngestEvent>) => ({ ...base, ...e }) as IngestEvent;

describe('performance samples of an event', () => {
  it('put vitals on the route template, CLS ×1000', () => {
    expect(perfSamples(ev({ type: 'vital', vital: { name: 'LCP', value: 2300 } }), [])).toEqual([
      { metric: 'LCP', target: '/product/:id', value: 2300, weight: 1 },
    ]);
    expect(perfSamples(ev({ type: 'vital', vital: { name: 'CLS', value: 0.3 } }), [])[0]?.value).toBeCloseTo(
      300,
    );
  });

  it('take load timings from page loads', () => {
    const s = perfSamples(
      ev({ type: 'page_load', timing: { load: 900, dom_content_loaded: 400, ttfb: 80 } }),
      [],
    );
    expect(s.map((x) => [x.metric, x.value])).toEqual([
      ['load', 900],
      ['dom_content_loaded', 400],
    ]);
  });

  it('time API calls per endpoint, weighting sampled ones by their rate', () => {
    const slow = ev({
      type: 'network',
      request: { url: 'https://shop.test/api/orders/7', method: 'post', status: 200, duration_ms: 4100 },
    });
    expect(perfSamples(slow, [])).toEqual([
      { metric: 'api', target: 'POST /api/orders/:id', value: 4100, weight: 1 },
    ]);
    const sampled = ev({
      type: 'transaction',
      transaction: { op: 'http.client', sample_rate: 0.1 },
      request: { url: 'https://api.other.test/v1/cart', method: 'GET', duration_ms: 90 },
    });
    expect(perfSamples(sampled, [])).toEqual([
      { metric: 'api', target: 'GET api.other.test/v1/cart', value: 90, weight: 10 },
    ]);
    expect(perfSamples(ev({ type: 'error' }), [])).toEqual([]);
  });

  it('note the paths a session visits from page loads and route changes', () => {
    expect(visitedPath(ev({ type: 'route_change', url: 'https://shop.test/checkout?step=2' }))).toBe(
      '/checkout',
    );
    expect(visitedPath(ev({ type: 'error' }))).toBeNull();
  });
});
