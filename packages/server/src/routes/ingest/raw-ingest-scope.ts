import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

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
