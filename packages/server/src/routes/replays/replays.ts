import { projectKeyParam } from '@closeloop/shared/api/params';
import { replaySettingsBody, sessionIdParam, sessionListQuery } from '@closeloop/shared/api/replays';
import { z } from 'zod';
import {
  getRecording,
  getReplaySettings,
  getSession,
  listSessions,
  setReplaySettings,
} from '../../commands/replays.ts';
import { actorOf } from '../../http/authenticate.ts';
import type { ZApp } from '../../http/zod-app.ts';
import type { Services } from '../../services.ts';

const tags = ['replays'];
const key = projectKeyParam;
const bool = (v: 'true' | 'false' | undefined) => (v === undefined ? undefined : v === 'true');

export function registerReplayRoutes(app: ZApp, svc: Services) {
  app.get(
    '/api/v1/projects/:key/sessions',
    {
      schema: {
        tags,
        summary:
          'Recorded sessions, newest first; filter by user, URL, release, errors, frustration, duration',
        params: z.object({ key }),
        querystring: sessionListQuery,
      },
    },
    async (req) => {
      const q = req.query;
      return listSessions(svc, await actorOf(svc, req), req.params.key, {
        user: q.user,
        url: q.url,
        release: q.release,
        hasError: bool(q.hasError),
        hasFrustration: bool(q.hasFrustration),
        minDurationMs: q.minDuration === undefined ? undefined : q.minDuration * 1000,
        maxDurationMs: q.maxDuration === undefined ? undefined : q.maxDuration * 1000,
        cursor: q.cursor,
        limit: q.limit,
      });
    },
  );
  app.get(
    '/api/v1/projects/:key/sessions/:sessionId',
    {
      schema: {
        tags,
        summary: 'A recorded session and the issues it ran into',
        params: z.object({ key, sessionId: sessionIdParam }),
      },
    },
    async (req) => getSession(svc, await actorOf(svc, req), req.params.key, req.params.sessionId),
  );
  app.get(
    '/api/v1/projects/:key/sessions/:sessionId/recording',
    {
      schema: {
        tags,
        summary: "The session's recording: one JSON array of rrweb events in order",
        params: z.object({ key, sessionId: sessionIdParam }),
      },
    },
    async (req, reply) => {
      const body = await getRecording(svc, await actorOf(svc, req), req.params.key, req.params.sessionId);
      return reply.header('content-type', 'application/json; charset=utf-8').send(body);
    },
  );
  app.get(
    '/api/v1/projects/:key/replay-settings',
    { schema: { tags, summary: 'How long recordings are kept', params: z.object({ key }) } },
    async (req) => getReplaySettings(svc, await actorOf(svc, req), req.params.key),
  );
  app.put(
    '/api/v1/projects/:key/replay-settings',
    {
      schema: {
        tags,
        summary: 'Set how long recordings are kept (admins; at least 30 days)',
        params: z.object({ key }),
        body: replaySettingsBody,
      },
    },
    async (req) => setReplaySettings(svc, await actorOf(svc, req), req.params.key, req.body),
  );
}
