/** Builds Sentry envelopes for tests: a header line, then items with or without `length`. */
export type EnvelopeItemSpec = {
  header: Record<string, unknown>;
  payload: Buffer | string | Record<string, unknown>;
  /** Leave `length` out of the item header (allowed for payloads without newlines). */
  implicitLength?: boolean;
};

export function buildEnvelope(header: Record<string, unknown>, items: EnvelopeItemSpec[]): Buffer {
  const parts: Buffer[] = [Buffer.from(`${JSON.stringify(header)}\n`)];
  for (const item of items) {
    const payload = Buffer.isBuffer(item.payload)
      ? item.payload
      : Buffer.from(typeof item.payload === 'string' ? item.payload : JSON.stringify(item.payload));
    const itemHeader = item.implicitLength ? item.header : { ...item.header, length: payload.length };
    parts.push(Buffer.from(`${JSON.stringify(itemHeader)}\n`), payload, Buffer.from('\n'));
  }
  return Buffer.concat(parts);
}
