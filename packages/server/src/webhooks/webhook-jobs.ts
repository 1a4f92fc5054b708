import { subscribeInOrder } from '../live/ordered-subscriber.ts';
import type { Services } from '../services.ts';
import { deliverWebhook } from './webhook-delivery.ts';
import { DELIVER_KIND, fanOutChange } from './webhook-fanout.ts';

// Keyed by the bus: copies of a Services object (tests spread it) share the bus.
const fanOuts = new WeakMap<object, { settled(): Promise<void> }>();

/** Resolves when every change published so far has been turned into deliveries (tests wait on it). */
export function webhookFanOutSettled(svc: Services): Promise<void> {
  return fanOuts.get(svc.bus)?.settled() ?? Promise.resolve();
}

/**
 * `webhook.deliver` runs one attempt of a delivery. Committed changes are fanned out to
 * deliveries one after another, in bus order, so one issue's events get job ids in the order
 * they happened (the ordering key then keeps that order through retries).
 */
export function defineWebhookJobs(svc: Services): void {
  svc.jobs.define(DELIVER_KIND, (p: { deliveryId: number }, ctx) => deliverWebhook(svc, p.deliveryId, ctx), {
    maxAttempts: svc.config.WEBHOOK_MAX_ATTEMPTS,
    backoff: { baseMs: svc.config.WEBHOOK_RETRY_BASE_MS, capMs: 3_600_000 },
    leaseMs: 60_000,
  });
  const sub = subscribeInOrder(svc.bus, 'queue webhook deliveries of a change', async (change) => {
    if ((await fanOutChange(svc, change)) > 0) svc.jobs.wake();
  });
  fanOuts.set(svc.bus, sub);
}
