import { idParam } from '@closeloop/shared/api/common';
import { labelCreateBody } from '@closeloop/shared/api/projects';
import { z } from 'zod';
import { createLabel, deleteLabel, listLabels } from '../../commands/labels.ts';
import { actorOf } from '../../http/authenticate.ts';
import type { ZApp } from '../../http/zod-app.ts';
import type { Services } from '../../services.ts';

const tags = ['labels'];

export function registerLabelRoutes(app: ZApp, svc: Services) {
  app.get('/api/v1/labels', { schema: { tags, summary: 'Labels of the workspace' } }, async (req) =>
    listLabels(svc.store, await actorOf(svc, req)),
  );
  app.post(
    '/api/v1/labels',
    { schema: { tags, summary: 'Create a label', body: labelCreateBody } },
    async (req, reply) =>
      reply.status(201).send(await createLabel(svc.store, await actorOf(svc, req), req.body)),
  );
  app.delete(
    '/api/v1/labels/:id',
    { schema: { tags, summary: 'Delete a label', params: z.object({ id: idParam }) } },
    async (req, reply) => {
      await deleteLabel(svc.store, await actorOf(svc, req), req.params.id);
      return reply.status(204).send();
    },
  );
}
