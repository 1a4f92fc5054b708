import { issueCreateBody, issueListQuery, issueUpdateBody } from '@closeloop/shared/api/issues';
import { issueKeyParam, projectKeyParam } from '@closeloop/shared/api/params';
import { z } from 'zod';
import { issueActivity } from '../../commands/comments.ts';
import { countIssues } from '../../commands/issue-query.ts';
import { issueRelations } from '../../commands/issue-relations.ts';
import { createIssue, deleteIssue, getIssue, listIssues, updateIssue } from '../../commands/issues.ts';
import { actorOf } from '../../http/authenticate.ts';
import type { ZApp } from '../../http/zod-app.ts';
import type { Services } from '../../services.ts';

const tags = ['issues'];
const issueKeyParams = z.object({
  key: issueKeyParam,
});

export function registerIssueRoutes(app: ZApp, svc: Services) {
  app.get(
    '/api/v1/issues',
    {
      schema: { tags, summary: 'List issues: filter, sort, page with cursors', querystring: issueListQuery },
    },
    async (req) => listIssues(svc, await actorOf(svc, req), req.query),
  );

  app.get(
    '/api/v1/issues/count',
    {
      schema: {
        tags,
        summary: 'How many issues the list parameters (and q) match, without paging',
        querystring: issueListQuery,
      },
    },
    async (req) => countIssues(svc, await actorOf(svc, req), req.query),
  );

  app.post(
    '/api/v1/projects/:key/issues',
    {
      schema: {
        tags,
        summary: 'Create an issue in a project',
        params: z.object({ key: projectKeyParam }),
        body: issueCreateBody,
      },
    },
    async (req, reply) =>
      reply.status(201).send(await createIssue(svc, await actorOf(svc, req), req.params.key, req.body)),
  );

  app.get(
    '/api/v1/issues/:key',
    {
      schema: {
        tags,
        summary: 'Read an issue by key (SHOP-42), with its links, sub-issue progress and rolled-up time',
        params: issueKeyParams,
      },
    },
    async (req) => {
      const issue = await getIssue(svc, await actorOf(svc, req), req.params.key);
      return { ...issue, ...(await issueRelations(svc.store, issue)) };
    },
  );

  app.patch(
    '/api/v1/issues/:key',
    {
      schema: {
        tags,
        summary:
          'Edit an issue; send the version you read. A stale version answers 409 with the current issue.',
        params: issueKeyParams,
        body: issueUpdateBody,
      },
    },
    async (req) => updateIssue(svc, await actorOf(svc, req), req.params.key, req.body),
  );

  app.delete(
    '/api/v1/issues/:key',
    { schema: { tags, summary: 'Delete an issue (admins)', params: issueKeyParams } },
    async (req, reply) => {
      await deleteIssue(svc, await actorOf(svc, req), req.params.key);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/v1/issues/:key/activity',
    { schema: { tags, summary: 'The history of every change to an issue', params: issueKeyParams } },
    async (req) => issueActivity(svc, await actorOf(svc, req), req.params.key),
  );
}
