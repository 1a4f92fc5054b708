import { fixVerificationSchema, resolutionModeBody } from '@closeloop/shared/api/fix-verification';
import { issueKeyParam } from '@closeloop/shared/api/params';
import { z } from 'zod';
import { getFixVerification, setResolutionMode } from '../../commands/fix-verification.ts';
import { actorOf } from '../../http/authenticate.ts';
import type { ZApp } from '../../http/zod-app.ts';
import type { Services } from '../../services.ts';

const tags = ['releases'];
const params = z.object({ key: issueKeyParam });
const response = z.object({ verification: fixVerificationSchema.nullable() });

export function registerFixVerificationRoutes(app: ZApp, svc: Services) {
  app.get(
    '/api/v1/issues/:key/verification',
    {
      schema: {
        tags,
        summary: "A machine-found fix's resolution mode, release and verification verdict (null if none)",
        params,
        response: { 200: response },
      },
    },
    async (req) => getFixVerification(svc, await actorOf(svc, req), req.params.key),
  );
  app.put(
    '/api/v1/issues/:key/verification',
    {
      schema: {
        tags,
        summary:
          'How a machine-found issue closed as fixed was resolved: now, in a release, in the next release',
        params,
        body: resolutionModeBody,
        response: { 200: response },
      },
    },
    async (req) => setResolutionMode(svc, await actorOf(svc, req), req.params.key, req.body),
  );
}
