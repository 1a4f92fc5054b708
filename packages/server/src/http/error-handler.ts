import { AppError, type ErrorBody, type ErrorCode, RateLimited, Unavailable } from '@closeloop/shared/errors';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { storageFault } from '../store/dialect/storage-faults.ts';
import { ERROR_STATUS } from './error-status.ts';

const STORAGE_RETRY_AFTER_SECONDS = 5;

function body(code: ErrorCode, message: string, details: unknown = null): ErrorBody {
  return { error: { code, message, details } };
}

/** Fastify's own errors (parsing, limits) carry a status; translate them into our codes. */
function fromFastify(err: FastifyError): { status: number; body: ErrorBody } | null {
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return {
        status: 413,
        body: body('payload_too_large', 'The request body is too large', { limitBytes: null }),
      };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return {
        status: 415,
        body: body('unsupported_media_type', 'Send JSON with Content-Type: application/json'),
      };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { status: 400, body: body('invalid', 'The JSON body is empty') };
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return { status: 400, body: body('invalid', 'The body is not valid JSON', { reason: err.message }) };
  }
  if (err instanceof SyntaxError || err.code === 'FST_ERR_CTP_INVALID_CONTENT_LENGTH') {
    return { status: 400, body: body('invalid', 'The body is not valid JSON', { reason: err.message }) };
  }
  if (err.statusCode === 429) return { status: 429, body: body('rate_limited', err.message) };
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    const code = (Object.entries(ERROR_STATUS).find(([, s]) => s === err.statusCode)?.[0] ??
      'invalid') as ErrorCode;
    return { status: err.statusCode, body: body(code, err.message) };
  }
  return null;
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    if (hasZodFastifySchemaValidationErrors(err)) {
      const issues = err.validation.map((v) => ({
        path: [err.validationContext, ...v.instancePath.split('/').filter(Boolean)].join('.'),
        message: v.message,
        code: (v.params as { issue?: { code?: string } } | undefined)?.issue?.code,
      }));
      const first = issues[0];
      return reply
        .status(400)
        .send(body('invalid', first ? `${first.path}: ${first.message}` : 'Invalid request', { issues }));
    }
    if (err instanceof AppError) {
      if (err instanceof RateLimited || err instanceof Unavailable)
        reply.header('retry-after', String(err.retryAfterSeconds));
      return reply.status(ERROR_STATUS[err.code]).send(err.toBody());
    }
    const mapped = fromFastify(err);
    if (mapped) return reply.status(mapped.status).send(mapped.body);
    const fault = storageFault(err);
    if (fault === 'unavailable') {
      // The database is away or full: nothing was written, so the client may safely retry.
      req.log.warn({ err }, 'storage unavailable');
      reply.header('retry-after', String(STORAGE_RETRY_AFTER_SECONDS));
      return reply.status(503).send(body('unavailable', 'The database is unavailable; retry shortly'));
    }
    if (fault === 'unstorable') {
      return reply.status(400).send(body('invalid', 'The text holds characters that cannot be stored'));
    }
    req.log.error({ err }, 'unhandled error');
    return reply.status(500).send(body('internal', 'Something went wrong on our side; it has been logged'));
  });

  app.setNotFoundHandler((req, reply) => {
    reply.status(404).send(body('not_found', `No route ${req.method} ${req.url.split('?')[0]}`));
  });
}
