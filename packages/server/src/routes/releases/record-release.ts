import { projectKeyParam } from '@closeloop/shared/api/params';
import { recordedReleaseSchema, recordReleaseBody } from '@closeloop/shared/api/releases';
import { z } from 'zod';
import { recordRelease } from '../../commands/releases.ts';
import { actorOf } from '../../http/authenticate.ts';
import type { ZApp } from '../../http/zod-app.ts';
import type { Services } from '../../services.ts';

export function registerRecordReleaseRoutes(app: ZApp, svc: Services) {
  app.post(
    '/api/v1/projects/:key/releases',
    {
      schema: {
        tags: ['releases'],
        summary: 'Record a release and the commits it ships (201 when new, 200 when known)',
        params: z.object({ key: projectKeyParam }),
        body: recordReleaseBody,
        response: { 200: recordedReleaseSchema, 201: recordedReleaseSchema },
      },
    },
    async (req, reply) => {
      const r = await recordRelease(svc, await actorOf(svc, req), req.params.key, req.body);
      return reply.code(r.created ? 201 : 200).send(r.release);
    },
  );
}
