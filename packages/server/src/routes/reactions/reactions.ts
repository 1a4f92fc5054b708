import {
  commentRevisionSchema,
  issueReactionsSchema,
  reactionSummarySchema,
  reactionToggleBody,
  reactionToggleResultSchema,
} from '@closeloop/shared/api/collaboration';
import { idParam } from '@closeloop/shared/api/common';
import { z } from 'zod';
import { listCommentRevisions } from '../../commands/comment-history.ts';
import { commentReactions, issueReactions, toggleReaction } from '../../commands/reactions.ts';
import { actorOf } from '../../http/authenticate.ts';
import type { ZApp } from '../../http/zod-app.ts';
import type { Services } from '../../services.ts';
import { issueKeyParams } from '../watchers/watchers.ts';

const tags = ['comments'];
const commentParams = z.object({ id: idParam });

/** Reactions on comments and the edit history of a comment. */
export function registerReactionRoutes(app: ZApp, svc: Services) {
  app.post(
    '/api/v1/comments/:id/reactions',
    {
      schema: {
        tags,
        summary: 'Toggle your reaction (one emoji) on a comment',
        params: commentParams,
        body: reactionToggleBody,
        response: { 200: reactionToggleResultSchema },
      },
    },
    async (req) => toggleReaction(svc, await actorOf(svc, req), req.params.id, req.body.emoji),
  );
  app.get(
    '/api/v1/comments/:id/reactions',
    {
      schema: {
        tags,
        summary: 'Reactions on a comment',
        params: commentParams,
        response: { 200: z.array(reactionSummarySchema) },
      },
    },
    async (req) => commentReactions(svc, await actorOf(svc, req), req.params.id),
  );
  app.get(
    '/api/v1/issues/:key/reactions',
    {
      schema: {
        tags,
        summary: 'Reactions on every comment of an issue, by comment id',
        params: issueKeyParams,
        response: { 200: issueReactionsSchema },
      },
    },
    async (req) => issueReactions(svc, await actorOf(svc, req), req.params.key),
  );
  app.get(
    '/api/v1/comments/:id/revisions',
    {
      schema: {
        tags,
        summary: 'Earlier bodies of an edited comment, oldest first',
        params: commentParams,
        response: { 200: z.array(commentRevisionSchema) },
      },
    },
    async (req) => listCommentRevisions(svc, await actorOf(svc, req), req.params.id),
  );
}
