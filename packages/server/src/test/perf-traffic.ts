import { randomBytes } from 'node:crypto';
import type { IngestEventInput } from '@closeloop/shared/ingest/event';

/**
 * Synthetic shop traffic for performance tests and the checkout simulation: sessions that go
 * /cart → /checkout → POST /api/checkout → /order/:id, as the browser SDK reports them (page
 * load with timings, route changes, the checkout call as a sampled `transaction` when fast and
 * as a slow `network` event when slow). A slow checkout makes a chosen share of sessions abandon.
 * Deterministic: the n-th session of an hour always behaves the same way.
 */
export interface TrafficHour {
  /** Epoch ms of the hour's start. */
  hour: number;
  sessions: number;
  checkoutMs: number;
  /** Share of sessions that leave before /order/:id. */
  abandon: number;
  release?: string;
}

const id = () => randomBytes(16).toString('hex');

export function sessionEvents(h: TrafficHour, n: number): IngestEventInput[] {
  const session = `${id().slice(0, 8)}${String(h.hour).slice(-8)}s${n}`;
  const start = h.hour + Math.floor(((n + 0.5) * 3_600_000) / (h.sessions + 1));
  const origin = 'https://shop.test';
  const common = {
    platform: 'browser' as const,
    session_id: session,
    release: h.release ?? 'shop@1.0.0',
    user: { id: `u-${h.hour}-${n}` },
    contexts: { browser: { name: n % 3 === 0 ? 'Firefox' : 'Chrome', version: '126.0' } },
  };
  // Abandoners are spread over the hour: session n leaves when the fraction so far falls behind.
  const leaves = Math.floor((n + 1) * h.abandon) > Math.floor(n * h.abandon);
  const jitter = 1 + ((n * 37) % 11) / 50; // ±10%, so percentiles are not one repeated value
  const checkoutMs = Math.round(h.checkoutMs * jitter);
  const slow = checkoutMs >= 3000;
  const events: IngestEventInput[] = [
    {
      ...common,
      event_id: id(),
      type: 'page_load',
      timestamp: start,
      url: `${origin}/cart`,
      route: '/cart',
      timing: { ttfb: 80, dom_content_loaded: 350 * jitter, load: 700 * jitter },
    },
    {
      ...common,
      event_id: id(),
      type: 'vital',
      timestamp: start + 800,
      url: `${origin}/cart`,
      route: '/cart',
      vital: { name: 'LCP', value: 1200 * jitter },
    },
    {
      ...common,
      event_id: id(),
      type: 'route_change',
      timestamp: start + 5_000,
      url: `${origin}/checkout`,
      route: '/checkout',
    },
    {
      ...common,
      event_id: id(),
      type: slow ? 'network' : 'transaction',
      timestamp: start + 9_000 + checkoutMs,
      url: `${origin}/checkout`,
      route: '/checkout',
      request: { url: `${origin}/api/checkout`, method: 'POST', status: 200, duration_ms: checkoutMs },
      ...(slow
        ? { level: 'warning' as const, tags: { 'network.problem': 'slow' } }
        : { transaction: { op: 'http.client', sample_rate: 1 } }),
    },
  ];
  if (!leaves)
    events.push({
      ...common,
      event_id: id(),
      type: 'route_change',
      timestamp: start + 10_000 + checkoutMs,
      url: `${origin}/order/${1000 + n}`,
      route: `/order/${1000 + n}`,
    });
  return events;
}

export function hourEvents(h: TrafficHour): IngestEventInput[] {
  return Array.from({ length: h.sessions }, (_, n) => sessionEvents(h, n)).flat();
}
