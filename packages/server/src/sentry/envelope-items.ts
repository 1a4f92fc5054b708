import { Invalid } from '@closeloop/shared/errors';
import { decodeBody, isGzip, isZlibWrapped } from './decompress.ts';
import { type EnvelopeItem, InvalidEnvelope, itemJson, parseJsonAt } from './envelope.ts';
import { normalizeEventId } from './event-parts.ts';
import { asNonEmptyString, isRecord, type JsonRecord } from './trim.ts';

/** Handlers for the item types that are stored as they are (attachments, replays, feedback). */

export interface Attachment {
  /** The event the attachment belongs to (the envelope header's `event_id`). */
  eventId: string;
  filename: string;
  contentType: string;
  /** Sentry's `attachment_type`, e.g. `event.attachment` (default) or `event.minidump`. */
  attachmentType: string;
  data: Buffer;
}

export type Replay =
  | { eventId: string; kind: 'event'; payload: JsonRecord }
  /** `payload` is the rrweb event list as JSON bytes, inflated if the SDK compressed it. */
  | { eventId: string; kind: 'recording'; segmentId: number; payload: Buffer };

export interface Feedback {
  eventId: string;
  message: string;
  name?: string;
  email?: string;
  url?: string;
  /** The error event the user was reporting about, when there was one. */
  associatedEventId?: string;
  replayId?: string;
}

export function mapAttachment(item: EnvelopeItem, envelopeEventId: string | undefined): Attachment {
  if (envelopeEventId === undefined) {
    throw new Invalid('attachment item needs an event_id in the envelope header', {
      reason: 'orphan_attachment',
    });
  }
  return {
    eventId: envelopeEventId,
    filename: asNonEmptyString(item.header.filename, 255) ?? 'attachment',
    contentType: asNonEmptyString(item.header.content_type, 255) ?? 'application/octet-stream',
    attachmentType: asNonEmptyString(item.header.attachment_type, 100) ?? 'event.attachment',
    // A copy, so that keeping an attachment does not keep the whole request body alive.
    data: Buffer.from(item.payload),
  };
}

export function mapReplayEvent(item: EnvelopeItem, envelopeEventId: string | undefined): Replay {
  const payload = itemJson(item);
  if (!isRecord(payload))
    throw new Invalid('replay_event payload must be a JSON object', { reason: 'invalid_replay' });
  const eventId =
    normalizeEventId(payload.replay_id) ?? normalizeEventId(payload.event_id) ?? envelopeEventId;
  if (eventId === undefined) throw new Invalid('replay_event has no replay_id', { reason: 'invalid_replay' });
  return { eventId, kind: 'event', payload };
}

/**
 * A replay recording payload is a JSON header line (`{"segment_id":0}`), a newline, then the
 * rrweb events as JSON, which the browser SDK usually deflates (zlib-wrapped).
 */
export async function mapReplayRecording(
  item: EnvelopeItem,
  envelopeEventId: string | undefined,
  maxBytes: number,
): Promise<Replay> {
  if (envelopeEventId === undefined) {
    throw new Invalid('replay_recording needs an event_id (the replay id) in the envelope header', {
      reason: 'invalid_replay',
    });
  }
  const nl = item.payload.indexOf(0x0a);
  if (nl === -1) {
    throw new InvalidEnvelope('missing_newline', item.payloadOffset, 'replay_recording has no header line');
  }
  const header = parseJsonAt(item.payload, 0, nl, 'replay_recording header', item.payloadOffset);
  const segmentId = isRecord(header) ? header.segment_id : undefined;
  if (typeof segmentId !== 'number' || !Number.isSafeInteger(segmentId) || segmentId < 0) {
    throw new Invalid('replay_recording header needs a non-negative integer segment_id', {
      reason: 'invalid_replay',
    });
  }
  const body = item.payload.subarray(nl + 1);
  const encoding = isGzip(body) ? 'gzip' : isZlibWrapped(body) ? 'deflate' : undefined;
  const payload = encoding === undefined ? Buffer.from(body) : await decodeBody(body, encoding, { maxBytes });
  return { eventId: envelopeEventId, kind: 'recording', segmentId, payload };
}

/** The legacy `user_report` item: `{event_id, name, email, comments}` about an error event. */
export function mapUserReport(item: EnvelopeItem): Feedback {
  const payload = itemJson(item);
  if (!isRecord(payload))
    throw new Invalid('user_report payload must be a JSON object', { reason: 'invalid_feedback' });
  const eventId = normalizeEventId(payload.event_id);
  const message = asNonEmptyString(payload.comments, 16_000);
  if (eventId === undefined || message === undefined) {
    throw new Invalid('user_report needs event_id and comments', { reason: 'invalid_feedback' });
  }
  const feedback: Feedback = { eventId, message, associatedEventId: eventId };
  const name = asNonEmptyString(payload.name);
  if (name !== undefined) feedback.name = name;
  const email = asNonEmptyString(payload.email);
  if (email !== undefined) feedback.email = email;
  return feedback;
}

/** The current `feedback` item: an event whose `contexts.feedback` holds the report. */
export function mapFeedbackEvent(item: EnvelopeItem, envelopeEventId: string | undefined): Feedback {
  const payload = itemJson(item);
  const ctx = isRecord(payload) && isRecord(payload.contexts) ? payload.contexts.feedback : undefined;
  if (!isRecord(payload) || !isRecord(ctx)) {
    throw new Invalid('feedback item needs contexts.feedback', { reason: 'invalid_feedback' });
  }
  const eventId = normalizeEventId(payload.event_id) ?? envelopeEventId;
  const message = asNonEmptyString(ctx.message, 16_000);
  if (eventId === undefined || message === undefined) {
    throw new Invalid('feedback needs an event_id and a message', { reason: 'invalid_feedback' });
  }
  const feedback: Feedback = { eventId, message };
  const name = asNonEmptyString(ctx.name);
  if (name !== undefined) feedback.name = name;
  const email = asNonEmptyString(ctx.contact_email);
  if (email !== undefined) feedback.email = email;
  const url = asNonEmptyString(ctx.url, 4_000);
  if (url !== undefined) feedback.url = url;
  const associated = normalizeEventId(ctx.associated_event_id);
  if (associated !== undefined) feedback.associatedEventId = associated;
  const replayId = normalizeEventId(ctx.replay_id);
  if (replayId !== undefined) feedback.replayId = replayId;
  return feedback;
}
