import type { Role } from '@closeloop/shared/issue-fields';
import type { Tx } from './transaction.ts';

export async function insertWorkspace(tx: Tx, w: { name: string; slug: string }) {
  return tx.db
    .insertInto('workspaces')
    .values({ name: w.name, slug: w.slug, created_at: Date.now() })
    .returning(['id', 'name', 'slug'])
    .executeTakeFirstOrThrow();
}

export async function findWorkspace(tx: Tx, id: number) {
  return tx.db
    .selectFrom('workspaces')
    .select(['id', 'name', 'slug'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function slugTaken(tx: Tx, slug: string): Promise<boolean> {
  return !!(await tx.db.selectFrom('workspaces').select('id').where('slug', '=', slug).executeTakeFirst());
}

export async function insertMembership(tx: Tx, m: { workspaceId: number; userId: number; role: Role }) {
  await tx.db
    .insertInto('memberships')
    .values({ workspace_id: m.workspaceId, user_id: m.userId, role: m.role, created_at: Date.now() })
    .execute();
}

export async function findMembership(tx: Tx, workspaceId: number, userId: number) {
  return tx.db
    .selectFrom('memberships')
    .select(['role', 'created_at'])
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

/** The workspace a user signs into: their oldest membership. */
export async function firstMembershipOf(tx: Tx, userId: number) {
  return tx.db
    .selectFrom('memberships')
    .select(['workspace_id', 'role'])
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .executeTakeFirst();
}

export async function listMembers(tx: Tx, workspaceId: number) {
  return tx.db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['u.id', 'u.email', 'u.name', 'm.role', 'm.created_at'])
    .where('m.workspace_id', '=', workspaceId)
    .orderBy('u.name')
    .execute();
}

export async function updateMembershipRole(tx: Tx, workspaceId: number, userId: number, role: Role) {
  const r = await tx.db
    .updateTable('memberships')
    .set({ role })
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function deleteMembership(tx: Tx, workspaceId: number, userId: number) {
  const r = await tx.db
    .deleteFrom('memberships')
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export async function countOwners(tx: Tx, workspaceId: number): Promise<number> {
  const r = await tx.db
    .selectFrom('memberships')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('workspace_id', '=', workspaceId)
    .where('role', '=', 'owner')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
