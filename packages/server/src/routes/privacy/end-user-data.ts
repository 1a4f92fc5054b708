import { z } from 'zod';
import { deleteEndUserData } from '../../commands/end-user-data.ts';
import { actorOf } from '../../http/authenticate.ts';
import type { ZApp } from '../../http/zod-app.ts';
import type { Services } from '../../services.ts';

/** The person as the SDK reported them: `user.id`, or `user.email`. */
const endUserBody = z.union([
  z.strictObject({ userId: z.string().trim().min(1).max(200) }),
  z.strictObject({ email: z.string().trim().min(3).max(320) }),
]);

export function registerEndUserDataRoutes(app: ZApp, svc: Services) {
  app.post(
    '/api/v1/projects/:key/end-user-data/delete',
    {
      schema: {
        tags: ['privacy'],
        summary:
          "Delete an end user's events, sessions, replays and reports in the project, on their request (admins); answers what went",
        params: z.strictObject({ key: z.string() }),
        body: endUserBody,
      },
    },
    async (req) => deleteEndUserData(svc, await actorOf(svc, req), req.params.key, req.body),
  );
}
