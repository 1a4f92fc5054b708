import { projectKeyParam } from '@closeloop/shared/api/params';
import {
  customFieldCreateBody,
  customFieldKey,
  customFieldSchema,
  customFieldUpdateBody,
} from '@closeloop/shared/api/workflows';
import { z } from 'zod';
import {
  createCustomField,
  deleteCustomField,
  listCustomFields,
  updateCustomField,
} from '../../commands/custom-fields.ts';
import { actorOf } from '../../http/authenticate.ts';
import type { ZApp } from '../../http/zod-app.ts';
import type { Services } from '../../services.ts';

const tags = ['custom fields'];
const key = projectKeyParam;
const params = z.object({ key, field: customFieldKey });

export function registerCustomFieldRoutes(app: ZApp, svc: Services) {
  app.get(
    '/api/v1/projects/:key/fields',
    {
      schema: {
        tags,
        summary: 'Custom fields of a project',
        params: z.object({ key }),
        response: { 200: z.array(customFieldSchema) },
      },
    },
    async (req) => listCustomFields(svc.store, await actorOf(svc, req), req.params.key),
  );
  app.post(
    '/api/v1/projects/:key/fields',
    {
      schema: {
        tags,
        summary: 'Define a custom field (admins)',
        params: z.object({ key }),
        body: customFieldCreateBody,
        response: { 201: customFieldSchema },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await createCustomField(svc.store, await actorOf(svc, req), req.params.key, req.body)),
  );
  app.patch(
    '/api/v1/projects/:key/fields/:field',
    {
      schema: {
        tags,
        summary: 'Edit a custom field (admins); key and type are fixed, options in use cannot be removed',
        params,
        body: customFieldUpdateBody,
        response: { 200: customFieldSchema },
      },
    },
    async (req) =>
      updateCustomField(svc.store, await actorOf(svc, req), req.params.key, req.params.field, req.body),
  );
  app.delete(
    '/api/v1/projects/:key/fields/:field',
    { schema: { tags, summary: 'Delete a custom field and its values (admins)', params } },
    async (req, reply) => {
      await deleteCustomField(svc.store, await actorOf(svc, req), req.params.key, req.params.field);
      return reply.status(204).send();
    },
  );
}
