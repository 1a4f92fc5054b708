import { randomBytes } from 'node:crypto';
import { assertCan } from '@closeloop/core/permissions/permissions';
import type {
  Webhook,
  WebhookDelivery,
  webhookCreateBody,
  webhookUpdateBody,
} from '@closeloop/shared/api/webhooks';
import { Invalid, NotFound } from '@closeloop/shared/errors';
import type { z } from 'zod';
import type { Services } from '../services.ts';
import { inTransaction, type Tx } from '../store/transaction.ts';
import {
  type DeliveryRow,
  deleteEndpoint,
  type EndpointRow,
  findDelivery,
  findEndpoint,
  insertDelivery,
  insertEndpoint,
  listDeliveries,
  listEndpoints,
  updateEndpoint,
} from '../store/webhooks-store.ts';
import { checkTargetNow } from '../webhooks/target-guard.ts';
import { enqueueDelivery } from '../webhooks/webhook-fanout.ts';
import type { Actor } from './actor.ts';
import { requireProject } from './projects.ts';

/** After a rotation the old secret keeps signing this long, so receivers can switch without a gap. */
export const ROTATION_GRACE_MS = 24 * 3_600_000;

const newSecret = () => `whsec_${randomBytes(24).toString('base64url')}`;

function present(row: EndpointRow, projectKey: string | null, secret?: string): Webhook {
  return {
    id: row.id,
    name: row.name,
    url: row.url,
    format: row.format as Webhook['format'],
    events: JSON.parse(row.events) as string[],
    projectKey,
    enabled: row.enabled === 1,
    disabledReason: row.disabled_reason,
    previousSecretUntil:
      row.previous_secret_until === null ? null : new Date(Number(row.previous_secret_until)).toISOString(),
    createdAt: new Date(Number(row.created_at)).toISOString(),
    ...(secret ? { secret } : {}),
  };
}

function presentDelivery(d: DeliveryRow): WebhookDelivery {
  return {
    id: d.id,
    webhookId: d.endpoint_id,
    eventType: d.event_type,
    eventId: d.event_id,
    issueKey: d.issue_key,
    state: d.state as WebhookDelivery['state'],
    attempts: d.attempts,
    requestBody: d.request_body,
    requestHeaders: d.request_headers ? (JSON.parse(d.request_headers) as Record<string, string>) : null,
    responseStatus: d.response_status,
    responseBody: d.response_body,
    error: d.error,
    durationMs: d.duration_ms,
    createdAt: new Date(Number(d.created_at)).toISOString(),
    lastAttemptAt: d.last_attempt_at === null ? null : new Date(Number(d.last_attempt_at)).toISOString(),
  };
}

/** Refuses a URL whose host is (or resolves to) an address deliveries may not reach; delivery checks again. */
async function checkUrl(svc: Services, url: string) {
  const u = new URL(url);
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Invalid('A webhook URL is http or https');
  const why = await checkTargetNow(u.hostname, {
    allowPrivate: svc.config.WEBHOOK_ALLOW_PRIVATE,
    allowLoopback: svc.config.WEBHOOK_ALLOW_LOOPBACK,
  });
  if (why) throw new Invalid(`Webhook target refused: ${why}`, { url });
}

async function requireEndpoint(tx: Tx, actor: Actor, id: number) {
  const row = await findEndpoint(tx, actor.workspaceId, id);
  if (!row) throw new NotFound(`Webhook ${id}`);
  return row;
}

async function projectKeyOf(tx: Tx, actor: Actor, row: EndpointRow) {
  return (await listEndpoints(tx, actor.workspaceId)).find((e) => e.id === row.id)?.project_key ?? null;
}

export async function listWebhooks(svc: Services, actor: Actor) {
  assertCan(actor.role, 'project.manage');
  const rows = await listEndpoints(svc.store, actor.workspaceId);
  return { items: rows.map((r) => present(r, r.project_key ?? null)) };
}

