import { Invalid } from '@closeloop/shared/errors';
import { storableJsonText } from '@closeloop/shared/storable-text';
import { isRecord } from './trim.ts';

/**
 * Sentry envelopes (https://develop.sentry.dev/sdk/data-model/envelopes/):
 *
 *   {envelope header JSON}\n
 *   {item header JSON}\n
 *   payload (exactly `length` bytes when the item header has a length, else up to the next \n or EOF)\n
 *   ...more items; the final \n is optional
 *
 * Payloads are bytes (attachments and replay recordings are binary and may contain newlines), so the
 * parser works on a Buffer and never decodes a payload it was not asked to.
 */

export const ITEM_TYPES = [
  'event',
  'transaction',
  'session',
  'sessions',
  'attachment',
  'replay_event',
  'replay_recording',
  'client_report',
  'user_report',
  'feedback',
  'check_in',
  'profile',
  'profile_chunk',
  'statsd',
  'metric_meta',
  'span',
  'log',
  'otel_log',
  'trace_metric',
  'raw_security',
] as const;
export type KnownItemType = (typeof ITEM_TYPES)[number];

export interface EnvelopeHeader {
  event_id?: unknown;
  dsn?: unknown;
  sent_at?: unknown;
  sdk?: unknown;
  trace?: unknown;
  [key: string]: unknown;
}

export interface ItemHeader {
  /** Any string; types this code does not know are carried through, as Sentry does. */
  type: string;
  length?: number;
  [key: string]: unknown;
}

export interface EnvelopeItem {
  header: ItemHeader;
  payload: Buffer;
  /** Byte offset of the item header in the envelope. */
  offset: number;
  /** Byte offset of the payload in the envelope. */
  payloadOffset: number;
}

export interface Envelope {
  header: EnvelopeHeader;
  items: EnvelopeItem[];
}

export type EnvelopeErrorReason =
  | 'bad_json'
  | 'bad_utf8'
  | 'not_an_object'
  | 'missing_type'
  | 'bad_length'
  | 'truncated'
  | 'missing_newline'
  | 'too_many_items';

/** A malformed envelope: a 400, with the byte offset where parsing stopped. */
export class InvalidEnvelope extends Invalid {
  constructor(
    readonly reason: EnvelopeErrorReason,
    readonly offset: number,
    message: string,
  ) {
    super(`Invalid envelope at byte ${offset}: ${message}`, { reason, offset });
  }
}

/** More items than any SDK batches; bounds the work one request can cause. */
export const MAX_ITEMS = 1_000;

const NEWLINE = 0x0a;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Parse `bytes[start, end)` as JSON; every failure becomes an InvalidEnvelope at `base + start`
 * (`base` is where `bytes` itself sits in the envelope).
 */
export function parseJsonAt(bytes: Uint8Array, start: number, end: number, what: string, base = 0): unknown {
  let text: string;
  try {
    text = utf8.decode(bytes.subarray(start, end));
  } catch {
    throw new InvalidEnvelope('bad_utf8', base + start, `${what} is not valid UTF-8`);
  }
  try {
    return JSON.parse(storableJsonText(text));
  } catch (error) {
    const detail = (error as Error).message.slice(0, 200);
    throw new InvalidEnvelope('bad_json', base + start, `${what} is not valid JSON (${detail})`);
  }
}

function lineEnd(bytes: Uint8Array, from: number): number {
  const nl = bytes.indexOf(NEWLINE, from);
  return nl === -1 ? bytes.length : nl;
}

function onlyNewlines(bytes: Uint8Array, from: number): boolean {
  for (let i = from; i < bytes.length; i++) {
    const b = bytes[i];
    if (b !== NEWLINE && b !== 0x0d) return false;
  }
  return true;
}

function parseItemHeader(bytes: Uint8Array, start: number, end: number): ItemHeader {
  const value = parseJsonAt(bytes, start, end, 'item header');
  if (!isRecord(value))
    throw new InvalidEnvelope('not_an_object', start, 'item header must be a JSON object');
  if (typeof value.type !== 'string' || value.type === '') {
    throw new InvalidEnvelope('missing_type', start, 'item header has no "type"');
  }
  const length = value.length;
  if (length !== undefined && length !== null) {
    if (typeof length !== 'number' || !Number.isSafeInteger(length) || length < 0) {
      throw new InvalidEnvelope('bad_length', start, 'item header "length" must be a non-negative integer');
    }
  }
  const header: ItemHeader = { ...value, type: value.type };
  if (length === null) delete header.length;
  return header;
}

