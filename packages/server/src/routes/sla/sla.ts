import { issueSlaSchema, slaSettingsBody } from '@closeloop/shared/api/sla';
import { z } from 'zod';
import { getIssueSla, getSlaSettings, setSlaSettings } from '../../commands/sla.ts';
import { actorOf } from '../../http/authenticate.ts';
import type { ZApp } from '../../http/zod-app.ts';
import type { Services } from '../../services.ts';

const tags = ['sla'];
const projectParams = z.object({ key: z.string().min(1).max(10) });
const issueParams = z.object({ key: z.string().min(1).max(30) });

export function registerSlaRoutes(app: ZApp, svc: Services) {
  app.get(
    '/api/v1/projects/:key/sla',
    {
      schema: {
        tags,
        summary: "A project's business calendar and SLA policy (null: no SLAs)",
        params: projectParams,
      },
    },
    async (req) => getSlaSettings(svc, await actorOf(svc, req), req.params.key),
  );
  app.put(
    '/api/v1/projects/:key/sla',
    {
      schema: {
        tags,
        summary:
          'Replace the calendar and SLA policy (admins); every issue of the project is evaluated again',
        params: projectParams,
        body: slaSettingsBody,
      },
    },
    async (req) => setSlaSettings(svc, await actorOf(svc, req), req.params.key, req.body),
  );
  app.get(
    '/api/v1/issues/:key/sla',
    {
      schema: {
        tags,
        summary: "An issue's SLA clocks, computed now from its history",
        params: issueParams,
        response: { 200: issueSlaSchema },
      },
    },
    async (req) => getIssueSla(svc, await actorOf(svc, req), req.params.key),
  );
}
