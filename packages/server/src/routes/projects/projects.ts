import { projectKeyParam } from '@closeloop/shared/api/params';
import { projectCreateBody, projectUpdateBody } from '@closeloop/shared/api/projects';
import { z } from 'zod';
import { createProject, getProject, listProjects, updateProject } from '../../commands/projects.ts';
import { actorOf } from '../../http/authenticate.ts';
import type { ZApp } from '../../http/zod-app.ts';
import type { Services } from '../../services.ts';

const tags = ['projects'];
const keyParams = z.object({ key: projectKeyParam });

export function registerProjectRoutes(app: ZApp, svc: Services) {
  app.get('/api/v1/projects', { schema: { tags, summary: 'Projects of the workspace' } }, async (req) =>
    listProjects(svc.store, await actorOf(svc, req)),
  );
  app.post(
    '/api/v1/projects',
    { schema: { tags, summary: 'Create a project (admins)', body: projectCreateBody } },
    async (req, reply) =>
      reply.status(201).send(await createProject(svc.store, await actorOf(svc, req), req.body)),
  );
  app.get(
    '/api/v1/projects/:key',
    { schema: { tags, summary: 'One project with its statuses', params: keyParams } },
    async (req) => getProject(svc.store, await actorOf(svc, req), req.params.key),
  );
  app.patch(
    '/api/v1/projects/:key',
    {
      schema: {
        tags,
        summary: 'Rename, describe or archive a project (admins)',
        params: keyParams,
        body: projectUpdateBody,
      },
    },
    async (req) => updateProject(svc.store, await actorOf(svc, req), req.params.key, req.body),
  );
}
