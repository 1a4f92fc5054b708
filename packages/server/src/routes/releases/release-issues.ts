import { projectKeyParam } from '@closeloop/shared/api/params';
import { releaseIssuesSchema } from '@closeloop/shared/api/release-issues';
import { z } from 'zod';
import { releaseIssues } from '../../commands/release-issues.ts';
import { actorOf } from '../../http/authenticate.ts';
import type { ZApp } from '../../http/zod-app.ts';
import type { Services } from '../../services.ts';

export function registerReleaseIssueRoutes(app: ZApp, svc: Services) {
  app.get(
    '/api/v1/projects/:key/releases/issues',
    {
      schema: {
        tags: ['releases'],
        summary: 'Per release: new, regressed and fixed issues, with the verification of each fix',
        params: z.object({ key: projectKeyParam }),
        response: { 200: releaseIssuesSchema },
      },
    },
    async (req) => releaseIssues(svc, await actorOf(svc, req), req.params.key),
  );
}
