import { issueKeyParam, projectKeyParam } from '@closeloop/shared/api/params';
import {
  issueCommitsSchema,
  pushResultSchema,
  repositoryHookBody,
  repositoryHookSchema,
} from '@closeloop/shared/api/repository-hooks';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  configureRepositoryHook,
  getRepositoryHook,
  issueCommits,
  receivePush,
} from '../../commands/repository-hooks.ts';
import { actorOf } from '../../http/authenticate.ts';
import type { ZApp } from '../../http/zod-app.ts';
import type { Services } from '../../services.ts';
import { acceptRawBodies, rawBody } from '../ingest/raw-ingest-scope.ts';

const tags = ['linked changes'];
const PUSH_BODY_LIMIT = 5 * 1024 * 1024;

export function registerRepositoryHookRoutes(app: ZApp, svc: Services) {
  const project = z.object({ key: projectKeyParam });
  app.get(
    '/api/v1/projects/:key/repository-hook',
    {
      schema: {
        tags,
        summary: "A project's push hook (without its secret)",
        params: project,
        response: { 200: repositoryHookSchema },
      },
    },
    async (req) => getRepositoryHook(svc, await actorOf(svc, req), req.params.key),
  );
  app.put(
    '/api/v1/projects/:key/repository-hook',
    {
      schema: {
        tags,
        summary: 'Set up or change the push hook; a new or rotated secret is in this answer only',
        params: project,
        body: repositoryHookBody,
        response: { 200: repositoryHookSchema },
      },
    },
    async (req) => configureRepositoryHook(svc, await actorOf(svc, req), req.params.key, req.body),
  );
  app.get(
    '/api/v1/issues/:key/commits',
    {
      schema: {
        tags,
        summary: 'Commits linked to an issue',
        params: z.object({ key: issueKeyParam }),
        response: { 200: issueCommitsSchema },
      },
    },
    async (req) => issueCommits(svc, await actorOf(svc, req), req.params.key),
  );
  // The signature covers the exact bytes sent, so this route reads the body raw.
  app.register(async (plain) => {
    const scope = plain.withTypeProvider<ZodTypeProvider>();
    acceptRawBodies(plain, PUSH_BODY_LIMIT);
    scope.post(
      '/api/hooks/v1/push/:hookId',
      {
        config: { anonymous: true },
        schema: {
          tags,
          summary: 'Inbound push from GitHub (X-Hub-Signature-256) or GitLab (X-Gitlab-Token)',
          params: z.object({ hookId: z.string().regex(/^[0-9a-f]{24}$/, 'a hook id') }),
          response: { 200: pushResultSchema },
        },
      },
      async (req) => receivePush(svc, req.params.hookId, req.headers, rawBody(req)),
    );
  });
}
