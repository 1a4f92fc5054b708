import {
  actionItemBody,
  knowledgeQuery,
  knowledgeSchema,
  lessonsBody,
  lessonsSchema,
} from '@closeloop/shared/api/lessons';
import { issueKeyParam } from '@closeloop/shared/api/params';
import { z } from 'zod';
import { addActionItem, getLessons, saveLessons, searchKnowledgeBase } from '../../commands/lessons.ts';
import { actorOf } from '../../http/authenticate.ts';
import type { ZApp } from '../../http/zod-app.ts';
import type { Services } from '../../services.ts';

const tags = ['lessons'];
const params = z.object({ key: issueKeyParam });

export function registerLessonRoutes(app: ZApp, svc: Services) {
  app.get(
    '/api/v1/issues/:key/lessons',
    {
      schema: {
        tags,
        summary: "An issue's lessons-learned record and action items",
        params,
        response: { 200: lessonsSchema },
      },
    },
    async (req) => getLessons(svc, await actorOf(svc, req), req.params.key),
  );
  app.put(
    '/api/v1/issues/:key/lessons',
    {
      schema: {
        tags,
        summary: 'Write the lessons-learned record (answers not sent keep their value)',
        params,
        body: lessonsBody,
        response: { 200: lessonsSchema },
      },
    },
    async (req) => saveLessons(svc, await actorOf(svc, req), req.params.key, req.body),
  );
  app.post(
    '/api/v1/issues/:key/lessons/actions',
    {
      schema: {
        tags,
        summary: 'Add an action item: a new task linked to the issue',
        params,
        body: actionItemBody,
        response: { 201: lessonsSchema },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await addActionItem(svc, await actorOf(svc, req), req.params.key, req.body)),
  );
  app.get(
    '/api/v1/knowledge',
    {
      schema: {
        tags,
        summary: 'Search resolutions and lessons learned of closed issues',
        querystring: knowledgeQuery,
        response: { 200: knowledgeSchema },
      },
    },
    async (req) => searchKnowledgeBase(svc, await actorOf(svc, req), req.query),
  );
}
