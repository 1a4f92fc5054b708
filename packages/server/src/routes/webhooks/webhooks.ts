import { idParam } from '@closeloop/shared/api/common';
import { webhookCreateBody, webhookUpdateBody } from '@closeloop/shared/api/webhooks';
import { z } from 'zod';
import {
  createWebhook,
  deleteWebhook,
  listWebhooks,
  redeliverWebhook,
  rotateWebhookSecret,
  updateWebhook,
  webhookDeliveries,
} from '../../commands/webhooks.ts';
import { actorOf } from '../../http/authenticate.ts';
import type { ZApp } from '../../http/zod-app.ts';
import type { Services } from '../../services.ts';

const tags = ['webhooks'];
const idParams = z.object({ id: idParam });

/** Outbound webhooks and their delivery log (admins). */
export function registerWebhookRoutes(app: ZApp, svc: Services) {
  app.get(
    '/api/v1/webhooks',
    { schema: { tags, summary: 'Outbound webhooks of the workspace' } },
    async (req) => listWebhooks(svc, await actorOf(svc, req)),
  );
  app.post(
    '/api/v1/webhooks',
    {
      schema: {
        tags,
        summary: 'Add a webhook; its signing secret is in this answer only',
        body: webhookCreateBody,
      },
    },
    async (req, reply) => reply.code(201).send(await createWebhook(svc, await actorOf(svc, req), req.body)),
  );
  app.patch(
    '/api/v1/webhooks/:id',
    { schema: { tags, summary: 'Change or re-enable a webhook', params: idParams, body: webhookUpdateBody } },
    async (req) => updateWebhook(svc, await actorOf(svc, req), req.params.id, req.body),
  );
  app.delete(
    '/api/v1/webhooks/:id',
    { schema: { tags, summary: 'Remove a webhook and its log', params: idParams } },
    async (req, reply) => {
      await deleteWebhook(svc, await actorOf(svc, req), req.params.id);
      return reply.code(204).send();
    },
  );
  app.post(
    '/api/v1/webhooks/:id/rotate-secret',
    {
      schema: {
        tags,
        summary: 'A new secret (shown once); the old one stays valid for 24 hours',
        params: idParams,
      },
    },
    async (req) => rotateWebhookSecret(svc, await actorOf(svc, req), req.params.id),
  );
  app.get(
    '/api/v1/webhooks/:id/deliveries',
    {
      schema: {
        tags,
        summary: 'The delivery log, newest first, with requests and responses',
        params: idParams,
      },
    },
    async (req) => webhookDeliveries(svc, await actorOf(svc, req), req.params.id),
  );
  app.post(
    '/api/v1/webhooks/:id/deliveries/:deliveryId/redeliver',
    {
      schema: {
        tags,
        summary: 'Send a logged delivery again',
        params: z.object({ id: idParam, deliveryId: idParam }),
      },
    },
    async (req, reply) =>
      reply
        .code(202)
        .send(await redeliverWebhook(svc, await actorOf(svc, req), req.params.id, req.params.deliveryId)),
  );
}
