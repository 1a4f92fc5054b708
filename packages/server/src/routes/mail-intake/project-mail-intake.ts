import { projectMailIntakeBody, projectMailIntakeSchema } from '@closeloop/shared/api/mail-intake';
import { projectKeyParam } from '@closeloop/shared/api/params';
import { z } from 'zod';
import { getProjectMailIntake, setProjectMailIntakeSwitch } from '../../commands/project-mail-intake.ts';
import { actorOf } from '../../http/authenticate.ts';
import type { ZApp } from '../../http/zod-app.ts';
import type { Services } from '../../services.ts';

export function registerProjectMailIntakeRoutes(app: ZApp, svc: Services) {
  const params = z.object({ key: projectKeyParam });
  app.get(
    '/api/v1/projects/:key/mail-intake',
    {
      schema: {
        tags: ['intake'],
        summary: "The project's email intake: on or off, and its address when this server takes mail",
        params,
        response: { 200: projectMailIntakeSchema },
      },
    },
    async (req) => getProjectMailIntake(svc, await actorOf(svc, req), req.params.key),
  );
  app.put(
    '/api/v1/projects/:key/mail-intake',
    {
      schema: {
        tags: ['intake'],
        summary: 'Turn email intake of the project on or off (admins)',
        params,
        body: projectMailIntakeBody,
        response: { 200: projectMailIntakeSchema },
      },
    },
    async (req) => setProjectMailIntakeSwitch(svc, await actorOf(svc, req), req.params.key, req.body.enabled),
  );
}
