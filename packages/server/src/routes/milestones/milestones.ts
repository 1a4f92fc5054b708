import { idParam } from '@closeloop/shared/api/common';
import {
  milestoneCreateBody,
  milestoneListQuery,
  milestoneUpdateBody,
} from '@closeloop/shared/api/milestones';
import { projectKeyParam } from '@closeloop/shared/api/params';
import { z } from 'zod';
import {
  createMilestone,
  deleteMilestone,
  getMilestone,
  listMilestones,
  updateMilestone,
} from '../../commands/milestones.ts';
import { actorOf } from '../../http/authenticate.ts';
import type { ZApp } from '../../http/zod-app.ts';
import type { Services } from '../../services.ts';

const tags = ['milestones'];
const projectParams = z.object({
  key: projectKeyParam,
});
const idParams = z.object({ id: idParam });

export function registerMilestoneRoutes(app: ZApp, svc: Services) {
  app.get(
    '/api/v1/projects/:key/milestones',
    {
      schema: {
        tags,
        summary: 'Milestones of a project with their progress',
        params: projectParams,
        querystring: milestoneListQuery,
      },
    },
    async (req) => listMilestones(svc.store, await actorOf(svc, req), req.params.key, req.query.state),
  );
  app.post(
    '/api/v1/projects/:key/milestones',
    {
      schema: {
        tags,
        summary: 'Create a milestone (members)',
        params: projectParams,
        body: milestoneCreateBody,
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await createMilestone(svc.store, await actorOf(svc, req), req.params.key, req.body)),
  );
  app.get(
    '/api/v1/milestones/:id',
    {
      schema: {
        tags,
        summary: 'A milestone with progress, time totals and impact (blocked, late and risky work)',
        params: idParams,
      },
    },
    async (req) => getMilestone(svc.store, await actorOf(svc, req), req.params.id),
  );
  app.patch(
    '/api/v1/milestones/:id',
    {
      schema: {
        tags,
        summary: 'Edit, close or reopen a milestone (members)',
        params: idParams,
        body: milestoneUpdateBody,
      },
    },
    async (req) => updateMilestone(svc.store, await actorOf(svc, req), req.params.id, req.body),
  );
  app.delete(
    '/api/v1/milestones/:id',
    { schema: { tags, summary: 'Delete a milestone; its issues leave it (admins)', params: idParams } },
    async (req, reply) => {
      await deleteMilestone(svc, await actorOf(svc, req), req.params.id);
      return reply.status(204).send();
    },
  );
}
