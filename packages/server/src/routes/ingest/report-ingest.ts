import { userReportBatchSchema } from '@closeloop/shared/ingest/user-report';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { acceptUserReports } from '../../commands/intake.ts';
import type { ZApp } from '../../http/zod-app.ts';
import type { Services } from '../../services.ts';
import { acceptRawBodies, ingestCors, ingestKeyOf, parseJsonBody } from './raw-ingest-scope.ts';

/**
 * A report is words, a trail of at most 100 breadcrumbs and at most REPORT_FILES_MAX files of
 * REPORT_FILE_MAX_BYTES (base64: a third more); the widget sends one report at a time. A bigger
 * body is refused with a 413 before it is parsed; each file's size and type is checked by the schema.
 */
export const REPORT_BODY_LIMIT = 12 * 1024 * 1024;
const DECODED_LIMIT = REPORT_BODY_LIMIT;

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
