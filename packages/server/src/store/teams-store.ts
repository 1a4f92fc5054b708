import type { Tx } from './transaction.ts';

export async function insertTeam(
  tx: Tx,
  t: { workspaceId: number; key: string; name: string; description: string },
) {
  return tx.db
    .insertInto('teams')
    .values({
      workspace_id: t.workspaceId,
      key: t.key,
      name: t.name,
      description: t.description,
      created_at: Date.now(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findTeam(tx: Tx, workspaceId: number, idOrKey: number | string) {
  let q = tx.db.selectFrom('teams').selectAll().where('workspace_id', '=', workspaceId);
  q = typeof idOrKey === 'number' ? q.where('id', '=', idOrKey) : q.where('key', '=', idOrKey);
  return q.executeTakeFirst();
}

export async function listTeams(tx: Tx, workspaceId: number) {
  return tx.db
    .selectFrom('teams')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('name')
    .execute();
}

export async function updateTeam(tx: Tx, id: number, set: { name?: string; description?: string }) {
  if (Object.keys(set).length === 0) return;
  await tx.db.updateTable('teams').set(set).where('id', '=', id).execute();
}

export async function deleteTeam(tx: Tx, id: number) {
  await tx.db.deleteFrom('teams').where('id', '=', id).execute();
}

export async function setTeamMembers(tx: Tx, teamId: number, userIds: readonly number[]) {
  await tx.db.deleteFrom('team_members').where('team_id', '=', teamId).execute();
  if (userIds.length > 0) {
    await tx.db
      .insertInto('team_members')
      .values([...new Set(userIds)].map((user_id) => ({ team_id: teamId, user_id })))
      .execute();
  }
}

export async function teamMemberIds(tx: Tx, teamIds: readonly number[]): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>(teamIds.map((id) => [id, []]));
  if (teamIds.length === 0) return out;
  const rows = await tx.db
    .selectFrom('team_members')
    .select(['team_id', 'user_id'])
    .where('team_id', 'in', teamIds)
    .orderBy('user_id')
    .execute();
  for (const r of rows) out.get(r.team_id)?.push(r.user_id);
  return out;
}
