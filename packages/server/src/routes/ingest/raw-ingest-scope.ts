import { Invalid } from '@closeloop/shared/errors';
import { storableJsonText } from '@closeloop/shared/storable-text';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { IngestGate, IngestKeyInfo } from '../../ingest/ingest-gate.ts';
import { decodeBody } from '../../sentry/decompress.ts';

/**
 * What every ingest endpoint (Closeloop's own and the Sentry-compatible ones) shares: bodies of
 * any content type arrive as raw bytes (SDKs send JSON as text/plain through sendBeacon, Sentry
 * envelopes as text/plain or application/x-sentry-envelope, often gzipped), and browsers get CORS.
 */
export function acceptRawBodies(scope: FastifyInstance, bodyLimit: number): void {
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit }, (_req, body, done) => done(null, body));
}

/**
 * CORS for ingest: any origin may try (each key's allowed origins are checked after the key is
 * known, and a refusal is a readable 403); the answer's rate-limit headers are exposed so an SDK
 * in a cross-origin page can honour them.
 */
export function ingestCors(req: FastifyRequest, reply: FastifyReply): string | undefined {
  const origin = req.headers.origin;
  if (origin) {
    reply.header('access-control-allow-origin', origin);
    reply.header('vary', 'Origin');
    reply.header('access-control-allow-methods', 'POST, OPTIONS');
    reply.header('access-control-allow-headers', 'content-type, content-encoding, x-sentry-auth');
    reply.header('access-control-expose-headers', 'retry-after, x-sentry-rate-limits');
    reply.header('access-control-max-age', '86400');
  }
  return origin;
}

/** Raw bytes of a request whose body went through acceptRawBodies (empty when there was none). */
export function rawBody(req: FastifyRequest): Buffer {
  return req.body instanceof Buffer ? req.body : Buffer.alloc(0);
}

/**
 * A JSON ingest body (gzip/deflate allowed, capped at `maxBytes` once decoded) checked against
 * `schema`; anything else is a 400 naming the first problem.
 */
export async function parseJsonBody<S extends z.ZodType>(
  req: FastifyRequest,
  schema: S,
  maxBytes: number,
): Promise<z.infer<S>> {
  const text = (await decodeBody(rawBody(req), req.headers['content-encoding'], { maxBytes })).toString(
    'utf8',
  );
  let json: unknown;
  try {
    // NUL escapes become U+2400 first: PostgreSQL text cannot hold NUL (shared/storable-text.ts).
    json = JSON.parse(storableJsonText(text));
  } catch (err) {
    throw new Invalid('The body is not valid JSON', { reason: (err as Error).message });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    throw new Invalid(`${issues[0]?.path || 'body'}: ${issues[0]?.message}`, { issues });
  }
  return parsed.data;
}

/**
 * The ingest key of a request to one of Closeloop's own ingest endpoints (`?key=` or the
 * X-Closeloop-Key header), with CORS answered and the key's allowed origins enforced.
 */
export async function ingestKeyOf(
  gate: IngestGate,
  req: FastifyRequest,
  reply: FastifyReply,
  queryKey: string | undefined,
): Promise<IngestKeyInfo> {
  const origin = ingestCors(req, reply);
  const key = await gate.resolveKey(queryKey ?? (req.headers['x-closeloop-key'] as string | undefined));
  gate.assertOrigin(key, origin);
  return key;
}
