import { idParam } from '@closeloop/shared/api/common';
import { ingestKeyCreateBody, ingestKeyUpdateBody } from '@closeloop/shared/api/ingest';
import { projectKeyParam } from '@closeloop/shared/api/params';
import { z } from 'zod';
import {
  createIngestKey,
  listIngestKeys,
  presentIngestKey,
  updateIngestKey,
} from '../../commands/ingest-keys.ts';
import { actorOf } from '../../http/authenticate.ts';
import type { ZApp } from '../../http/zod-app.ts';
import type { Services } from '../../services.ts';

const tags = ['ingest keys'];
const key = projectKeyParam;

export function registerIngestKeyRoutes(app: ZApp, svc: Services) {
  const url = svc.config.publicUrl;
  app.get(
    '/api/v1/projects/:key/ingest-keys',
    { schema: { tags, summary: "A project's ingest keys with their DSNs", params: z.object({ key }) } },
    async (req) => {
      const { rows, project } = await listIngestKeys(svc.store, await actorOf(svc, req), req.params.key);
      return rows.map((r) => presentIngestKey(url, r, project.key));
    },
  );
  app.post(
    '/api/v1/projects/:key/ingest-keys',
    {
      schema: {
        tags,
        summary: 'Create an ingest key (admins). It can only write events to this project.',
        params: z.object({ key }),
        body: ingestKeyCreateBody,
      },
    },
    async (req, reply) => {
      const { row, project } = await createIngestKey(
        svc.store,
        await actorOf(svc, req),
        req.params.key,
        req.body,
      );
      return reply.status(201).send(presentIngestKey(url, row, project.key));
    },
  );
  app.patch(
    '/api/v1/projects/:key/ingest-keys/:id',
    {
      schema: {
        tags,
        summary: 'Rename, restrict origins, change the rate limit or revoke (admins)',
        params: z.object({ key, id: idParam }),
        body: ingestKeyUpdateBody,
      },
    },
    async (req) => {
      const { row, project } = await updateIngestKey(
        svc.store,
        await actorOf(svc, req),
        req.params.key,
        req.params.id,
        req.body,
      );
      svc.ingest.gate.forget(row.public_key);
      return presentIngestKey(url, row, project.key);
    },
  );
}
