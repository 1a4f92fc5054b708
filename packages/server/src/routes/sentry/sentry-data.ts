import { idParam } from '@closeloop/shared/api/common';
import { projectKeyParam } from '@closeloop/shared/api/params';
import { z } from 'zod';
import {
  discardedSummary,
  getAttachment,
  getReplaySegment,
  listEventAttachments,
  listFeedback,
  listReleases,
  listReplaySegments,
} from '../../commands/sentry-data.ts';
import { actorOf } from '../../http/authenticate.ts';
import type { ZApp } from '../../http/zod-app.ts';
import type { Services } from '../../services.ts';

const tags = ['monitoring'];
const key = projectKeyParam;
const hexId = z
  .string()
  .transform((s) => s.replaceAll('-', '').toLowerCase())
  .pipe(z.string().regex(/^[0-9a-f]{32}$/, 'a 32-hex-digit id'));

/** Content types a browser may show inline; anything else downloads as bytes. */
const INLINE_SAFE = new Set(['text/plain', 'application/json', 'image/png', 'image/jpeg', 'image/gif']);

export function registerSentryDataRoutes(app: ZApp, svc: Services) {
  app.get(
    '/api/v1/projects/:key/releases',
    {
      schema: {
        tags,
        summary: 'Releases with health: sessions, crashed/errored/abnormal, users, crash-free rates',
        params: z.object({ key }),
        querystring: z.object({ environment: z.string().max(1_000).optional() }),
      },
    },
    async (req) => listReleases(svc, await actorOf(svc, req), req.params.key, req.query.environment),
  );
  app.get(
    '/api/v1/projects/:key/events/:eventId/attachments',
    {
      schema: {
        tags,
        summary: 'Attachments sent with an event',
        params: z.object({ key, eventId: hexId }),
      },
    },
    async (req) => listEventAttachments(svc, await actorOf(svc, req), req.params.key, req.params.eventId),
  );
  app.get(
    '/api/v1/projects/:key/attachments/:id',
    {
      schema: { tags, summary: 'Download an attachment', params: z.object({ key, id: idParam }) },
    },
    async (req, reply) => {
      const row = await getAttachment(svc, await actorOf(svc, req), req.params.key, req.params.id);
      const type = row.content_type.split(';')[0]?.trim().toLowerCase() ?? '';
      return reply
        .header('content-type', INLINE_SAFE.has(type) ? row.content_type : 'application/octet-stream')
        .header(
          'content-disposition',
          `attachment; filename="${row.filename.replace(/[^\w.-]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(row.filename)}`,
        )
        .header('x-content-type-options', 'nosniff')
        .send(row.data);
    },
  );
  app.get(
    '/api/v1/projects/:key/replays/:replayId',
    {
      schema: {
        tags,
        summary: "A replay's segments (the replay id is the session id of its events)",
        params: z.object({ key, replayId: hexId }),
      },
    },
    async (req) => listReplaySegments(svc, await actorOf(svc, req), req.params.key, req.params.replayId),
  );
  app.get(
    '/api/v1/projects/:key/replays/:replayId/segments/:segmentId',
    {
      schema: {
        tags,
        summary: 'One replay segment: its rrweb events (kind=recording) or its replay_event (kind=event)',
        params: z.object({ key, replayId: hexId, segmentId: z.coerce.number().int().min(0) }),
        querystring: z.object({ kind: z.enum(['event', 'recording']).default('recording') }),
      },
    },
    async (req, reply) => {
      const payload = await getReplaySegment(
        svc,
        await actorOf(svc, req),
        req.params.key,
        req.params.replayId,
        req.params.segmentId,
        req.query.kind,
      );
      return reply.header('content-type', 'application/json; charset=utf-8').send(payload);
    },
  );
  app.get(
    '/api/v1/projects/:key/feedback',
    {
      schema: {
        tags,
        summary: 'User feedback sent through Sentry SDKs, newest first',
        params: z.object({ key }),
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
      },
    },
    async (req) => listFeedback(svc, await actorOf(svc, req), req.params.key, req.query.limit),
  );
  app.get(
    '/api/v1/projects/:key/client-reports',
    {
      schema: {
        tags,
        summary: 'Items dropped before storage, by source (client SDK or server), category and reason',
        params: z.object({ key }),
        querystring: z.object({ days: z.coerce.number().int().min(1).max(365).default(30) }),
      },
    },
    async (req) => discardedSummary(svc, await actorOf(svc, req), req.params.key, req.query.days),
  );
}
