import { issueKeyParam } from '@closeloop/shared/api/params';
import { recurrenceSchema } from '@closeloop/shared/api/recurrence';
import { z } from 'zod';
import { getRecurrence } from '../../commands/recurrence.ts';
import { actorOf } from '../../http/authenticate.ts';
import type { ZApp } from '../../http/zod-app.ts';
import type { Services } from '../../services.ts';

export function registerRecurrenceRoutes(app: ZApp, svc: Services) {
  app.get(
    '/api/v1/issues/:key/recurrence',
    {
      schema: {
        tags: ['lessons'],
        summary: 'The closed issue this one recurs, with its resolution and lessons learned (null if none)',
        params: z.object({ key: issueKeyParam }),
        response: { 200: recurrenceSchema },
      },
    },
    async (req) => getRecurrence(svc, await actorOf(svc, req), req.params.key),
  );
}
