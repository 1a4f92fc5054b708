import { projectKeyParam } from '@closeloop/shared/api/params';
import {
  issueTypeCreateBody,
  issueTypeKey,
  issueTypeSchema,
  issueTypeUpdateBody,
} from '@closeloop/shared/api/workflows';
import { z } from 'zod';
import {
  createIssueType,
  deleteIssueType,
  listIssueTypes,
  updateIssueType,
} from '../../commands/issue-types.ts';
import { actorOf } from '../../http/authenticate.ts';
import type { ZApp } from '../../http/zod-app.ts';
import type { Services } from '../../services.ts';

const tags = ['issue types'];
const key = projectKeyParam;
const params = z.object({ key, type: issueTypeKey });

export function registerIssueTypeRoutes(app: ZApp, svc: Services) {
  app.get(
    '/api/v1/projects/:key/types',
    {
      schema: {
        tags,
        summary: 'Issue types of a project',
        params: z.object({ key }),
        response: { 200: z.array(issueTypeSchema) },
      },
    },
    async (req) => listIssueTypes(svc.store, await actorOf(svc, req), req.params.key),
  );
  app.post(
    '/api/v1/projects/:key/types',
    {
      schema: {
        tags,
        summary: 'Add an issue type (admins)',
        params: z.object({ key }),
        body: issueTypeCreateBody,
        response: { 201: issueTypeSchema },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await createIssueType(svc.store, await actorOf(svc, req), req.params.key, req.body)),
  );
  app.patch(
    '/api/v1/projects/:key/types/:type',
    {
      schema: {
        tags,
        summary: 'Rename, re-icon, recolour or reorder an issue type (admins)',
        params,
        body: issueTypeUpdateBody,
        response: { 200: issueTypeSchema },
      },
    },
    async (req) =>
      updateIssueType(svc.store, await actorOf(svc, req), req.params.key, req.params.type, req.body),
  );
  app.delete(
    '/api/v1/projects/:key/types/:type',
    { schema: { tags, summary: 'Remove an issue type no issue uses (admins); 409 otherwise', params } },
    async (req, reply) => {
      await deleteIssueType(svc.store, await actorOf(svc, req), req.params.key, req.params.type);
      return reply.status(204).send();
    },
  );
}
