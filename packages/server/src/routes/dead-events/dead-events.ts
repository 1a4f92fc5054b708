import { idParam } from '@closeloop/shared/api/common';
import { deadEventListSchema } from '@closeloop/shared/api/dead-events';
import { projectKeyParam } from '@closeloop/shared/api/params';
import { z } from 'zod';
import { discardDeadEvent, listDeadEvents, retryDeadEvent } from '../../commands/dead-events.ts';
import { actorOf } from '../../http/authenticate.ts';
import type { ZApp } from '../../http/zod-app.ts';
import type { Services } from '../../services.ts';

const tags = ['ingest keys'];
const params = z.object({ key: projectKeyParam, id: idParam });

/** Events the grouping worker set aside with their error: list, retry, discard (admins). */
export function registerDeadEventRoutes(app: ZApp, svc: Services) {
  app.get(
    '/api/v1/projects/:key/dead-events',
    {
      schema: {
        tags,
        summary: 'Events grouping could not process, with their error (admins)',
        params: z.object({ key: projectKeyParam }),
        response: { 200: deadEventListSchema },
      },
    },
    async (req) => listDeadEvents(svc.store, await actorOf(svc, req), req.params.key),
  );
  app.post(
    '/api/v1/projects/:key/dead-events/:id/retry',
    {
      schema: { tags, summary: 'Have the grouping worker process a set-aside event again (admins)', params },
    },
    async (req, reply) => {
      await retryDeadEvent(svc.store, await actorOf(svc, req), req.params.key, req.params.id);
      svc.ingest.worker.wake();
      return reply.status(202).send({ queued: true });
    },
  );
  app.delete(
    '/api/v1/projects/:key/dead-events/:id',
    {
      schema: {
        tags,
        summary: 'Discard a set-aside event; it stays in the raw log, ungrouped (admins)',
        params,
      },
    },
    async (req, reply) => {
      await discardDeadEvent(svc.store, await actorOf(svc, req), req.params.key, req.params.id);
      return reply.status(204).send();
    },
  );
}
