import { watchersSchema } from '@closeloop/shared/api/collaboration';
import { issueKeyParam } from '@closeloop/shared/api/params';
import { z } from 'zod';
import { issueWatchers, unwatch, watch } from '../../commands/watchers.ts';
import { actorOf } from '../../http/authenticate.ts';
import type { ZApp } from '../../http/zod-app.ts';
import type { Services } from '../../services.ts';

const tags = ['watchers'];
export const issueKeyParams = z.object({
  key: issueKeyParam,
});

export function registerWatcherRoutes(app: ZApp, svc: Services) {
  app.get(
    '/api/v1/issues/:key/watchers',
    {
      schema: {
        tags,
        summary: 'Who watches an issue, and whether you do',
        params: issueKeyParams,
        response: { 200: watchersSchema },
      },
    },
    async (req) => issueWatchers(svc, await actorOf(svc, req), req.params.key),
  );
  app.post(
    '/api/v1/issues/:key/watchers/me',
    {
      schema: { tags, summary: 'Watch an issue', params: issueKeyParams, response: { 200: watchersSchema } },
    },
    async (req) => watch(svc, await actorOf(svc, req), req.params.key),
  );
  app.delete(
    '/api/v1/issues/:key/watchers/me',
    { schema: { tags, summary: 'Stop watching an issue', params: issueKeyParams } },
    async (req, reply) => {
      await unwatch(svc, await actorOf(svc, req), req.params.key);
      return reply.status(204).send();
    },
  );
}
