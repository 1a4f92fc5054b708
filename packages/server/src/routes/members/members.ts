import { invitationCreateBody, memberUpdateBody } from '@closeloop/shared/api/accounts';
import { idParam } from '@closeloop/shared/api/common';
import { z } from 'zod';
import { createInvitation, listInvitations, revokeInvitation } from '../../commands/accounts.ts';
import { changeMemberRole, listMembers, removeMember } from '../../commands/members.ts';
import { actorOf } from '../../http/authenticate.ts';
import type { ZApp } from '../../http/zod-app.ts';
import type { Services } from '../../services.ts';

const tags = ['members'];
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function registerMemberRoutes(app: ZApp, svc: Services) {
  app.get(
    '/api/v1/members',
    { schema: { tags, summary: 'Members of the workspace with their roles' } },
    async (req) => {
      const rows = await listMembers(svc.store, await actorOf(svc, req));
      return rows.map((r) => ({
        id: r.id,
        email: r.email,
        name: r.name,
        role: r.role,
        joinedAt: iso(r.created_at),
      }));
    },
  );

  app.patch(
    '/api/v1/members/:userId',
    {
      schema: {
        tags,
        summary: "Change a member's role",
        params: z.object({ userId: idParam }),
        body: memberUpdateBody,
      },
    },
    async (req, reply) => {
      await changeMemberRole(svc.store, await actorOf(svc, req), req.params.userId, req.body.role);
      return reply.status(204).send();
    },
  );

  app.delete(
    '/api/v1/members/:userId',
    {
      schema: { tags, summary: 'Remove a member from the workspace', params: z.object({ userId: idParam }) },
    },
    async (req, reply) => {
      await removeMember(svc.store, await actorOf(svc, req), req.params.userId);
      return reply.status(204).send();
    },
  );

  const presentInvitation = (r: Awaited<ReturnType<typeof listInvitations>>[number], token?: string) => ({
    id: r.id,
    email: r.email,
    role: r.role,
    createdAt: iso(r.created_at),
    expiresAt: iso(r.expires_at),
    acceptedAt: iso(r.accepted_at),
    ...(token
      ? { token, acceptUrl: `${svc.config.publicUrl}/signup?invitation=${encodeURIComponent(token)}` }
      : {}),
  });

  app.post(
    '/api/v1/invitations',
    {
      schema: {
        tags,
        summary: 'Invite someone by email; the answer holds the one-time token',
        body: invitationCreateBody,
      },
    },
    async (req, reply) => {
      const { row, token } = await createInvitation(svc.store, await actorOf(svc, req), req.body);
      return reply.status(201).send(presentInvitation(row, token));
    },
  );

  app.get(
    '/api/v1/invitations',
    { schema: { tags, summary: 'Invitations sent from this workspace' } },
    async (req) =>
      (await listInvitations(svc.store, await actorOf(svc, req))).map((r) => presentInvitation(r)),
  );

  app.delete(
    '/api/v1/invitations/:id',
    {
      schema: {
        tags,
        summary: 'Revoke a pending invitation: its link stops working',
        params: z.object({ id: idParam }),
      },
    },
    async (req, reply) => {
      await revokeInvitation(svc.store, await actorOf(svc, req), req.params.id);
      return reply.status(204).send();
    },
  );
}
