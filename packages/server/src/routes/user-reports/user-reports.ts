import { issueKeyParam } from '@closeloop/shared/api/params';
import { userReportListSchema } from '@closeloop/shared/api/user-reports';
import { z } from 'zod';
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
}
