import {
  automationPreviewBody,
  automationRulesBody,
  automationRunsQuery,
} from '@closeloop/shared/api/automation';
import { z } from 'zod';
import {
  automationLog,
  getAutomationRules,
  previewAutomationCondition,
  setAutomationRules,
} from '../../commands/automation.ts';
import { actorOf } from '../../http/authenticate.ts';
import type { ZApp } from '../../http/zod-app.ts';
import type { Services } from '../../services.ts';

const tags = ['automation'];
const params = z.object({ key: z.string().min(1).max(10) });

export function registerAutomationRoutes(app: ZApp, svc: Services) {
  app.get(
    '/api/v1/projects/:key/automation-rules',
    { schema: { tags, summary: 'Automation rules, in evaluation order', params } },
    async (req) => getAutomationRules(svc, await actorOf(svc, req), req.params.key),
  );
  app.put(
    '/api/v1/projects/:key/automation-rules',
    { schema: { tags, summary: 'Replace the automation rules (admins)', params, body: automationRulesBody } },
    async (req) => setAutomationRules(svc, await actorOf(svc, req), req.params.key, req.body),
  );
  app.post(
    '/api/v1/projects/:key/automation-rules/preview',
    {
      schema: {
        tags,
        summary: 'Issues of the last 30 days a trigger and condition would have matched',
        params,
        body: automationPreviewBody,
      },
    },
    async (req) =>
      previewAutomationCondition(
        svc,
        await actorOf(svc, req),
        req.params.key,
        req.body.condition,
        req.body.trigger,
      ),
  );
  app.get(
    '/api/v1/projects/:key/automation-runs',
    {
      schema: {
        tags,
        summary: 'The execution log of the automation rules (or of one rule), newest first',
        params,
        querystring: automationRunsQuery,
      },
    },
    async (req) => automationLog(svc, await actorOf(svc, req), req.params.key, req.query.ruleId),
  );
}
