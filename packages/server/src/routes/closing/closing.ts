import { closeAsDuplicateBody } from '@closeloop/shared/api/closing';
import { issueSchema } from '@closeloop/shared/api/issues';
import { issueKeyParam } from '@closeloop/shared/api/params';
import { z } from 'zod';
import { closeAsDuplicate } from '../../commands/close-as-duplicate.ts';
import { actorOf } from '../../http/authenticate.ts';
import type { ZApp } from '../../http/zod-app.ts';
import type { Services } from '../../services.ts';

const tags = ['closing'];

export function registerClosingRoutes(app: ZApp, svc: Services) {
  app.post(
    '/api/v1/issues/:key/close-as-duplicate',
    {
      schema: {
        tags,
        summary:
          'Close as a duplicate of the original: linked, and its watchers and reporter follow the original',
        params: z.object({ key: issueKeyParam }),
        body: closeAsDuplicateBody,
        response: { 200: issueSchema },
      },
    },
    async (req) => closeAsDuplicate(svc, await actorOf(svc, req), req.params.key, req.body),
  );
}
