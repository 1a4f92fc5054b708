import { assertCan } from '@closeloop/core/permissions/permissions';
import type { Team } from '@closeloop/shared/api/projects';
import { Conflict, Invalid, NotFound } from '@closeloop/shared/errors';
import type { Store } from '../store/db.ts';
import * as teams from '../store/teams-store.ts';
import { inTransaction, isUniqueViolation, type Tx } from '../store/transaction.ts';
import { listMembers } from '../store/workspaces-store.ts';
import type { Actor } from './actor.ts';

async function assertMembers(tx: Tx, workspaceId: number, userIds: readonly number[]) {
  if (userIds.length === 0) return;
  const members = new Set((await listMembers(tx, workspaceId)).map((m) => m.id));
  const strangers = userIds.filter((id) => !members.has(id));
  if (strangers.length)
    throw new Invalid('Team members must be members of the workspace', { userIds: strangers });
}

async function present(
  tx: Tx,
  rows: { id: number; key: string; name: string; description: string }[],
): Promise<Team[]> {
  const members = await teams.teamMemberIds(
    tx,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    key: r.key,
    name: r.name,
    description: r.description,
    memberIds: members.get(r.id) ?? [],
  }));
}

export async function requireTeam(tx: Tx, workspaceId: number, idOrKey: number | string) {
  const row = await teams.findTeam(tx, workspaceId, idOrKey);
  if (!row) throw new NotFound(`Team ${idOrKey}`);
  return row;
}

export async function createTeam(
  store: Store,
  actor: Actor,
  input: { key: string; name: string; description: string; memberIds: number[] },
) {
  assertCan(actor.role, 'team.manage');
  return inTransaction(store, async (tx) => {
    await assertMembers(tx, actor.workspaceId, input.memberIds);
    let row: Awaited<ReturnType<typeof teams.insertTeam>>;
    try {
      row = await teams.insertTeam(tx, {
        workspaceId: actor.workspaceId,
        key: input.key,
        name: input.name,
        description: input.description,
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw new Conflict(`A team with key ${input.key} exists`, { field: 'key' });
      throw err;
    }
    await teams.setTeamMembers(tx, row.id, input.memberIds);
    return (await present(tx, [row]))[0]!;
  });
}

export async function listTeams(store: Store, actor: Actor) {
  assertCan(actor.role, 'workspace.read');
  return present(store, await teams.listTeams(store, actor.workspaceId));
}

export async function getTeam(store: Store, actor: Actor, id: number) {
  assertCan(actor.role, 'workspace.read');
  return (await present(store, [await requireTeam(store, actor.workspaceId, id)]))[0]!;
}

export async function updateTeam(
  store: Store,
  actor: Actor,
  id: number,
  input: { name?: string | undefined; description?: string | undefined; memberIds?: number[] | undefined },
) {
  assertCan(actor.role, 'team.manage');
  return inTransaction(store, async (tx) => {
    const row = await requireTeam(tx, actor.workspaceId, id);
    await teams.updateTeam(tx, row.id, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
    });
    if (input.memberIds) {
      await assertMembers(tx, actor.workspaceId, input.memberIds);
      await teams.setTeamMembers(tx, row.id, input.memberIds);
    }
    return (await present(tx, [await requireTeam(tx, actor.workspaceId, id)]))[0]!;
  });
}

export async function deleteTeam(store: Store, actor: Actor, id: number) {
  assertCan(actor.role, 'team.manage');
  const row = await requireTeam(store, actor.workspaceId, id);
  await teams.deleteTeam(store, row.id);
}
