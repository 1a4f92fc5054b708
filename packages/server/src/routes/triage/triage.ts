import { issueKeyParam, projectKeyParam } from '@closeloop/shared/api/params';
import {
  assessmentBody,
  scoringSettingsBody,
  triageActionBody,
  triageQueueQuery,
} from '@closeloop/shared/api/triage';
import { z } from 'zod';
import {
  getScoringSettings,
  getSeverity,
  setAssessment,
  setCriticalPlaces,
} from '../../commands/severity.ts';
import { getTriage, triageIssue, triageQueue } from '../../commands/triage.ts';
import { actorOf } from '../../http/authenticate.ts';
import type { ZApp } from '../../http/zod-app.ts';
import type { Services } from '../../services.ts';

const tags = ['triage'];
const projectParams = z.object({ key: projectKeyParam });
const issueParams = z.object({ key: issueKeyParam });

/** The ranked triage queue, triage state, severity scores and the project's scoring settings. */
export function registerTriageRoutes(app: ZApp, svc: Services) {
  app.get(
    '/api/v1/projects/:key/triage',
    {
      schema: {
        tags,
        summary:
          'The triage queue: untriaged open issues, highest severity first, with their top reasons (?team=KEY filters)',
        params: projectParams,
        querystring: triageQueueQuery,
      },
    },
    async (req) => triageQueue(svc, await actorOf(svc, req), req.params.key, req.query),
  );
  app.get(
    '/api/v1/issues/:key/triage',
    { schema: { tags, summary: "An issue's triage state", params: issueParams } },
    async (req) => getTriage(svc, await actorOf(svc, req), req.params.key),
  );
  app.post(
    '/api/v1/issues/:key/triage',
    {
      schema: {
        tags,
        summary:
          'Accept, snooze (for a time, or until N more users / events) or put an issue back in the queue',
        params: issueParams,
        body: triageActionBody,
      },
    },
    async (req) => triageIssue(svc, await actorOf(svc, req), req.params.key, req.body),
  );
  app.get(
    '/api/v1/issues/:key/severity',
    {
      schema: {
        tags,
        summary:
          "An issue's severity score, each signal's contribution, the proposed and the decided priority",
        params: issueParams,
      },
    },
    async (req) => getSeverity(svc, await actorOf(svc, req), req.params.key),
  );
  app.patch(
    '/api/v1/issues/:key/assessment',
    {
      schema: {
        tags,
        summary: 'Set impact and likelihood (1–5); answers the new severity',
        params: issueParams,
        body: assessmentBody,
      },
    },
    async (req) => setAssessment(svc, await actorOf(svc, req), req.params.key, req.body),
  );
  app.get(
    '/api/v1/projects/:key/scoring',
    {
      schema: {
        tags,
        summary: "Critical routes/components and the learned model's figures",
        params: projectParams,
      },
    },
    async (req) => getScoringSettings(svc, await actorOf(svc, req), req.params.key),
  );
  app.put(
    '/api/v1/projects/:key/scoring',
    {
      schema: {
        tags,
        summary: 'Mark routes and components critical (admins)',
        params: projectParams,
        body: scoringSettingsBody,
      },
    },
    async (req) => setCriticalPlaces(svc, await actorOf(svc, req), req.params.key, req.body.critical),
  );
}
