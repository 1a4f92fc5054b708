import { userReportBatchSchema } from '@closeloop/shared/ingest/user-report';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { acceptUserReports } from '../../commands/intake.ts';
import type { ZApp } from '../../http/zod-app.ts';
import type { Services } from '../../services.ts';
import { acceptRawBodies, ingestCors, ingestKeyOf, parseJsonBody } from './raw-ingest-scope.ts';

/** A report is words and a trail of at most 100 breadcrumbs: far below this. */
export const REPORT_BODY_LIMIT = 512 * 1024;
const DECODED_LIMIT = 2 * 1024 * 1024;

/**
 * POST /api/ingest/v1/reports: the feedback widget's user reports (shared/ingest/user-report.ts).
 * Same key, origin and quota checks as events; a report is stored (fsync'd with its filing job)
 * before the 202.
 */
export function registerReportIngestRoutes(app: ZApp, svc: Services) {
  const gate = svc.ingest.gate;
  app.register(async (plain) => {
    const scope = plain.withTypeProvider<ZodTypeProvider>();
    acceptRawBodies(plain, REPORT_BODY_LIMIT);

    scope.options('/api/ingest/v1/reports', { schema: { hide: true } }, async (req, reply) => {
      ingestCors(req, reply);
      return reply.status(204).send();
    });

    scope.post(
      '/api/ingest/v1/reports',
      {
        config: { anonymous: true },
        schema: {
          tags: ['ingest'],
          summary: 'Send user reports from the feedback widget with a project ingest key (browser SDK)',
          querystring: z.object({ key: z.string().max(100).optional() }),
        },
      },
      async (req, reply) => {
        const key = await ingestKeyOf(gate, req, reply, req.query.key);
        const batch = await parseJsonBody(req, userReportBatchSchema, DECODED_LIMIT);
        await gate.claimQuota(key, batch.events.length);
        const { stored } = await acceptUserReports(svc, key, batch.events);
        svc.jobs.wake();
        return reply.status(202).send({ accepted: batch.events.length, stored });
      },
    );
  });
}
