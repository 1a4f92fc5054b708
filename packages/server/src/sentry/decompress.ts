import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { AppError, Invalid } from '@closeloop/shared/errors';

/**
 * Request-body decoding by `Content-Encoding`. Sentry's Node transport gzips bodies over 32 KiB;
 * other SDKs and proxies use deflate (zlib-wrapped or raw) or brotli. Every decoder is given
 * `maxOutputLength`, so a small compressed body cannot inflate past the limit (a zip bomb stops
 * at `maxBytes` instead of exhausting memory).
 */

export const DEFAULT_MAX_DECOMPRESSED_BYTES = 20 * 1024 * 1024;

export class BodyTooLarge extends AppError {
  constructor(readonly limitBytes: number) {
    super('payload_too_large', `Request body is larger than ${limitBytes} bytes once decoded`, {
      reason: 'too_large',
      limit: limitBytes,
    });
  }
}

export class UnsupportedEncoding extends AppError {
  constructor(readonly encoding: string) {
    super('unsupported_media_type', `Content-Encoding "${encoding}" is not supported`, {
      reason: 'unsupported_encoding',
      encoding,
      supported: ['gzip', 'deflate', 'br', 'identity'],
    });
  }
}

export class CorruptBody extends Invalid {
  constructor(encoding: string, cause: string) {
    super(`Request body is not valid ${encoding} data: ${cause}`, { reason: 'corrupt_encoding', encoding });
  }
}

export type Encoding = 'gzip' | 'deflate' | 'br' | 'identity';

const gunzip = promisify(zlib.gunzip);
const inflate = promisify(zlib.inflate);
const inflateRaw = promisify(zlib.inflateRaw);
const brotli = promisify(zlib.brotliDecompress);

/** More than two stacked encodings is not something a real client sends. */
const MAX_LAYERS = 2;

/** The encodings of a `Content-Encoding` value, in the order they were applied. */
export function parseContentEncoding(value: string | undefined): Encoding[] {
  if (value === undefined) return [];
  const out: Encoding[] = [];
  for (const raw of value.split(',')) {
    const token = raw.trim().toLowerCase();
    if (token === '' || token === 'identity') continue;
    if (token === 'gzip' || token === 'x-gzip') out.push('gzip');
    else if (token === 'deflate') out.push('deflate');
    else if (token === 'br') out.push('br');
    else throw new UnsupportedEncoding(token);
  }
  if (out.length > MAX_LAYERS) throw new UnsupportedEncoding(value.trim());
  return out;
}

export function isGzip(body: Uint8Array): boolean {
  return body.length >= 2 && body[0] === 0x1f && body[1] === 0x8b;
}

/** RFC 1950: CM = 8 and the first two bytes, read big-endian, are a multiple of 31. */
export function isZlibWrapped(body: Uint8Array): boolean {
  const cmf = body[0];
  const flg = body[1];
  if (cmf === undefined || flg === undefined) return false;
  return (cmf & 0x0f) === 8 && cmf >> 4 <= 7 && ((cmf << 8) | flg) % 31 === 0;
}

async function decodeOne(body: Buffer, encoding: Encoding, maxBytes: number): Promise<Buffer> {
  const options = { maxOutputLength: maxBytes };
  try {
    switch (encoding) {
      case 'gzip':
        return await gunzip(body, options);
      case 'deflate':
        // HTTP "deflate" is zlib-wrapped by the RFC, but many clients send raw deflate.
        return isZlibWrapped(body) ? await inflate(body, options) : await inflateRaw(body, options);
      case 'br':
        return await brotli(body, options);
      case 'identity':
        return body;
    }
  } catch (error) {
    const err = error as NodeJS.ErrnoException;
    if (err.code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) throw new BodyTooLarge(maxBytes);
    throw new CorruptBody(encoding, err.message);
  }
}

export interface DecodeOptions {
  /** Upper bound for the decoded body, in bytes. */
  maxBytes?: number;
}

/**
 * Decode `body` as declared by `contentEncoding`. A body that arrives without a declared encoding
 * but starts with the gzip magic bytes is gunzipped as well: an envelope or event starts with `{`,
 * and some proxies strip the header but not the compression.
 */
export async function decodeBody(
  body: Buffer,
  contentEncoding: string | undefined,
  options: DecodeOptions = {},
): Promise<Buffer> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_DECOMPRESSED_BYTES;
  const encodings = parseContentEncoding(contentEncoding);
  if (encodings.length === 0 && isGzip(body)) encodings.push('gzip');
  let out = body;
  for (const encoding of encodings.reverse()) out = await decodeOne(out, encoding, maxBytes);
  if (out.length > maxBytes) throw new BodyTooLarge(maxBytes);
  return out;
}
