import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ZApp } from '../../http/zod-app.ts';
import type { IngestKeyInfo } from '../../ingest/ingest-gate.ts';
import { assertKeyForProject, claimSentryQuota, storeEnvelope } from '../../ingest/sentry-intake.ts';
import { authFromRequest, type QueryBag } from '../../sentry/auth.ts';
import { DEFAULT_MAX_DECOMPRESSED_BYTES } from '../../sentry/decompress.ts';
import { type HandleOptions, handleEnvelope, handleStore } from '../../sentry/envelope-handler.ts';
import { authFromEnvelopeHead } from '../../sentry/envelope-head.ts';
import type { Services } from '../../services.ts';
import { acceptRawBodies, ingestCors, rawBody } from '../ingest/raw-ingest-scope.ts';

const tags = ['sentry'];
/** Compressed bodies are capped by Fastify, decoded ones by decodeBody: both answer 413. */
export const SENTRY_BODY_LIMIT = 20 * 1024 * 1024;
export const SENTRY_DECODED_LIMIT = DEFAULT_MAX_DECOMPRESSED_BYTES;

const headerText = (value: string | string[] | undefined) => (Array.isArray(value) ? value.join(',') : value);

const params = z.object({ projectId: z.string().regex(/^\d{1,20}$/, 'a numeric project id') });

/**
 * Sentry-compatible ingest (docs/sentry-compat.md): `POST /api/<project id>/envelope/` and the
 * legacy `POST /api/<project id>/store/`, so an application instrumented with a Sentry SDK reports
 * here by changing its DSN. The protocol work is in src/sentry/, storing in ingest/sentry-intake.ts.
 */
export function registerSentryRoutes(app: ZApp, svc: Services) {
  const gate = svc.ingest.gate;
  app.register(async (plain) => {
    const scope = plain.withTypeProvider<ZodTypeProvider>();
    acceptRawBodies(plain, SENTRY_BODY_LIMIT);
    // In a hook, so that every answer (a 400 from the params schema, a 413 from the body limit)
    // carries CORS headers and a browser SDK can read it.
    plain.addHook('onRequest', async (req, reply) => {
      ingestCors(req, reply);
    });

    const intake = async (
      kind: 'envelope' | 'store',
      req: FastifyRequest,
      projectId: string,
      reply: FastifyReply,
    ) => {
      const options: HandleOptions = {
        headers: req.headers,
        query: (req.query ?? {}) as QueryBag,
        projectIdFromPath: projectId,
        maxBodyBytes: SENTRY_DECODED_LIMIT,
        clientIp: req.ip,
      };
      const admit = async (publicKey: string): Promise<IngestKeyInfo> => {
        const key = await gate.resolveKey(publicKey);
        assertKeyForProject(key, projectId);
        gate.assertOrigin(key, req.headers.origin);
        return key;
      };
      // The key is checked before the body is decoded: from the header or query string, else from
      // the envelope header's dsn, decoded alone (a keyless 19 KB bomb must not cost a 19 MB decode).
      const body = rawBody(req);
      const early =
        authFromRequest(options) ??
        (kind === 'envelope'
          ? await authFromEnvelopeHead(body, headerText(req.headers['content-encoding']), projectId)
          : undefined);
      let key = early === undefined ? undefined : await admit(early.publicKey);
      const result =
        kind === 'envelope' ? await handleEnvelope(body, options) : await handleStore(body, options);
      key ??= await admit(result.publicKey);
      await claimSentryQuota(gate, key, result, (name, value) => reply.header(name, value));
      await storeEnvelope(svc.store, gate, key, result);
      return reply.status(200).send(result.eventId === null ? {} : { id: result.eventId });
    };

    for (const slash of ['/', '']) {
      const hide = slash === '';
      scope.options(`/api/:projectId/envelope${slash}`, { schema: { hide: true } }, async (_req, reply) =>
        reply.status(204).send(),
      );
      scope.options(`/api/:projectId/store${slash}`, { schema: { hide: true } }, async (_req, reply) =>
        reply.status(204).send(),
      );
      scope.post(
        `/api/:projectId/envelope${slash}`,
        {
          config: { anonymous: true },
          schema: {
            tags,
            hide,
            summary:
              'Sentry envelope endpoint: point a Sentry SDK DSN at an ingest key (docs/sentry-compat.md)',
            params,
          },
        },
        (req, reply) => intake('envelope', req, req.params.projectId, reply),
      );
      scope.post(
        `/api/:projectId/store${slash}`,
        {
          config: { anonymous: true },
          schema: { tags, hide, summary: 'Legacy Sentry store endpoint: one event as JSON', params },
        },
        (req, reply) => intake('store', req, req.params.projectId, reply),
      );
    }
  });
}
