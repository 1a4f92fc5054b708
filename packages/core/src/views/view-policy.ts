import { Forbidden } from '@closeloop/shared/errors';
import type { Role } from '@closeloop/shared/issue-fields';

/**
 * Who may see and change a saved view. A personal view belongs to its owner alone (others do
 * not learn it exists); a shared view is read by the whole workspace and edited by its creator
 * or an admin. Sharing puts something in front of everyone, so it takes at least a member.
 */
export interface ViewAccess {
  ownerId: number;
  shared: boolean;
}
export interface ViewActor {
  userId: number;
  role: Role;
}

const isAdmin = (role: Role) => role === 'admin' || role === 'owner';
const isMemberOrAbove = (role: Role) => role !== 'viewer';

export function canReadView(actor: ViewActor, view: ViewAccess): boolean {
  return view.shared || view.ownerId === actor.userId;
}

export function canEditView(actor: ViewActor, view: ViewAccess): boolean {
  if (view.ownerId === actor.userId) return true;
  return view.shared && isAdmin(actor.role);
}

export function assertCanShare(actor: ViewActor, shared: boolean): void {
  if (shared && !isMemberOrAbove(actor.role)) {
    throw new Forbidden('A viewer can save personal views but not share them', {
      field: 'shared',
      role: actor.role,
    });
  }
}

export function assertCanEditView(actor: ViewActor, view: ViewAccess): void {
  if (!canEditView(actor, view)) {
    throw new Forbidden('Only the creator or an admin can change a shared view', { role: actor.role });
  }
}
