import { isOutOfOffice, isWorkingAt } from '@closeloop/core/assignment/availability';
import { assertCan } from '@closeloop/core/permissions/permissions';
import { NotFound } from '@closeloop/shared/errors';
import type { Services } from '../services.ts';
import { openAssigned } from '../store/assignment-store.ts';
import { findTeam, teamMemberIds } from '../store/teams-store.ts';
import { inTransaction } from '../store/transaction.ts';
import { listMembers } from '../store/workspaces-store.ts';
import type { Actor } from './actor.ts';
import { candidatesFor } from './route-issue.ts';

/**
 * Who has what: each person's live workload as the assignment engine weighs it (candidatesFor, the
 * same numbers the assignee picker and the strategies use), against their capacity, with their
 * out-of-office periods and working hours. A team's members, or everyone who can work on issues.
 */
export async function teamWorkload(svc: Services, actor: Actor, teamId: number | null, now = Date.now()) {
  assertCan(actor.role, 'workspace.read');
  return inTransaction(svc.store, async (tx) => {
    const members = await listMembers(tx, actor.workspaceId);
    let ids: number[];
    if (teamId === null) ids = members.filter((m) => m.role !== 'viewer').map((m) => m.id);
    else {
      if (!(await findTeam(tx, actor.workspaceId, teamId))) throw new NotFound('No such team');
      ids = (await teamMemberIds(tx, [teamId])).get(teamId) ?? [];
    }
    const [candidates, open] = await Promise.all([
      candidatesFor(tx, actor.workspaceId, ids, now),
      openAssigned(tx, actor.workspaceId, ids),
    ]);
    const email = new Map(members.map((m) => [m.id, m.email]));
    const items = candidates.map((c) => {
      const a = c.availability;
      return {
        userId: c.userId,
        name: c.name,
        email: email.get(c.userId) ?? null,
        openIssues: open.get(c.userId)?.length ?? 0,
        load: c.load,
        capacity: a.capacity,
        // The same line the engine draws: at or over capacity is never auto-assigned.
        atCapacity: c.load >= a.capacity,
        outOfOffice: isOutOfOffice(a, now),
        workingNow: isWorkingAt(a, now),
        timeZone: a.timeZone,
        workDays: a.workDays,
        workStart: a.workStart,
        workEnd: a.workEnd,
        // Past periods are history; current and coming ones are what planning needs.
        outOfOfficePeriods: a.outOfOffice.filter((p) => p.to > now),
      };
    });
    items.sort((x, y) => y.load - x.load || x.name.localeCompare(y.name));
    return { teamId, items };
  });
}
