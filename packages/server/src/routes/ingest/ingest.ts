import { ingestBatchSchema } from '@closeloop/shared/ingest/event';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ZApp } from '../../http/zod-app.ts';
import type { IngestGate } from '../../ingest/ingest-gate.ts';
import { acceptRawBodies, ingestCors, ingestKeyOf, parseJsonBody } from './raw-ingest-scope.ts';

const tags = ['ingest'];
/** Compressed bodies are capped before and after decompression. */
export const INGEST_BODY_LIMIT = 5 * 1024 * 1024;
const DECODED_LIMIT = 20 * 1024 * 1024;

/**
 * Ingest endpoints live in their own encapsulated plugin: they take any content type as raw
 * bytes (SDKs send JSON as text/plain through sendBeacon, and gzip bodies), and answer CORS.
 */
export function registerIngestRoutes(app: ZApp, gate: IngestGate) {
  app.register(async (plain) => {
    const scope = plain.withTypeProvider<ZodTypeProvider>();
    acceptRawBodies(plain, INGEST_BODY_LIMIT);

    scope.options('/api/ingest/v1/events', { schema: { hide: true } }, async (req, reply) => {
      ingestCors(req, reply);
      return reply.status(204).send();
    });

    scope.post(
      '/api/ingest/v1/events',
      {
        config: { anonymous: true },
        schema: {
          tags,
          summary: 'Send a batch of events with a project ingest key (SDKs)',
          querystring: z.object({ key: z.string().max(100).optional() }),
        },
      },
      async (req, reply) => {
        const key = await ingestKeyOf(gate, req, reply, req.query.key);
        const batch = await parseJsonBody(req, ingestBatchSchema, DECODED_LIMIT);
        // A batch larger than what the key may still send this minute is accepted in part: the
        // first events go in, the rest are refused one by one (the SDK drops them, as Sentry's do).
        const events = batch.events;
        const granted = await gate.claimQuotaUpTo(key, events.length);
        const result = await gate.accept(key, events.slice(0, granted));
        for (let index = granted; index < events.length; index++) {
          result.rejected.push({
            index,
            error: {
              code: 'rate_limited',
              message: `events.${index}: over this key's limit of ${key.ratePerMinute} events a minute`,
              details: { limitPerMinute: key.ratePerMinute },
            },
          });
        }
        return reply.status(result.accepted > 0 || result.rejected.length === 0 ? 202 : 400).send(
          result.accepted > 0 || result.rejected.length === 0
            ? { accepted: result.accepted, rejected: result.rejected }
            : {
                error: {
                  code: 'invalid',
                  message: 'No event in the batch is valid',
                  details: { rejected: result.rejected },
                },
              },
        );
      },
    );
  });
}
