import { isExhausted } from '@closeloop/core/jobs/backoff';
import { type JobContext, PermanentJobFailure, RetryLater } from '../jobs/job-runner.ts';
import type { Services } from '../services.ts';
import { findDelivery, findEndpoint, updateDelivery, updateEndpoint } from '../store/webhooks-store.ts';
import { sendWebhook, type WebhookResponse } from './send-webhook.ts';
import { RefusedTarget } from './target-guard.ts';
import { signatureHeader } from './webhook-signature.ts';

const FINISHED = new Set(['delivered', 'dead', 'cancelled', 'dropped']);

/**
 * One attempt of one delivery (the `webhook.deliver` job). A 2xx delivers; anything else is
 * recorded in the log and retried with backoff (Retry-After honoured) until the attempts run
 * out: then the delivery is dead and its endpoint disabled, with the reason shown to admins.
 * A target the guard refuses is not retried: the endpoint is disabled at once.
 */
export async function deliverWebhook(svc: Services, deliveryId: number, ctx: JobContext): Promise<void> {
  const d = await findDelivery(svc.store, deliveryId);
  if (!d || FINISHED.has(d.state)) return;
  const ep = await findEndpoint(svc.store, d.workspace_id, d.endpoint_id);
  if (ep?.enabled !== 1) {
    await updateDelivery(svc.store, d.id, { state: 'cancelled', error: 'the endpoint is disabled' });
    return;
  }
  const secrets = [ep.secret];
  if (ep.previous_secret && (ep.previous_secret_until ?? 0) > ctx.now) secrets.push(ep.previous_secret);
  const headers = {
    'content-type': 'application/json',
    'user-agent': 'Closeloop-Webhooks/1',
    'closeloop-event': d.event_type,
    'closeloop-event-id': d.event_id,
    'closeloop-delivery': String(d.id),
    'closeloop-signature': signatureHeader(secrets, d.request_body, Math.floor(ctx.now / 1000)),
  };
  const policy = {
    allowPrivate: svc.config.WEBHOOK_ALLOW_PRIVATE,
    allowLoopback: svc.config.WEBHOOK_ALLOW_LOOPBACK,
  };
  const started = Date.now();
  let res: WebhookResponse | null = null;
  let error: string | null = null;
  let refused = false;
  try {
    res = await sendWebhook(ep.url, d.request_body, headers, policy);
    if (res.status < 200 || res.status >= 300) error = `answered ${res.status}`;
  } catch (err) {
    error = err instanceof Error ? err.message : String(err);
    refused = err instanceof RefusedTarget;
  }
  const ok = error === null;
  const last = !ok && (refused || isExhausted(ctx.attempt, svc.config.WEBHOOK_MAX_ATTEMPTS));
  await updateDelivery(svc.store, d.id, {
    state: ok ? 'delivered' : last ? 'dead' : 'retrying',
    attempts: ctx.attempt,
    request_headers: JSON.stringify(headers),
    response_status: res?.status ?? null,
    response_body: res?.body ?? null,
    error,
    duration_ms: Date.now() - started,
    last_attempt_at: ctx.now,
  });
  if (ok) return;
  if (last) {
    const reason = refused
      ? `Disabled: the target was refused (${error})`
      : `Disabled after ${ctx.attempt} failed attempts of delivery ${d.id} (${error})`;
    await updateEndpoint(svc.store, ep.id, { enabled: 0, disabled_reason: reason, updated_at: ctx.now });
    throw new PermanentJobFailure(reason);
  }
  if (res?.retryAfterMs) throw new RetryLater(error ?? 'retry', res.retryAfterMs);
  throw new Error(`webhook delivery ${d.id}: ${error}`);
}
