import { z } from 'zod';
import { auditLogCsv, listAuditLog } from '../../commands/audit.ts';
import { actorOf } from '../../http/authenticate.ts';
import type { ZApp } from '../../http/zod-app.ts';
import type { Services } from '../../services.ts';

const tags = ['audit'];

export function registerAuditLogRoutes(app: ZApp, svc: Services) {
  app.get(
    '/api/v1/audit-log',
    {
      schema: {
        tags,
        summary: 'Security-relevant actions of the workspace, newest first (admins); page with ?before=<id>',
        querystring: z.strictObject({
          before: z.coerce.number().int().positive().optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
      },
    },
    async (req) => listAuditLog(svc.store, await actorOf(svc, req), req.query),
  );
  app.get(
    '/api/v1/audit-log/csv',
    { schema: { tags, summary: 'The whole audit log as CSV (admins)' } },
    async (req, reply) => {
      const csv = await auditLogCsv(svc.store, await actorOf(svc, req));
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="audit-log.csv"')
        .send(csv);
    },
  );
}
