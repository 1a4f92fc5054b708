import { projectKeyParam } from '@closeloop/shared/api/params';
import { performanceQuery, performanceSettingsBody } from '@closeloop/shared/api/performance';
import { z } from 'zod';
import {
  getPerformanceSettings,
  projectPerformance,
  setPerformanceSettings,
} from '../../commands/performance.ts';
import { actorOf } from '../../http/authenticate.ts';
import type { ZApp } from '../../http/zod-app.ts';
import type { Services } from '../../services.ts';

const tags = ['performance'];
const key = projectKeyParam;

export function registerPerformanceRoutes(app: ZApp, svc: Services) {
  app.get(
    '/api/v1/projects/:key/performance',
    {
      schema: {
        tags,
        summary:
          'p50/p75/p95 and counts per route template or endpoint, by release and browser, with an hourly series',
        params: z.object({ key }),
        querystring: performanceQuery,
      },
    },
    async (req) => projectPerformance(svc, await actorOf(svc, req), req.params.key, req.query),
  );
  app.get(
    '/api/v1/projects/:key/performance-settings',
    {
      schema: {
        tags,
        summary: 'Time zone, thresholds, baseline factor, route patterns and flows',
        params: z.object({ key }),
      },
    },
    async (req) => getPerformanceSettings(svc, await actorOf(svc, req), req.params.key),
  );
  app.put(
    '/api/v1/projects/:key/performance-settings',
    {
      schema: {
        tags,
        summary: 'Set the time zone, thresholds, baseline factor, route patterns and flows (admins)',
        params: z.object({ key }),
        body: performanceSettingsBody,
      },
    },
    async (req) => setPerformanceSettings(svc, await actorOf(svc, req), req.params.key, req.body),
  );
}
