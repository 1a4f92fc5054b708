import { z } from 'zod';

/**
 * Version 1 of the replay contract: what the browser SDK sends to POST /api/ingest/v1/replays.
 * A session's recording arrives as numbered chunks of rrweb events; chunks may arrive out of
 * order or twice (retries), the server keys them by (session, seq) and plays them in seq order.
 */

const shortText = z.string().max(1_000);

/** One rrweb event: only its envelope is checked, the rest is the recorder's business. */
export const rrwebEventSchema = z.looseObject({
  type: z.number().int().min(0).max(10),
  timestamp: z.number(),
});
export type RrwebEvent = z.infer<typeof rrwebEventSchema>;

export const REPLAY_SESSION_ID = /^[A-Za-z0-9_-]{1,64}$/;

export const replayChunkSchema = z.strictObject({
  /** Random per chunk; the transport needs it, the server keys chunks by (session_id, seq). */
  event_id: z.string().regex(/^[0-9a-f]{32}$/, 'must be 32 lowercase hex characters'),
  session_id: z.string().regex(REPLAY_SESSION_ID, 'letters, digits, _ or -, at most 64'),
  /** 0, 1, 2… within the session, across page loads. */
  seq: z.number().int().min(0).max(1_000_000),
  started_at: z.number().int().nonnegative(),
  ended_at: z.number().int().nonnegative(),
  /** The page the chunk was recorded on (query string scrubbed by the SDK). */
  url: z.string().max(4_000).default(''),
  release: shortText.optional(),
  environment: shortText.optional(),
  user: z
    .strictObject({ id: shortText.optional(), email: shortText.optional(), username: shortText.optional() })
    .optional(),
  /** Errors and frustration signals (rage/dead clicks) the SDK captured while this chunk was recorded. */
  errors: z.number().int().nonnegative().max(100_000).default(0),
  frustrations: z.number().int().nonnegative().max(100_000).default(0),
  /**
   * `session`: sampled by sessionSampleRate; `error`: the 60 s buffer sent because of an error or
   * frustration; `report`: sent because the user sent a report with the feedback widget.
   */
  trigger: z.enum(['session', 'error', 'report']).default('session'),
  events: z.array(rrwebEventSchema).min(1).max(20_000),
  /** The SDK transport's own notes (e.g. `sdk_dropped_events`). */
  extra: z.record(z.string(), z.unknown()).optional(),
});
export type ReplayChunk = z.infer<typeof replayChunkSchema>;
export type ReplayChunkInput = z.input<typeof replayChunkSchema>;

export const replayBatchSchema = z.strictObject({
  v: z.literal(1),
  sdk: z.strictObject({ name: shortText, version: shortText }).optional(),
  events: z.array(replayChunkSchema).min(1).max(50),
});

/** Custom rrweb event (type 5) tag under which the SDK records its breadcrumbs and captured events. */
export const REPLAY_CUSTOM_TAG = 'closeloop';

/** Payload of a `closeloop` custom event: a breadcrumb, or an event the SDK captured. */
export type ReplayMark =
  | {
      kind: 'crumb';
      type: string;
      category?: string;
      message?: string;
      level?: string;
      data?: Record<string, unknown>;
    }
  | { kind: 'event'; type: string; id: string; title: string; level?: string };
