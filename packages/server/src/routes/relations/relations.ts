import { idParam } from '@closeloop/shared/api/common';
import { issueKeyParam, projectKeyParam } from '@closeloop/shared/api/params';
import {
  bulkEditBody,
  linkCreateBody,
  projectLinksQuery,
  worklogCreateBody,
} from '@closeloop/shared/api/relations';
import { z } from 'zod';
import { bulkEditIssues } from '../../commands/bulk-edit.ts';
import { listChildren } from '../../commands/issue-relations.ts';
import { addLink, listLinks, listProjectLinks, removeLink } from '../../commands/links.ts';
import { deleteWork, listWork, logWork } from '../../commands/worklogs.ts';
import { actorOf } from '../../http/authenticate.ts';
import type { ZApp } from '../../http/zod-app.ts';
import type { Services } from '../../services.ts';

const tags = ['relations'];
const key = issueKeyParam;
const issueKeyParams = z.object({ key });

/** Sub-issues, links, work logs and bulk edits: everything that hangs off an issue or spans several. */
export function registerRelationRoutes(app: ZApp, svc: Services) {
  app.get(
    '/api/v1/issues/:key/children',
    {
      schema: {
        tags,
        summary: 'Direct sub-issues with their progress and the time rolled up over the subtree',
        params: issueKeyParams,
      },
    },
    async (req) => listChildren(svc, await actorOf(svc, req), req.params.key),
  );

  app.get(
    '/api/v1/issues/:key/links',
    {
      schema: {
        tags,
        summary: 'Links of an issue, each typed as read from this issue',
        params: issueKeyParams,
      },
    },
    async (req) => listLinks(svc, await actorOf(svc, req), req.params.key),
  );
  app.post(
    '/api/v1/issues/:key/links',
    {
      schema: {
        tags,
        summary:
          'Link to another issue: blocks, is_blocked_by, duplicates, is_duplicated_by, relates_to. 409 if already linked.',
        params: issueKeyParams,
        body: linkCreateBody,
      },
    },
    async (req, reply) =>
      reply.status(201).send(await addLink(svc, await actorOf(svc, req), req.params.key, req.body)),
  );
  app.delete(
    '/api/v1/issues/:key/links/:id',
    {
      schema: {
        tags,
        summary: 'Remove a link (from either of its issues)',
        params: z.object({ key, id: idParam }),
      },
    },
    async (req, reply) => {
      await removeLink(svc, await actorOf(svc, req), req.params.key, req.params.id);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/v1/projects/:key/links',
    {
      schema: {
        tags,
        summary:
          'Links touching a project in stored direction (source blocks/duplicates target), for timelines',
        params: z.object({
          key: projectKeyParam,
        }),
        querystring: projectLinksQuery,
      },
    },
    async (req) => listProjectLinks(svc, await actorOf(svc, req), req.params.key, req.query.type),
  );

  app.get(
    '/api/v1/issues/:key/worklogs',
    {
      schema: {
        tags,
        summary: 'Work logs of an issue with its own and rolled-up time',
        params: issueKeyParams,
      },
    },
    async (req) => listWork(svc, await actorOf(svc, req), req.params.key),
  );
  app.post(
    '/api/v1/issues/:key/worklogs',
    { schema: { tags, summary: 'Log time on an issue', params: issueKeyParams, body: worklogCreateBody } },
    async (req, reply) =>
      reply.status(201).send(await logWork(svc, await actorOf(svc, req), req.params.key, req.body)),
  );
  app.delete(
    '/api/v1/issues/:key/worklogs/:id',
    {
      schema: {
        tags,
        summary: 'Delete a work log (its author, or an admin)',
        params: z.object({ key, id: idParam }),
      },
    },
    async (req, reply) => {
      await deleteWork(svc, await actorOf(svc, req), req.params.key, req.params.id);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/v1/issues/bulk',
    {
      schema: {
        tags,
        summary:
          'Edit many issues at once, all or nothing; a failure lists every key that could not be edited',
        body: bulkEditBody,
      },
    },
    async (req) => bulkEditIssues(svc, await actorOf(svc, req), req.body),
  );
}
