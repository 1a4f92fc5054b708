import { idParam } from '@closeloop/shared/api/common';
import { viewCreateBody, viewRunQuery, viewUpdateBody } from '@closeloop/shared/api/views';
import { z } from 'zod';
import { createView, deleteView, getView, listViews, runView, updateView } from '../../commands/views.ts';
import { actorOf } from '../../http/authenticate.ts';
import type { ZApp } from '../../http/zod-app.ts';
import type { Services } from '../../services.ts';

const tags = ['views'];
const params = z.object({ id: idParam });

export function registerViewRoutes(app: ZApp, svc: Services) {
  app.get(
    '/api/v1/views',
    { schema: { tags, summary: 'Your personal views and the workspace’s shared views' } },
    async (req) => listViews(svc, await actorOf(svc, req)),
  );
  app.post(
    '/api/v1/views',
    {
      schema: {
        tags,
        summary: 'Save a query with display options; personal unless shared',
        body: viewCreateBody,
      },
    },
    async (req, reply) => reply.status(201).send(await createView(svc, await actorOf(svc, req), req.body)),
  );
  app.get('/api/v1/views/:id', { schema: { tags, summary: 'One view', params } }, async (req) =>
    getView(svc, await actorOf(svc, req), req.params.id),
  );
  app.patch(
    '/api/v1/views/:id',
    {
      schema: {
        tags,
        summary:
          'Edit a view (owner; admins too for shared views). Send the version you read; stale answers 409.',
        params,
        body: viewUpdateBody,
      },
    },
    async (req) => updateView(svc, await actorOf(svc, req), req.params.id, req.body),
  );
  app.delete(
    '/api/v1/views/:id',
    { schema: { tags, summary: 'Delete a view (same rule as editing)', params } },
    async (req, reply) => {
      await deleteView(svc, await actorOf(svc, req), req.params.id);
      return reply.status(204).send();
    },
  );
  app.get(
    '/api/v1/views/:id/issues',
    {
      schema: {
        tags,
        summary: 'The issues a view shows, paged like the issue list',
        params,
        querystring: viewRunQuery,
      },
    },
    async (req) => runView(svc, await actorOf(svc, req), req.params.id, req.query),
  );
}
