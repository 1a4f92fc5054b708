import { projectKeyParam } from '@closeloop/shared/api/params';
import {
  lessonsRuleBody,
  lessonsRulePreviewBody,
  lessonsRulePreviewSchema,
  lessonsRuleSchema,
  projectResolutionsSchema,
  resolutionCreateBody,
  resolutionKey,
  resolutionUpdateBody,
} from '@closeloop/shared/api/resolutions';
import { z } from 'zod';
import { getLessonsRule, previewLessonsRule, setLessonsRule } from '../../commands/lessons-rule.ts';
import {
  addResolution,
  changeResolution,
  listResolutions,
  removeResolution,
} from '../../commands/project-resolutions.ts';
import { actorOf } from '../../http/authenticate.ts';
import type { ZApp } from '../../http/zod-app.ts';
import type { Services } from '../../services.ts';

const tags = ['closing'];
const params = z.object({ key: projectKeyParam });
const one = z.object({ key: projectKeyParam, resolution: resolutionKey });

/** A project's closing settings: its resolutions and the lessons rule (issue 13 §1). */
export function registerClosingSettingsRoutes(app: ZApp, svc: Services) {
  app.get(
    '/api/v1/projects/:key/resolutions',
    {
      schema: {
        tags,
        summary: "A project's resolutions: built-in ones (maybe renamed or retired), then its own",
        params,
        response: { 200: projectResolutionsSchema },
      },
    },
    async (req) => listResolutions(svc, await actorOf(svc, req), req.params.key),
  );
  app.post(
    '/api/v1/projects/:key/resolutions',
    {
      schema: {
        tags,
        summary: 'Add a resolution of the project’s own (admins)',
        params,
        body: resolutionCreateBody,
        response: { 201: projectResolutionsSchema },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await addResolution(svc, await actorOf(svc, req), req.params.key, req.body)),
  );
  app.patch(
    '/api/v1/projects/:key/resolutions/:resolution',
    {
      schema: {
        tags,
        summary: 'Rename, retire or bring back a resolution (admins); fixed and duplicate are never retired',
        params: one,
        body: resolutionUpdateBody,
        response: { 200: projectResolutionsSchema },
      },
    },
    async (req) =>
      changeResolution(svc, await actorOf(svc, req), req.params.key, req.params.resolution, req.body),
  );
  app.delete(
    '/api/v1/projects/:key/resolutions/:resolution',
    {
      schema: {
        tags,
        summary: 'Remove a resolution of the project’s own that no issue uses (admins); 409 otherwise',
        params: one,
      },
    },
    async (req, reply) => {
      await removeResolution(svc, await actorOf(svc, req), req.params.key, req.params.resolution);
      return reply.status(204).send();
    },
  );
  app.get(
    '/api/v1/projects/:key/lessons-rule',
    {
      schema: {
        tags,
        summary: 'The query whose matching issues owe a lessons-learned record, and how many it matches',
        params,
        response: { 200: lessonsRuleSchema },
      },
    },
    async (req) => getLessonsRule(svc, await actorOf(svc, req), req.params.key),
  );
  app.put(
    '/api/v1/projects/:key/lessons-rule',
    {
      schema: {
        tags,
        summary: 'Set (or with null, remove) the lessons rule (admins); a bad query answers 422',
        params,
        body: lessonsRuleBody,
        response: { 200: lessonsRuleSchema },
      },
    },
    async (req) => setLessonsRule(svc, await actorOf(svc, req), req.params.key, req.body.query),
  );
  app.post(
    '/api/v1/projects/:key/lessons-rule/preview',
    {
      schema: {
        tags,
        summary:
          'How many issues of the project a lessons rule would match; 422 with the reason for a bad one',
        params,
        body: lessonsRulePreviewBody,
        response: { 200: lessonsRulePreviewSchema },
      },
    },
    async (req) => previewLessonsRule(svc, await actorOf(svc, req), req.params.key, req.body.query),
  );
}
