import { Invalid } from '@closeloop/shared/errors';
import { z } from 'zod';
import { actorOf } from '../../http/authenticate.ts';
import type { ZApp } from '../../http/zod-app.ts';
import { HEARTBEAT_MS, SseStream } from '../../live/sse-stream.ts';
import type { Services } from '../../services.ts';

const position = z.string().regex(/^\d{1,15}$/, 'a Last-Event-ID received from this stream');

export function registerStreamRoutes(app: ZApp, svc: Services, opts: { heartbeatMs?: number } = {}) {
  app.get(
    '/api/v1/stream',
    {
      schema: {
        tags: ['live'],
        summary:
          'Server-sent events for your workspace: issue, comment, watcher and your notification changes. ' +
          'Resume with the Last-Event-ID header (or ?lastEventId= where headers cannot be set).',
        querystring: z.strictObject({ lastEventId: position.optional() }),
      },
    },
    async (req, reply) => {
      // Authenticate and validate before the response becomes a stream, so errors are JSON 4xx.
      const actor = await actorOf(svc, req);
      const header = req.headers['last-event-id'];
      const raw = (Array.isArray(header) ? header[0] : header) ?? req.query.lastEventId;
      if (raw !== undefined && !position.safeParse(raw).success) {
        throw new Invalid('Last-Event-ID must be an event id received from this stream', {
          field: 'Last-Event-ID',
        });
      }
      reply.hijack();
      const stream = new SseStream(svc, actor, reply.raw);
      try {
        await stream.open(req.raw, raw === undefined ? null : Number(raw), opts.heartbeatMs ?? HEARTBEAT_MS);
      } catch (err) {
        req.log.warn({ err }, 'live stream failed to open');
        stream.end();
      }
    },
  );
}
