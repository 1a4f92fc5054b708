import { issueKeyParam } from '@closeloop/shared/api/params';
import {
  askReporterAnswerSchema,
  askReporterBody,
  userReportListSchema,
} from '@closeloop/shared/api/user-reports';
import { z } from 'zod';
import { askReporter } from '../../commands/ask-reporter.ts';
import { listIssueReports } from '../../commands/intake.ts';
import { actorOf } from '../../http/authenticate.ts';
import type { ZApp } from '../../http/zod-app.ts';
import type { Services } from '../../services.ts';

export function registerUserReportRoutes(app: ZApp, svc: Services) {
  app.get(
    '/api/v1/issues/:key/user-reports',
    {
      schema: {
        tags: ['intake'],
        summary:
          'Reports people sent into this issue, with their evidence (session, console, network, environment)',
        params: z.object({ key: issueKeyParam }),
        response: { 200: userReportListSchema },
      },
    },
    async (req) => ({ items: await listIssueReports(svc, await actorOf(svc, req), req.params.key) }),
  );
  app.post(
    '/api/v1/issues/:key/user-reports/:id/questions',
    {
      schema: {
        tags: ['intake'],
        summary:
          "Ask one report's reporter for more: shown on their tracking page, and mailed with a link when they left an address",
        params: z.object({ key: issueKeyParam, id: z.coerce.number().int().positive() }),
        body: askReporterBody,
        response: { 201: askReporterAnswerSchema },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await askReporter(svc, await actorOf(svc, req), req.params.key, req.params.id, req.body.body)),
  );
}
