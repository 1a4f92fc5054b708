import { idParam } from '@closeloop/shared/api/common';
import { teamCreateBody, teamUpdateBody } from '@closeloop/shared/api/projects';
import { z } from 'zod';
import { createTeam, deleteTeam, getTeam, listTeams, updateTeam } from '../../commands/teams.ts';
import { actorOf } from '../../http/authenticate.ts';
import type { ZApp } from '../../http/zod-app.ts';
import type { Services } from '../../services.ts';

const tags = ['teams'];
const params = z.object({ id: idParam });

export function registerTeamRoutes(app: ZApp, svc: Services) {
  app.get('/api/v1/teams', { schema: { tags, summary: 'Teams with their members' } }, async (req) =>
    listTeams(svc.store, await actorOf(svc, req)),
  );
  app.post(
    '/api/v1/teams',
    { schema: { tags, summary: 'Create a team (admins)', body: teamCreateBody } },
    async (req, reply) =>
      reply.status(201).send(await createTeam(svc.store, await actorOf(svc, req), req.body)),
  );
  app.get('/api/v1/teams/:id', { schema: { tags, summary: 'One team', params } }, async (req) =>
    getTeam(svc.store, await actorOf(svc, req), req.params.id),
  );
  app.patch(
    '/api/v1/teams/:id',
    { schema: { tags, summary: 'Edit a team or set its members (admins)', params, body: teamUpdateBody } },
    async (req) => updateTeam(svc.store, await actorOf(svc, req), req.params.id, req.body),
  );
  app.delete(
    '/api/v1/teams/:id',
    { schema: { tags, summary: 'Delete a team (admins)', params } },
    async (req, reply) => {
      await deleteTeam(svc.store, await actorOf(svc, req), req.params.id);
      return reply.status(204).send();
    },
  );
}