export function parseEnvelope(input: Uint8Array): Envelope {
  const bytes = Buffer.isBuffer(input)
    ? input
    : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const headerEnd = lineEnd(bytes, 0);
  const headerValue = parseJsonAt(bytes, 0, headerEnd, 'envelope header');
  if (!isRecord(headerValue))
    throw new InvalidEnvelope('not_an_object', 0, 'envelope header must be a JSON object');
  const items: EnvelopeItem[] = [];
  let pos = headerEnd + 1;
  while (pos < bytes.length) {
    // A trailing newline (or CRLF from a hand-written file) after the last item is harmless.
    if (onlyNewlines(bytes, pos)) break;
    if (items.length >= MAX_ITEMS) {
      throw new InvalidEnvelope('too_many_items', pos, `more than ${MAX_ITEMS} items`);
    }
    const offset = pos;
    const itemHeaderEnd = lineEnd(bytes, pos);
    const header = parseItemHeader(bytes, pos, itemHeaderEnd);
    const payloadOffset = Math.min(itemHeaderEnd + 1, bytes.length);
    let payloadEnd: number;
    if (header.length !== undefined) {
      payloadEnd = payloadOffset + header.length;
      if (payloadEnd > bytes.length) {
        throw new InvalidEnvelope(
          'truncated',
          payloadOffset,
          `item "${header.type}" declares ${header.length} bytes but only ${bytes.length - payloadOffset} follow`,
        );
      }
      pos = payloadEnd;
      if (pos < bytes.length) {
        if (bytes[pos] !== NEWLINE) {
          throw new InvalidEnvelope(
            'missing_newline',
            pos,
            `expected a newline after the ${header.length}-byte payload`,
          );
        }
        pos++;
      }
    } else {
      payloadEnd = lineEnd(bytes, payloadOffset);
      pos = payloadEnd + 1;
    }
    items.push({ header, payload: bytes.subarray(payloadOffset, payloadEnd), offset, payloadOffset });
  }
  return { header: headerValue, items };
}

/** An item payload parsed as JSON; errors carry the payload's offset in the envelope. */
export function itemJson(item: EnvelopeItem): unknown {
  return parseJsonAt(
    item.payload,
    0,
    item.payload.length,
    `payload of item "${item.header.type}"`,
    item.payloadOffset,
  );
}

export interface SerializableItem {
  header: { type: string; length?: number; [key: string]: unknown };
  /** Bytes, a string (UTF-8) or a value to JSON-encode. */
  payload: Uint8Array | string | unknown;
}

export interface SerializeOptions {
  /** Give every item a `length` (default: only items whose payload contains a newline). */
  alwaysLength?: boolean;
  trailingNewline?: boolean;
}

function payloadBytes(payload: unknown): Buffer {
  if (payload instanceof Uint8Array)
    return Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength);
  if (typeof payload === 'string') return Buffer.from(payload, 'utf8');
  return Buffer.from(JSON.stringify(payload), 'utf8');
}

/**
 * The wire form of an envelope. An item keeps a `length` if its header has one (corrected to
 * the real byte count); one is added where the payload would otherwise end at its first newline.
 */
export function serializeEnvelope(
  envelope: { header: Record<string, unknown>; items: SerializableItem[] },
  options: SerializeOptions = {},
): Buffer {
  const parts: Buffer[] = [Buffer.from(JSON.stringify(envelope.header), 'utf8')];
  for (const item of envelope.items) {
    const payload = payloadBytes(item.payload);
    const needsLength = options.alwaysLength || item.header.length !== undefined || payload.includes(NEWLINE);
    const { length: _ignored, ...rest } = item.header;
    const header = needsLength ? { ...rest, length: payload.length } : rest;
    parts.push(Buffer.from(`\n${JSON.stringify(header)}\n`, 'utf8'), payload);
  }
  if (options.trailingNewline) parts.push(Buffer.from('\n'));
  return Buffer.concat(parts);
}
