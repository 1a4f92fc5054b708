import { idParam } from '@closeloop/shared/api/common';
import { commentCreateBody, commentUpdateBody } from '@closeloop/shared/api/issues';
import { issueKeyParam } from '@closeloop/shared/api/params';
import { z } from 'zod';
import { addComment, deleteComment, editComment, listComments } from '../../commands/comments.ts';
import { actorOf } from '../../http/authenticate.ts';
import type { ZApp } from '../../http/zod-app.ts';
import type { Services } from '../../services.ts';

const tags = ['comments'];
const issueKeyParams = z.object({
  key: issueKeyParam,
});

export function registerCommentRoutes(app: ZApp, svc: Services) {
  app.get(
    '/api/v1/issues/:key/comments',
    { schema: { tags, summary: 'Comments on an issue', params: issueKeyParams } },
    async (req) => listComments(svc, await actorOf(svc, req), req.params.key),
  );
  app.post(
    '/api/v1/issues/:key/comments',
    {
      schema: {
        tags,
        summary: 'Comment on an issue (Markdown)',
        params: issueKeyParams,
        body: commentCreateBody,
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(
          await addComment(
            svc,
            await actorOf(svc, req),
            req.params.key,
            req.body.body,
            {},
            req.body.visibility,
          ),
        ),
  );
  app.patch(
    '/api/v1/comments/:id',
    {
      schema: {
        tags,
        summary: 'Edit a comment (author or admin)',
        params: z.object({ id: idParam }),
        body: commentUpdateBody,
      },
    },
    async (req) => editComment(svc, await actorOf(svc, req), req.params.id, req.body.body),
  );
  app.delete(
    '/api/v1/comments/:id',
    { schema: { tags, summary: 'Delete a comment (author or admin)', params: z.object({ id: idParam }) } },
    async (req, reply) => {
      await deleteComment(svc, await actorOf(svc, req), req.params.id);
      return reply.status(204).send();
    },
  );
}
