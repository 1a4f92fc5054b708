import { issueKeyParam, projectKeyParam } from '@closeloop/shared/api/params';
import { z } from 'zod';
import {
  getIngestSettings,
  issueMonitoring,
  listSourceMaps,
  setIngestSettings,
  uploadSourceMap,
} from '../../commands/monitoring.ts';
import { actorOf } from '../../http/authenticate.ts';
import type { ZApp } from '../../http/zod-app.ts';
import type { Services } from '../../services.ts';

const tags = ['monitoring'];
const key = projectKeyParam;
const issueKey = issueKeyParam;

export function registerMonitoringRoutes(app: ZApp, svc: Services) {
  app.get(
    '/api/v1/issues/:key/monitoring',
    {
      schema: {
        tags,
        summary:
          'Counts, hourly series, tag distributions, sessions and sample events of a machine-found issue',
        params: z.object({ key: issueKey }),
      },
    },
    async (req) => issueMonitoring(svc, await actorOf(svc, req), req.params.key),
  );
  app.get(
    '/api/v1/projects/:key/ingest-settings',
    { schema: { tags, summary: 'Fingerprint rules and scrubbed fields', params: z.object({ key }) } },
    async (req) => getIngestSettings(svc, await actorOf(svc, req), req.params.key),
  );
  app.put(
    '/api/v1/projects/:key/ingest-settings',
    {
      schema: {
        tags,
        summary: 'Set fingerprint rules (see docs/grouping.md) and extra PII fields to scrub (admins)',
        params: z.object({ key }),
        body: z.strictObject({
          fingerprintRules: z.string().max(100_000),
          scrubFields: z.array(z.string().trim().min(1).max(100)).max(200),
        }),
      },
    },
    async (req) => setIngestSettings(svc, await actorOf(svc, req), req.params.key, req.body),
  );
  app.post(
    '/api/v1/projects/:key/releases/:release/source-maps',
    {
      bodyLimit: 50 * 1024 * 1024,
      schema: {
        tags,
        summary: 'Upload a source map for a minified file of a release (CLI-ready)',
        params: z.object({ key, release: z.string().min(1).max(200) }),
        body: z.strictObject({
          fileUrl: z.string().min(1).max(2_000),
          sourceMap: z
            .string()
            .min(2)
            .max(50 * 1024 * 1024),
        }),
      },
    },
    async (req, reply) =>
      reply.status(201).send(
        await uploadSourceMap(svc, await actorOf(svc, req), req.params.key, {
          release: req.params.release,
          ...req.body,
        }),
      ),
  );
  app.get(
    '/api/v1/projects/:key/releases/:release/source-maps',
    {
      schema: {
        tags,
        summary: 'Source maps uploaded for a release',
        params: z.object({ key, release: z.string().min(1).max(200) }),
      },
    },
    async (req) => listSourceMaps(svc, await actorOf(svc, req), req.params.key, req.params.release),
  );
}
