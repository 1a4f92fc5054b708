import { z } from 'zod';

/**
 * Events an outbound webhook can subscribe to (its filter). `issue.sla_warning` / `issue.sla_breached`
 * come once per SLA clock from the SLA worker (commands/sla-evaluate.ts), with `sla` in the body.
 */
export const WEBHOOK_EVENTS = [
  'issue.created',
  'issue.updated',
  'issue.deleted',
  'comment.created',
  'comment.updated',
  'comment.deleted',
  'issue.sla_warning',
  'issue.sla_breached',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];

/** `json`: our signed event body; the others are the incoming-webhook shapes of those chat tools. */
export const WEBHOOK_FORMATS = ['json', 'slack', 'mattermost', 'teams'] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

export const DELIVERY_STATES = ['pending', 'retrying', 'delivered', 'dead', 'dropped', 'cancelled'] as const;

export const webhookCreateBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  url: z.string().trim().url().max(2_000),
  format: z.enum(WEBHOOK_FORMATS).default('json'),
  events: z.array(z.enum(WEBHOOK_EVENTS)).min(1).max(WEBHOOK_EVENTS.length),
  /** Absent or null: every project of the workspace. */
  projectKey: z.string().min(1).max(10).nullable().optional(),
});

export const webhookUpdateBody = z.strictObject({
  name: z.string().trim().min(1).max(100).optional(),
  url: z.string().trim().url().max(2_000).optional(),
  format: z.enum(WEBHOOK_FORMATS).optional(),
  events: z.array(z.enum(WEBHOOK_EVENTS)).min(1).max(WEBHOOK_EVENTS.length).optional(),
  /** Re-enabling clears the reason it was disabled. */
  enabled: z.boolean().optional(),
});

export const webhookSchema = z.object({
  id: z.number(),
  name: z.string(),
  url: z.string(),
  format: z.enum(WEBHOOK_FORMATS),
  events: z.array(z.string()),
  projectKey: z.string().nullable(),
  enabled: z.boolean(),
  /** Why the endpoint was switched off (attempts ran out), for admins. */
  disabledReason: z.string().nullable(),
  /** Until then deliveries are signed with the previous secret as well. */
  previousSecretUntil: z.string().nullable(),
  createdAt: z.string(),
  /** Present only in the answer that made the secret: configure the receiver now. */
  secret: z.string().optional(),
});
export type Webhook = z.infer<typeof webhookSchema>;

export const webhookDeliverySchema = z.object({
  id: z.number(),
  webhookId: z.number(),
  eventType: z.string(),
  eventId: z.string(),
  issueKey: z.string().nullable(),
  state: z.enum(DELIVERY_STATES),
  attempts: z.number(),
  requestBody: z.string(),
  requestHeaders: z.record(z.string(), z.string()).nullable(),
  responseStatus: z.number().nullable(),
  responseBody: z.string().nullable(),
  error: z.string().nullable(),
  durationMs: z.number().nullable(),
  createdAt: z.string(),
  lastAttemptAt: z.string().nullable(),
});
export type WebhookDelivery = z.infer<typeof webhookDeliverySchema>;
