import { issueKeyParam } from '@closeloop/shared/api/params';
import { pastResolutionsQuery, pastResolutionsSchema } from '@closeloop/shared/api/past-resolutions';
import { z } from 'zod';
import { pastResolutionsOf } from '../../commands/past-resolutions.ts';
import { actorOf } from '../../http/authenticate.ts';
import type { ZApp } from '../../http/zod-app.ts';
import type { Services } from '../../services.ts';

export function registerPastResolutionRoutes(app: ZApp, svc: Services) {
  app.get(
    '/api/v1/issues/:key/past-resolutions',
    {
      schema: {
        tags: ['lessons'],
        summary: 'The closest closed issues and how they were resolved (similarity engine)',
        params: z.object({ key: issueKeyParam }),
        querystring: pastResolutionsQuery,
        response: { 200: pastResolutionsSchema },
      },
    },
    async (req) => pastResolutionsOf(svc, await actorOf(svc, req), req.params.key, req.query.limit),
  );
}
