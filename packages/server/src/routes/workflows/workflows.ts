import { projectKeyParam } from '@closeloop/shared/api/params';
import {
  issueTypeKey,
  statusKey,
  workflowPutBody,
  workflowPutResult,
  workflowSchema,
} from '@closeloop/shared/api/workflows';
import { z } from 'zod';
import {
  deleteTypeWorkflow,
  getWorkflow,
  listProjectWorkflows,
  putWorkflow,
} from '../../commands/workflows.ts';
import { actorOf } from '../../http/authenticate.ts';
import type { ZApp } from '../../http/zod-app.ts';
import type { Services } from '../../services.ts';

const tags = ['workflows'];
const key = projectKeyParam;
/** `default` names the project's default workflow; any other segment is an issue type key. */
const params = z.object({ key, type: z.union([z.literal('default'), issueTypeKey]) });
const scope = (type: string) => (type === 'default' ? null : type);

export function registerWorkflowRoutes(app: ZApp, svc: Services) {
  app.get(
    '/api/v1/projects/:key/workflows',
    {
      schema: {
        tags,
        summary: 'The default workflow, then every issue type that has its own',
        params: z.object({ key }),
        response: { 200: z.array(workflowSchema) },
      },
    },
    async (req) => listProjectWorkflows(svc.store, await actorOf(svc, req), req.params.key),
  );
  app.get(
    '/api/v1/projects/:key/workflows/:type',
    {
      schema: {
        tags,
        summary: 'The workflow of an issue type (`inherited` when it follows the default), or `default`',
        params,
        response: { 200: workflowSchema },
      },
    },
    async (req) => getWorkflow(svc.store, await actorOf(svc, req), req.params.key, scope(req.params.type)),
  );
  app.put(
    '/api/v1/projects/:key/workflows/:type',
    {
      schema: {
        tags,
        summary:
          'Replace a workflow (admins). Issues in removed statuses move per `mapping`; a removed status in use without one answers 422.',
        params,
        body: workflowPutBody,
        response: { 200: workflowPutResult },
      },
    },
    async (req) =>
      putWorkflow(svc, await actorOf(svc, req), req.params.key, scope(req.params.type), req.body),
  );
  app.delete(
    '/api/v1/projects/:key/workflows/:type',
    {
      schema: {
        tags,
        summary:
          "Drop a type's own workflow so it follows the default again (admins); body { mapping } as for PUT",
        params: z.object({ key, type: issueTypeKey }),
        body: z.strictObject({ mapping: z.record(statusKey, statusKey).default({}) }).optional(),
      },
    },
    async (req) =>
      deleteTypeWorkflow(
        svc,
        await actorOf(svc, req),
        req.params.key,
        req.params.type,
        req.body?.mapping ?? {},
      ),
  );
}
