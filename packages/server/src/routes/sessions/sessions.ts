import { idParam } from '@closeloop/shared/api/common';
import { z } from 'zod';
import { listMySessions, revokeMyOtherSessions, revokeMySession } from '../../commands/sessions.ts';
import { actorOf, SESSION_COOKIE } from '../../http/authenticate.ts';
import type { ZApp } from '../../http/zod-app.ts';
import type { Services } from '../../services.ts';

const tags = ['auth'];

export function registerSessionRoutes(app: ZApp, svc: Services) {
  app.get(
    '/api/v1/me/sessions',
    { schema: { tags, summary: 'Your signed-in sessions; the one of this request is marked current' } },
    async (req) => ({
      items: await listMySessions(
        svc.store,
        await actorOf(svc, req),
        req.cookies[SESSION_COOKIE],
        svc.config.session,
      ),
    }),
  );
  app.delete(
    '/api/v1/me/sessions/:id',
    { schema: { tags, summary: 'Sign one of your sessions out', params: z.object({ id: idParam }) } },
    async (req, reply) => {
      await revokeMySession(svc.store, await actorOf(svc, req), req.params.id);
      return reply.status(204).send();
    },
  );
  app.post(
    '/api/v1/me/sessions/revoke-others',
    { schema: { tags, summary: 'Sign out everywhere else (every session but this one)' } },
    async (req) => revokeMyOtherSessions(svc.store, await actorOf(svc, req), req.cookies[SESSION_COOKIE]),
  );
}