export async function createWebhook(svc: Services, actor: Actor, input: z.infer<typeof webhookCreateBody>) {
  assertCan(actor.role, 'project.manage');
  await checkUrl(svc, input.url);
  return inTransaction(svc.store, async (tx) => {
    const project = input.projectKey ? await requireProject(tx, actor.workspaceId, input.projectKey) : null;
    const now = Date.now();
    const secret = newSecret();
    const id = await insertEndpoint(tx, {
      workspace_id: actor.workspaceId,
      project_id: project?.id ?? null,
      name: input.name,
      url: input.url,
      format: input.format,
      events: JSON.stringify(input.events),
      secret,
      previous_secret: null,
      previous_secret_until: null,
      enabled: 1,
      disabled_reason: null,
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    });
    return present((await findEndpoint(tx, actor.workspaceId, id))!, project?.key ?? null, secret);
  });
}

export async function updateWebhook(
  svc: Services,
  actor: Actor,
  id: number,
  input: z.infer<typeof webhookUpdateBody>,
) {
  assertCan(actor.role, 'project.manage');
  if (input.url) await checkUrl(svc, input.url);
  return inTransaction(svc.store, async (tx) => {
    const row = await requireEndpoint(tx, actor, id);
    await updateEndpoint(tx, row.id, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.url !== undefined ? { url: input.url } : {}),
      ...(input.format !== undefined ? { format: input.format } : {}),
      ...(input.events !== undefined ? { events: JSON.stringify(input.events) } : {}),
      ...(input.enabled !== undefined ? { enabled: input.enabled ? 1 : 0, disabled_reason: null } : {}),
      updated_at: Date.now(),
    });
    const after = await requireEndpoint(tx, actor, id);
    return present(after, await projectKeyOf(tx, actor, after));
  });
}

export async function deleteWebhook(svc: Services, actor: Actor, id: number) {
  assertCan(actor.role, 'project.manage');
  await inTransaction(svc.store, async (tx) => {
    await requireEndpoint(tx, actor, id);
    await deleteEndpoint(tx, id);
  });
}

/** A new secret, shown once; the old one keeps signing for ROTATION_GRACE_MS. */
export async function rotateWebhookSecret(svc: Services, actor: Actor, id: number, now = Date.now()) {
  assertCan(actor.role, 'project.manage');
  return inTransaction(svc.store, async (tx) => {
    const row = await requireEndpoint(tx, actor, id);
    const secret = newSecret();
    await updateEndpoint(tx, row.id, {
      secret,
      previous_secret: row.secret,
      previous_secret_until: now + ROTATION_GRACE_MS,
      updated_at: now,
    });
    const after = await requireEndpoint(tx, actor, id);
    return present(after, await projectKeyOf(tx, actor, after), secret);
  });
}

export async function webhookDeliveries(svc: Services, actor: Actor, id: number, limit = 50) {
  assertCan(actor.role, 'project.manage');
  await requireEndpoint(svc.store, actor, id);
  return { items: (await listDeliveries(svc.store, id, limit)).map(presentDelivery) };
}

/** Sends a logged delivery again as a new delivery with the same body (and event id: receivers may dedupe). */
export async function redeliverWebhook(svc: Services, actor: Actor, id: number, deliveryId: number) {
  assertCan(actor.role, 'project.manage');
  const out = await inTransaction(svc.store, async (tx) => {
    const ep = await requireEndpoint(tx, actor, id);
    const d = await findDelivery(tx, deliveryId);
    if (!d || d.endpoint_id !== ep.id) throw new NotFound(`Delivery ${deliveryId}`);
    const now = Date.now();
    const newId = await insertDelivery(tx, {
      workspace_id: d.workspace_id,
      endpoint_id: ep.id,
      event_type: d.event_type,
      event_id: d.event_id,
      issue_id: d.issue_id,
      issue_key: d.issue_key,
      request_body: d.request_body,
      request_headers: null,
      state: 'pending',
      attempts: 0,
      response_status: null,
      response_body: null,
      error: null,
      duration_ms: null,
      created_at: now,
      last_attempt_at: null,
    });
    await enqueueDelivery(svc, tx, newId, ep.id, d.issue_id, now);
    return presentDelivery((await findDelivery(tx, newId))!);
  });
  svc.jobs.wake();
  return out;
}
