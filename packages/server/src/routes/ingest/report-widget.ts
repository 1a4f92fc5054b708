import { TokenBuckets } from '@closeloop/core/ingest/token-bucket';
import { knownIssuesQuery, knownIssuesSchema, widgetFormSchema } from '@closeloop/shared/api/public-intake';
import { z } from 'zod';
import { knownIssuesOfProject } from '../../commands/known-issues.ts';
import { MACHINE_ISSUE_TYPE } from '../../commands/machine-issues.ts';
import type { ZApp } from '../../http/zod-app.ts';
import type { Services } from '../../services.ts';
import { reportRulesOfProject } from '../../store/issue-types-store.ts';
import { ingestKeyOf } from './raw-ingest-scope.ts';

const key = z.string().max(100).optional();

/**
 * What the feedback widget reads with the page's ingest key (the key is public, as on the public
 * form anyone may read these): the project's report rules, and the open issues that look like
 * what the reporter is typing. Same key and origin checks as ingest; simple GETs, so no preflight.
 */
export function registerReportWidgetRoutes(app: ZApp, svc: Services) {
  const gate = svc.ingest.gate;
  const limiter = new TokenBuckets();
  app.get(
    '/api/ingest/v1/report-form',
    {
      config: { anonymous: true },
      schema: {
        tags: ['ingest'],
        summary: "The widget's prompts: the template and required prompts reports are filed under",
        querystring: z.object({ key }),
        response: { 200: widgetFormSchema },
      },
    },
    async (req, reply) => {
      const k = await ingestKeyOf(gate, req, reply, req.query.key);
      return reportRulesOfProject(svc.store, k.projectId, MACHINE_ISSUE_TYPE);
    },
  );
  app.get(
    '/api/ingest/v1/known-issues',
    {
      config: { anonymous: true },
      schema: {
        tags: ['ingest'],
        summary:
          'Open issues that look like the report typed in the widget ("Is it one of these?"): titles only',
        querystring: knownIssuesQuery.extend({ key }),
        response: { 200: knownIssuesSchema },
      },
    },
    async (req, reply) => {
      const k = await ingestKeyOf(gate, req, reply, req.query.key);
      return knownIssuesOfProject(svc, limiter, k.projectId, req.ip, req.query.text);
    },
  );
}
