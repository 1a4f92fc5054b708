import {
  assertCan,
  assertCanGrantRole,
  assertCanManageMember,
} from '@closeloop/core/permissions/permissions';
import { Conflict, Forbidden, NotFound } from '@closeloop/shared/errors';
import type { Role } from '@closeloop/shared/issue-fields';
import type { Store } from '../store/db.ts';
import { inTransaction, type Tx } from '../store/transaction.ts';
import { findUserById } from '../store/users-store.ts';
import {
  countOwners,
  deleteMembership,
  findMembership,
  listMembers as listMemberRows,
  updateMembershipRole,
} from '../store/workspaces-store.ts';
import type { Actor } from './actor.ts';
import { audit } from './audit.ts';

const emailOf = async (tx: Tx, userId: number) => (await findUserById(tx, userId))?.email ?? `user ${userId}`;

export async function listMembers(store: Store, actor: Actor) {
  assertCan(actor.role, 'workspace.read');
  return listMemberRows(store, actor.workspaceId);
}

export async function changeMemberRole(store: Store, actor: Actor, userId: number, role: Role) {
  assertCanGrantRole(actor.role, role);
  return inTransaction(store, async (tx) => {
    const current = await findMembership(tx, actor.workspaceId, userId);
    if (!current) throw new NotFound('Member');
    if (current.role === 'owner' && actor.role !== 'owner')
      throw new Forbidden('Only an owner can change an owner');
    assertCanManageMember(actor.role, current.role as Role, userId === actor.userId);
    if (current.role === 'owner' && role !== 'owner' && (await countOwners(tx, actor.workspaceId)) === 1) {
      throw new Conflict('A workspace needs at least one owner');
    }
    await updateMembershipRole(tx, actor.workspaceId, userId, role);
    await audit(tx, {
      workspaceId: actor.workspaceId,
      actorId: actor.userId,
      action: 'member.role_changed',
      target: await emailOf(tx, userId),
      details: { from: current.role, to: role },
    });
  });
}

export async function removeMember(store: Store, actor: Actor, userId: number) {
  assertCan(actor.role, 'member.manage');
  return inTransaction(store, async (tx) => {
    const current = await findMembership(tx, actor.workspaceId, userId);
    if (!current) throw new NotFound('Member');
    if (current.role === 'owner' && actor.role !== 'owner')
      throw new Forbidden('Only an owner can remove an owner');
    assertCanManageMember(actor.role, current.role as Role, userId === actor.userId);
    if (current.role === 'owner' && (await countOwners(tx, actor.workspaceId)) === 1) {
      throw new Conflict('A workspace needs at least one owner');
    }
    await deleteMembership(tx, actor.workspaceId, userId);
    await audit(tx, {
      workspaceId: actor.workspaceId,
      actorId: actor.userId,
      action: 'member.removed',
      target: await emailOf(tx, userId),
      details: { role: current.role },
    });
  });
}
