import type { Ranked } from '@closeloop/core/assignment/strategies';
import { assertCan } from '@closeloop/core/permissions/permissions';
import type {
  memberAvailabilityBody,
  ownershipRulesBody,
  teamAssignmentBody,
} from '@closeloop/shared/api/assignment';
import { Forbidden, Invalid, NotFound } from '@closeloop/shared/errors';
import type { z } from 'zod';
import type { Services } from '../services.ts';
import {
  assignmentLog,
  memberProfiles,
  ownershipRules,
  saveMemberProfile,
  saveOwnershipRules,
  saveTeamSettings,
  teamSettings,
} from '../store/assignment-store.ts';
import { findIssue } from '../store/issues-store.ts';
import { findProjectByKey } from '../store/projects-store.ts';
import { findTeam, teamMemberIds } from '../store/teams-store.ts';
import { inTransaction, type Tx } from '../store/transaction.ts';
import { findMembership, listMembers } from '../store/workspaces-store.ts';
import type { Actor } from './actor.ts';
import { requireIssue } from './issues.ts';
import { rankForIssue } from './route-issue.ts';

async function project(tx: Tx, actor: Actor, key: string) {
  const p = await findProjectByKey(tx, actor.workspaceId, key.toUpperCase());
  if (!p) throw new NotFound(`No project ${key}`);
  return p;
}

export async function getOwnershipRules(svc: Services, actor: Actor, key: string) {
  assertCan(actor.role, 'workspace.read');
  return inTransaction(svc.store, async (tx) => ({
    rules: await ownershipRules(tx, (await project(tx, actor, key)).id),
  }));
}

export async function setOwnershipRules(
  svc: Services,
  actor: Actor,
  key: string,
  body: z.infer<typeof ownershipRulesBody>,
) {
  assertCan(actor.role, 'project.manage');
  return inTransaction(svc.store, async (tx) => {
    const p = await project(tx, actor, key);
    for (const [i, r] of body.rules.entries()) {
      if (r.teamId === null && r.userId === null)
        throw new Invalid(`Rule ${i + 1} assigns nobody: give it a team or a person`, { rule: i });
      if (r.teamId !== null && !(await findTeam(tx, actor.workspaceId, r.teamId)))
        throw new Invalid(`Rule ${i + 1}: no such team`, { rule: i, field: 'teamId' });
      if (r.userId !== null && !(await findMembership(tx, actor.workspaceId, r.userId)))
        throw new Invalid(`Rule ${i + 1}: that person is not in this workspace`, {
          rule: i,
          field: 'userId',
        });
    }
    await saveOwnershipRules(tx, actor.workspaceId, p.id, body.rules);
    return { rules: body.rules };
  });
}

async function team(tx: Tx, actor: Actor, id: number) {
  const t = await findTeam(tx, actor.workspaceId, id);
  if (!t) throw new NotFound('No such team');
  return t;
}

export async function getTeamAssignment(svc: Services, actor: Actor, id: number) {
  assertCan(actor.role, 'workspace.read');
  return inTransaction(svc.store, async (tx) => {
    const s = await teamSettings(tx, (await team(tx, actor, id)).id);
    return { strategy: s.strategy, leadUserId: s.leadUserId };
  });
}

export async function setTeamAssignment(
  svc: Services,
  actor: Actor,
  id: number,
  body: z.infer<typeof teamAssignmentBody>,
) {
  assertCan(actor.role, 'team.manage');
  return inTransaction(svc.store, async (tx) => {
    const t = await team(tx, actor, id);
    if (body.leadUserId && !(await findMembership(tx, actor.workspaceId, body.leadUserId)))
      throw new Invalid('The lead is not a member of this workspace', { field: 'leadUserId' });
    const s = await saveTeamSettings(tx, t.id, {
      ...(body.strategy ? { strategy: body.strategy } : {}),
      ...(body.leadUserId !== undefined ? { leadUserId: body.leadUserId } : {}),
    });
    return { strategy: s.strategy, leadUserId: s.leadUserId };
  });
}

export async function getAvailability(svc: Services, actor: Actor, userId: number) {
  assertCan(actor.role, 'workspace.read');
  return inTransaction(svc.store, async (tx) => {
    if (!(await findMembership(tx, actor.workspaceId, userId))) throw new NotFound('No such member');
    return (await memberProfiles(tx, actor.workspaceId, [userId])).get(userId)!;
  });
}

/** People set their own hours, time off and skills; admins may set anyone's. */
export async function setAvailability(
  svc: Services,
  actor: Actor,
  userId: number,
  body: z.infer<typeof memberAvailabilityBody>,
) {
  if (actor.userId !== userId && actor.role !== 'admin' && actor.role !== 'owner')
    throw new Forbidden('Only admins set other people’s availability');
  try {
    new Intl.DateTimeFormat('en', { timeZone: body.timeZone });
  } catch {
    throw new Invalid(`"${body.timeZone}" is not a time zone`, { field: 'timeZone' });
  }
  return inTransaction(svc.store, async (tx) => {
    if (!(await findMembership(tx, actor.workspaceId, userId))) throw new NotFound('No such member');
    await saveMemberProfile(tx, actor.workspaceId, userId, body);
    return body;
  });
}

/**
 * The assignee picker's list: the issue's team members first (if it has a team), then everyone else
 * who can work on issues, each ranked by expertise, availability and load with a one-line reason.
 */
export async function assigneeSuggestions(svc: Services, actor: Actor, key: string, now = Date.now()) {
  assertCan(actor.role, 'workspace.read');
  return inTransaction(svc.store, async (tx) => {
    const issue = await requireIssue(tx, actor.workspaceId, key);
    const full = (await findIssue(tx, actor.workspaceId, { id: issue.id }))!;
    const teamIds = issue.assigneeTeamId
      ? ((await teamMemberIds(tx, [issue.assigneeTeamId])).get(issue.assigneeTeamId) ?? [])
      : [];
    const everyone = (await listMembers(tx, actor.workspaceId))
      .filter((m) => m.role !== 'viewer')
      .map((m) => m.id);
    const inTeam = new Set(teamIds);
    const ranked: (Ranked & { inTeam: boolean })[] = (
      await rankForIssue(tx, actor.workspaceId, full, everyone, now)
    ).map((r) => ({ ...r, inTeam: inTeam.has(r.userId) }));
    ranked.sort((a, b) => Number(b.inTeam) - Number(a.inTeam));
    return { items: ranked, log: await assignmentLog(tx, actor.workspaceId, issue.id) };
  });
}
