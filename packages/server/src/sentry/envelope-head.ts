import zlib from 'node:zlib';
import { authFromEnvelopeDsn, type SentryAuth, SentryAuthError } from './auth.ts';
import { type Encoding, isGzip, isZlibWrapped, parseContentEncoding } from './decompress.ts';

/**
 * The envelope header line is all that authentication needs (its `dsn`), and a real one is well
 * under 8 KiB. It is decoded by streaming, stopping at the first newline or at this many bytes,
 * so a request without a key costs a few KiB of inflating, never the 20 MiB of a whole body.
 */
export const ENVELOPE_HEAD_LIMIT = 64 * 1024;

function decoderFor(
  encoding: Encoding,
  input: Buffer,
): zlib.Gunzip | zlib.Inflate | zlib.InflateRaw | zlib.BrotliDecompress {
  const options = { chunkSize: 4096 };
  switch (encoding) {
    case 'gzip':
      return zlib.createGunzip(options);
    case 'deflate':
      return isZlibWrapped(input) ? zlib.createInflate(options) : zlib.createInflateRaw(options);
    case 'br':
      return zlib.createBrotliDecompress({ chunkSize: 4096 });
    case 'identity':
      throw new Error('identity needs no decoder');
  }
}

/** Up to `limit` decoded bytes from the start of `input`, ending early after the first newline. */
function decodePrefix(input: Buffer, encoding: Encoding, limit: number): Promise<Buffer> {
  if (encoding === 'identity') return Promise.resolve(input.subarray(0, limit));
  return new Promise((resolve) => {
    const decoder = decoderFor(encoding, input);
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = () => {
      if (settled) return;
      settled = true;
      decoder.destroy();
      resolve(Buffer.concat(chunks).subarray(0, limit));
    };
    decoder.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= limit || chunk.includes(0x0a)) finish();
    });
    // A truncated or corrupt stream still yields what it decoded so far; the full decode later
    // reports corruption properly, once the caller is known.
    decoder.on('end', finish);
    decoder.on('error', finish);
    decoder.end(input);
  });
}

/** The decoded first line of an envelope body, as declared by Content-Encoding (or gzip magic). */
export async function envelopeHeadLine(body: Buffer, contentEncoding: string | undefined): Promise<string> {
  const encodings = parseContentEncoding(contentEncoding);
  if (encodings.length === 0 && isGzip(body)) encodings.push('gzip');
  let out = body.subarray(0, encodings.length === 0 ? ENVELOPE_HEAD_LIMIT : body.length);
  for (const encoding of encodings.reverse()) out = await decodePrefix(out, encoding, ENVELOPE_HEAD_LIMIT);
  const newline = out.indexOf(0x0a);
  return out.subarray(0, newline === -1 ? out.length : newline).toString('utf8');
}

/**
 * The key an envelope carries in its header's `dsn`, read from the decoded first line only.
 * No key there (or a header that is not JSON) is a 401: nothing more of the body is decoded.
 */
export async function authFromEnvelopeHead(
  body: Buffer,
  contentEncoding: string | undefined,
  projectIdFromPath: string,
): Promise<SentryAuth> {
  let header: unknown;
  try {
    header = JSON.parse(await envelopeHeadLine(body, contentEncoding));
  } catch {
    header = null;
  }
  const dsn = typeof header === 'object' && header !== null ? (header as { dsn?: unknown }).dsn : undefined;
  const auth = authFromEnvelopeDsn(dsn, projectIdFromPath);
  if (auth === undefined) {
    throw new SentryAuthError(
      'missing',
      'No Sentry auth: send X-Sentry-Auth, a sentry_key query parameter or a dsn in the envelope header',
    );
  }
  return auth;
}
