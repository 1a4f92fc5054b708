import { issueKeyParam, projectKeyParam } from '@closeloop/shared/api/params';
import {
  mergeBody,
  mergeListSchema,
  mergeSchema,
  similarListSchema,
  similarQuery,
} from '@closeloop/shared/api/similarity';
import { z } from 'zod';
import { listMerges, mergeIssue, undoMerge } from '../../commands/merge.ts';
import { similarToIssue, similarToText } from '../../commands/similarity.ts';
import { actorOf } from '../../http/authenticate.ts';
import type { ZApp } from '../../http/zod-app.ts';
import type { Services } from '../../services.ts';

const tags = ['similarity'];
const issueParams = z.object({ key: issueKeyParam });

export function registerSimilarityRoutes(app: ZApp, svc: Services) {
  app.get(
    '/api/v1/projects/:key/similar',
    {
      schema: {
        tags,
        summary: 'Issues of the project most like a text being typed (title, optional description)',
        params: z.object({ key: projectKeyParam }),
        querystring: similarQuery,
        response: { 200: similarListSchema },
      },
    },
    async (req) => similarToText(svc, await actorOf(svc, req), req.params.key, req.query),
  );
  app.get(
    '/api/v1/issues/:key/similar',
    {
      schema: {
        tags,
        summary: 'Issues most like this one, and the earlier issue it likely duplicates',
        params: issueParams,
        querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(50).default(8) }),
        response: { 200: similarListSchema },
      },
    },
    async (req) => similarToIssue(svc, await actorOf(svc, req), req.params.key, req.query.limit),
  );
  app.get(
    '/api/v1/issues/:key/merges',
    {
      schema: {
        tags,
        summary: 'Merges this issue took part in (either side)',
        params: issueParams,
        response: { 200: mergeListSchema },
      },
    },
    async (req) => ({ items: await listMerges(svc, await actorOf(svc, req), req.params.key) }),
  );
  app.post(
    '/api/v1/issues/:key/merge',
    {
      schema: {
        tags,
        summary: 'Merge this issue (the duplicate) into another (the original)',
        params: issueParams,
        body: mergeBody,
        response: { 201: mergeSchema },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await mergeIssue(svc, await actorOf(svc, req), req.params.key, req.body.into)),
  );
  app.post(
    '/api/v1/issues/:key/merge/undo',
    {
      schema: {
        tags,
        summary: "Undo this duplicate's merge",
        params: issueParams,
        response: { 200: mergeSchema },
      },
    },
    async (req) => undoMerge(svc, await actorOf(svc, req), req.params.key),
  );
}
