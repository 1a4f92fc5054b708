import { replayBatchSchema } from '@closeloop/shared/ingest/replay';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ZApp } from '../../http/zod-app.ts';
import { acceptReplayChunks } from '../../ingest/replay-intake.ts';
import type { Services } from '../../services.ts';
import { acceptRawBodies, ingestCors, ingestKeyOf, parseJsonBody } from './raw-ingest-scope.ts';

/** A recording's first chunk holds the full DOM snapshot: allow more than for events. */
export const REPLAY_BODY_LIMIT = 10 * 1024 * 1024;
const DECODED_LIMIT = 50 * 1024 * 1024;

/** POST /api/ingest/v1/replays: the browser SDK's recording chunks (shared/ingest/replay.ts). */
export function registerReplayIngestRoutes(app: ZApp, svc: Services) {
  const gate = svc.ingest.gate;
  app.register(async (plain) => {
    const scope = plain.withTypeProvider<ZodTypeProvider>();
    acceptRawBodies(plain, REPLAY_BODY_LIMIT);

    scope.options('/api/ingest/v1/replays', { schema: { hide: true } }, async (req, reply) => {
      ingestCors(req, reply);
      return reply.status(204).send();
    });

    scope.post(
      '/api/ingest/v1/replays',
      {
        config: { anonymous: true },
        schema: {
          tags: ['ingest'],
          summary: 'Send session replay chunks with a project ingest key (browser SDK)',
          querystring: z.object({ key: z.string().max(100).optional() }),
        },
      },
      async (req, reply) => {
        const key = await ingestKeyOf(gate, req, reply, req.query.key);
        const batch = await parseJsonBody(req, replayBatchSchema, DECODED_LIMIT);
        await gate.claimQuota(key, batch.events.length);
        const result = await acceptReplayChunks(svc.store, svc.replays, key, batch.events);
        return reply.status(202).send({ accepted: batch.events.length, ...result });
      },
    );
  });
}
