import { z } from 'zod';

/**
 * Version 1 of the event contract between Closeloop's SDKs (and the Sentry adapter) and the
 * ingest endpoint. A batch is validated event by event so that one bad event does not spoil
 * the rest. Add fields as optional; a breaking change is a new `v`.
 */

const shortText = z.string().max(1_000);
const longText = z.string().max(16_000);

export const stackFrameSchema = z.strictObject({
  function: shortText.optional(),
  module: shortText.optional(),
  filename: shortText.optional(),
  abs_path: shortText.optional(),
  lineno: z.number().int().nonnegative().optional(),
  colno: z.number().int().nonnegative().optional(),
  in_app: z.boolean().optional(),
  context_line: longText.optional(),
  pre_context: z.array(longText).max(20).optional(),
  post_context: z.array(longText).max(20).optional(),
});
export type StackFrame = z.infer<typeof stackFrameSchema>;

export const exceptionSchema = z.strictObject({
  type: shortText,
  value: longText.default(''),
  /** Outermost call first, innermost (where it was thrown) last — Sentry's order. */
  frames: z.array(stackFrameSchema).max(250).default([]),
  /** The raw `error.stack` when the SDK could not parse it. */
  stack: z.string().max(64_000).optional(),
  mechanism: z.strictObject({ type: shortText, handled: z.boolean().optional() }).optional(),
});
export type IngestException = z.infer<typeof exceptionSchema>;

export const breadcrumbSchema = z.strictObject({
  timestamp: z.number(),
  type: z.enum(['click', 'navigation', 'request', 'console', 'log', 'error', 'default']).default('default'),
  category: shortText.optional(),
  message: longText.optional(),
  level: z.enum(['debug', 'info', 'warning', 'error', 'fatal']).optional(),
  data: z.record(z.string(), z.unknown()).optional(),
});
export type Breadcrumb = z.infer<typeof breadcrumbSchema>;

export const EVENT_TYPES = [
  'error',
  'message',
  'network',
  'console',
  'vital',
  'page_load',
  'route_change',
  'rage_click',
  'dead_click',
  'transaction',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const VITAL_NAMES = ['LCP', 'INP', 'CLS', 'TTFB', 'FCP'] as const;

export const ingestEventSchema = z.strictObject({
  /** 32 hex chars (a UUID without dashes), chosen by the client so retries are idempotent. */
  event_id: z.string().regex(/^[0-9a-f]{32}$/, 'must be 32 lowercase hex characters'),
  type: z.enum(EVENT_TYPES),
  /** Milliseconds since the epoch, client clock. */
  timestamp: z.number().positive(),
  platform: z.enum(['browser', 'node', 'other']).default('other'),
  level: z.enum(['debug', 'info', 'warning', 'error', 'fatal']).optional(),
  release: shortText.optional(),
  environment: shortText.optional(),
  session_id: shortText.optional(),
  url: z.string().max(4_000).optional(),
  route: shortText.optional(),
  user: z
    .strictObject({
      id: shortText.optional(),
      email: shortText.optional(),
      username: shortText.optional(),
      ip_address: shortText.optional(),
    })
    .optional(),
  exception: exceptionSchema.optional(),
  message: z
    .strictObject({
      formatted: longText,
      template: longText.optional(),
      params: z.array(z.unknown()).max(50).optional(),
    })
    .optional(),
  request: z
    .strictObject({
      url: z.string().max(4_000),
      method: z.string().max(16).default('GET'),
      status: z.number().int().min(0).max(999).optional(),
      duration_ms: z.number().nonnegative().optional(),
      error: shortText.optional(),
    })
    .optional(),
  vital: z
    .strictObject({
      name: z.enum(VITAL_NAMES),
      value: z.number(),
      rating: z.enum(['good', 'needs-improvement', 'poor']).optional(),
    })
    .optional(),
  /** Navigation timing of a page load or route change, milliseconds from navigation start. */
  timing: z.record(z.string(), z.number()).optional(),
  click: z
    .strictObject({
      selector: shortText,
      text: shortText.optional(),
      count: z.number().int().positive().optional(),
      /** Epoch ms (client clock) of the first and last click reported: what a following failure is matched against. */
      started_at: z.number().positive().optional(),
      ended_at: z.number().positive().optional(),
    })
    .optional(),
  transaction: z.record(z.string(), z.unknown()).optional(),
  breadcrumbs: z.array(breadcrumbSchema).max(100).optional(),
  contexts: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
  tags: z.record(z.string().max(200), z.string().max(1_000)).optional(),
  fingerprint: z.array(shortText).max(20).optional(),
  extra: z.record(z.string(), z.unknown()).optional(),
  sdk: z.strictObject({ name: shortText, version: shortText }).optional(),
});
export type IngestEvent = z.infer<typeof ingestEventSchema>;
export type IngestEventInput = z.input<typeof ingestEventSchema>;

/** The body of POST /api/ingest/v1/events. Events are checked one by one, see the route. */
export const ingestBatchSchema = z.strictObject({
  v: z.literal(1),
  sdk: z.strictObject({ name: shortText, version: shortText }).optional(),
  events: z.array(z.unknown()).min(1).max(1_000),
});
