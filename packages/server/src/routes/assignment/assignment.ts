import {
  memberAvailabilityBody,
  ownershipRulesBody,
  teamAssignmentBody,
} from '@closeloop/shared/api/assignment';
import { idParam } from '@closeloop/shared/api/common';
import { z } from 'zod';
import {
  assigneeSuggestions,
  getAvailability,
  getOwnershipRules,
  getTeamAssignment,
  setAvailability,
  setOwnershipRules,
  setTeamAssignment,
} from '../../commands/assignment.ts';
import { teamWorkload } from '../../commands/team-workload.ts';
import { actorOf } from '../../http/authenticate.ts';
import type { ZApp } from '../../http/zod-app.ts';
import type { Services } from '../../services.ts';

const tags = ['assignment'];
const projectParams = z.object({ key: z.string().min(1).max(10) });
const issueParams = z.object({ key: z.string().min(1).max(30) });
const idParams = z.object({ id: idParam });

export function registerAssignmentRoutes(app: ZApp, svc: Services) {
  app.get(
    '/api/v1/projects/:key/ownership-rules',
    {
      schema: {
        tags,
        summary: 'Ownership rules, in evaluation order (the last match decides)',
        params: projectParams,
      },
    },
    async (req) => getOwnershipRules(svc, await actorOf(svc, req), req.params.key),
  );
  app.put(
    '/api/v1/projects/:key/ownership-rules',
    {
      schema: {
        tags,
        summary: 'Replace the ownership rules (admins)',
        params: projectParams,
        body: ownershipRulesBody,
      },
    },
    async (req) => setOwnershipRules(svc, await actorOf(svc, req), req.params.key, req.body),
  );
  app.get(
    '/api/v1/teams/:id/assignment',
    { schema: { tags, summary: "A team's assignment strategy and lead", params: idParams } },
    async (req) => getTeamAssignment(svc, await actorOf(svc, req), req.params.id),
  );
  app.patch(
    '/api/v1/teams/:id/assignment',
    {
      schema: {
        tags,
        summary: 'Set the strategy or lead (admins)',
        params: idParams,
        body: teamAssignmentBody,
      },
    },
    async (req) => setTeamAssignment(svc, await actorOf(svc, req), req.params.id, req.body),
  );
  app.get(
    '/api/v1/members/:id/availability',
    {
      schema: {
        tags,
        summary: 'Working hours, time zone, out of office, capacity and skills',
        params: idParams,
      },
    },
    async (req) => getAvailability(svc, await actorOf(svc, req), req.params.id),
  );
  app.put(
    '/api/v1/members/:id/availability',
    {
      schema: {
        tags,
        summary: 'Set availability (oneself, or anyone for admins)',
        params: idParams,
        body: memberAvailabilityBody,
      },
    },
    async (req) => setAvailability(svc, await actorOf(svc, req), req.params.id, req.body),
  );
  app.get(
    '/api/v1/issues/:key/assignee-suggestions',
    {
      schema: {
        tags,
        summary: 'People ranked for this issue, with a reason and their load; the assignment log',
        params: issueParams,
      },
    },
    async (req) => assigneeSuggestions(svc, await actorOf(svc, req), req.params.key),
  );
  app.get(
    '/api/v1/teams/:id/workload',
    {
      schema: {
        tags,
        summary: "Each team member's weighted load against capacity, out of office and working hours",
        params: idParams,
      },
    },
    async (req) => teamWorkload(svc, await actorOf(svc, req), req.params.id),
  );
  app.get(
    '/api/v1/workload',
    {
      schema: {
        tags,
        summary: 'Workload of everyone who can work on issues (load, capacity, out of office)',
      },
    },
    async (req) => teamWorkload(svc, await actorOf(svc, req), null),
  );
}
