import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { AppError } from '@closeloop/shared/errors';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBody } from './decompress.ts';
import { InvalidEnvelope, ITEM_TYPES, parseEnvelope, serializeEnvelope } from './envelope.ts';
import { handleEnvelope } from './envelope-handler.ts';

/** JSON values compare after a JSON round trip (-0 becomes 0, as it does on the wire). */
const viaJson = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;

const itemArb = fc.record({
  type: fc.oneof(fc.constantFrom(...ITEM_TYPES), fc.string({ minLength: 1, maxLength: 12 })),
  extra: fc.dictionary(
    fc.string({ maxLength: 8 }).filter((k) => k !== 'type' && k !== 'length'),
    fc.jsonValue({ maxDepth: 2 }),
    { maxKeys: 3 },
  ),
  payload: fc.oneof(
    // Binary with plenty of newlines.
    fc.uint8Array({ maxLength: 64 }).map((a) => a.map((byte, i) => (i % 5 === 0 ? 0x0a : byte))),
    fc.jsonValue({ maxDepth: 3 }).map((v) => Buffer.from(JSON.stringify(v) ?? 'null')),
    fc.constant(new Uint8Array(0)),
  ),
  withLength: fc.boolean(),
});

const envelopeArb = fc.record({
  header: fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
  items: fc.array(itemArb, { maxLength: 6 }),
  trailingNewline: fc.boolean(),
});

type Encoding = 'gzip' | 'deflate' | 'deflate-raw' | 'br' | 'identity';
const encode: Record<Encoding, (b: Buffer) => Buffer> = {
  gzip: (b) => gzipSync(b),
  deflate: (b) => deflateSync(b),
  'deflate-raw': (b) => deflateRawSync(b),
  br: (b) => brotliCompressSync(b),
  identity: (b) => b,
};
const headerFor = (e: Encoding) => (e === 'deflate-raw' ? 'deflate' : e);

type GeneratedEnvelope = typeof envelopeArb extends fc.Arbitrary<infer T> ? T : never;

function serialize(env: GeneratedEnvelope): Buffer {
  return serializeEnvelope(
    {
      header: env.header,
      items: env.items.map((item) => ({
        header: { ...item.extra, type: item.type, ...(item.withLength ? { length: 0 } : {}) },
        payload: item.payload,
      })),
    },
    { trailingNewline: env.trailingNewline },
  );
}

/** Parsing must succeed or fail with the typed error; anything else is a bug that would be a 500. */
function parsesOrInvalid(bytes: Buffer): void {
  try {
    parseEnvelope(bytes);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidEnvelope);
  }
}

describe('envelope properties', () => {
  it('serialize → compress → decode → parse gives back the same items', async () => {
    await fc.assert(
      fc.asyncProperty(
        envelopeArb,
        fc.constantFrom<Encoding>('gzip', 'deflate', 'deflate-raw', 'br', 'identity'),
        async (env, encoding) => {
          const wire = encode[encoding](serialize(env));
          const parsed = parseEnvelope(await decodeBody(wire, headerFor(encoding)));
          expect(viaJson(parsed.header)).toEqual(viaJson(env.header));
          expect(parsed.items).toHaveLength(env.items.length);
          parsed.items.forEach((item, i) => {
            const original = env.items[i]!;
            expect(item.header.type).toBe(original.type);
            expect(Buffer.compare(item.payload, Buffer.from(original.payload))).toBe(0);
            const { length: _length, type: _type, ...rest } = item.header;
            expect(viaJson(rest)).toEqual(viaJson({ ...original.extra }));
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a prefix of an envelope parses or throws InvalidEnvelope, and a cut inside a sized payload always throws', () => {
    fc.assert(
      fc.property(envelopeArb, fc.nat(), (env, cutSeed) => {
        const bytes = serialize(env);
        const cut = cutSeed % (bytes.length + 1);
        parsesOrInvalid(bytes.subarray(0, cut));
        const full = parseEnvelope(bytes);
        const inside = full.items.find(
          (it) =>
            it.header.length !== undefined &&
            it.payloadOffset <= cut &&
            cut < it.payloadOffset + it.payload.length,
        );
        if (inside) expect(() => parseEnvelope(bytes.subarray(0, cut))).toThrow(InvalidEnvelope);
      }),
      { numRuns: 500 },
    );
  });

  it('corrupted bytes parse or throw InvalidEnvelope, never anything else', () => {
    fc.assert(
      fc.property(
        envelopeArb,
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 5 }),
        (env, flips) => {
          const bytes = Buffer.from(serialize(env));
          if (bytes.length === 0) return;
          for (const [pos, value] of flips) bytes[pos % bytes.length] = value;
          parsesOrInvalid(bytes);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('random bytes parse or throw InvalidEnvelope', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => parsesOrInvalid(Buffer.from(bytes))),
      { numRuns: 500 },
    );
  });

  it('handleEnvelope on corrupted, possibly compressed bodies only ever fails with an AppError', async () => {
    await fc.assert(
      fc.asyncProperty(
        envelopeArb,
        fc.constantFrom<Encoding>('gzip', 'deflate', 'br', 'identity'),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 3 }),
        async (env, encoding, flips) => {
          const body = Buffer.from(encode[encoding](serialize(env)));
          for (const [pos, value] of flips) if (body.length > 0) body[pos % body.length] = value;
          try {
            const result = await handleEnvelope(body, {
              headers: { 'content-encoding': encoding },
              query: { sentry_key: 'k' },
              projectIdFromPath: '1',
              maxBodyBytes: 1024 * 1024,
            });
            for (const rejected of result.rejected) expect(rejected.error).toBeInstanceOf(AppError);
          } catch (error) {
            expect(error).toBeInstanceOf(AppError);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
