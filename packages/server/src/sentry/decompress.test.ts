import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  BodyTooLarge,
  CorruptBody,
  decodeBody,
  parseContentEncoding,
  UnsupportedEncoding,
} from './decompress.ts';

const text = Buffer.from('{"event_id":"a"}\n{"type":"event"}\n{"message":"hi"}\n'.repeat(20));

describe('decodeBody', () => {
  it.each([
    ['gzip', gzipSync(text)],
    ['x-gzip', gzipSync(text)],
    ['deflate', deflateSync(text)],
    ['deflate', deflateRawSync(text)],
    ['br', brotliCompressSync(text)],
    ['identity', text],
    ['GZip', gzipSync(text)],
  ])('decodes %s', async (encoding, body) => {
    expect(await decodeBody(body, encoding)).toEqual(text);
  });

  it('passes an undeclared body through, unless it starts with the gzip magic', async () => {
    expect(await decodeBody(text, undefined)).toEqual(text);
    expect(await decodeBody(gzipSync(text), undefined)).toEqual(text);
  });

  it('undoes stacked encodings in reverse order', async () => {
    expect(await decodeBody(gzipSync(brotliCompressSync(text)), 'br, gzip')).toEqual(text);
  });

  it('stops a zip bomb at the limit with a payload_too_large error', async () => {
    const bomb = gzipSync(Buffer.alloc(50 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(100 * 1024);
    const error = await decodeBody(bomb, 'gzip', { maxBytes: 1024 * 1024 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BodyTooLarge);
    expect((error as BodyTooLarge).code).toBe('payload_too_large');
  });

  it('applies the limit to bodies that are not compressed', async () => {
    await expect(decodeBody(Buffer.alloc(2048), undefined, { maxBytes: 1024 })).rejects.toBeInstanceOf(
      BodyTooLarge,
    );
  });

  it.each(['gzip', 'deflate', 'br'])('reports corrupt %s data as invalid', async (encoding) => {
    const error = await decodeBody(Buffer.from('definitely not compressed'), encoding).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CorruptBody);
    expect((error as CorruptBody).code).toBe('invalid');
  });

  it('reports a truncated gzip stream as invalid', async () => {
    const gz = gzipSync(text);
    await expect(decodeBody(gz.subarray(0, gz.length - 10), 'gzip')).rejects.toBeInstanceOf(CorruptBody);
  });
});

describe('parseContentEncoding', () => {
  it('refuses encodings it cannot decode, and more than two layers', () => {
    expect(() => parseContentEncoding('zstd')).toThrow(UnsupportedEncoding);
    expect(() => parseContentEncoding('gzip, gzip, gzip')).toThrow(UnsupportedEncoding);
    expect(new UnsupportedEncoding('zstd').code).toBe('unsupported_media_type');
    expect(parseContentEncoding(' identity ')).toEqual([]);
  });
});
