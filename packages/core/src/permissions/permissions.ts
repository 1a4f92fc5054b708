import { Forbidden } from '@closeloop/shared/errors';
import type { Role } from '@closeloop/shared/issue-fields';

/**
 * Who may do what, as one table. Every command asks `assertCan(actor.role, action)` before it
 * touches the store; routes never decide this themselves.
 */
export const ACTIONS = {
  'workspace.read': 'viewer',
  'issue.create': 'member',
  'issue.update': 'member',
  'issue.delete': 'admin',
  'comment.create': 'member',
  'label.manage': 'member',
  /** Members plan their own work: create, edit and close milestones; deleting one detaches its issues, so admins. */
  'milestone.manage': 'member',
  'milestone.delete': 'admin',
  /** Anyone who may edit an issue logs time on it and deletes their own logs; others' logs need an admin. */
  'worklog.delete-any': 'admin',
  'project.manage': 'admin',
  'team.manage': 'admin',
  'member.invite': 'admin',
  'member.manage': 'admin',
  'workspace.manage': 'owner',
  /** Requiring two-factor sign-in of everyone in the workspace. */
  'two-factor.require': 'admin',
  /** A workspace's single sign-on provider, allowed domains and "SSO only" switch. */
  'sso.manage': 'admin',
  'token.manage-own': 'viewer',
  'ingest-key.manage': 'admin',
  /** Set-aside events hold raw payloads (user data): only admins see, retry or discard them. */
  'dead-event.manage': 'admin',
  /** Sign-ins, role changes, token and key events of everyone: admins read and export it. */
  'audit.read': 'admin',
} as const satisfies Record<string, Role>;
export type Action = keyof typeof ACTIONS;

const RANK: Record<Role, number> = { viewer: 0, member: 1, admin: 2, owner: 3 };

export function can(role: Role, action: Action): boolean {
  return RANK[role] >= RANK[ACTIONS[action]];
}

export function assertCan(role: Role, action: Action): void {
  if (!can(role, action)) {
    throw new Forbidden(`A ${role} cannot ${action.replace('.', ' ')}`, {
      action,
      role,
      needs: ACTIONS[action],
    });
  }
}

/** Only an owner may create or promote to owner; admins manage everyone below them. */
export function assertCanGrantRole(actorRole: Role, targetRole: Role): void {
  assertCan(actorRole, 'member.manage');
  if (RANK[targetRole] > RANK[actorRole] || (targetRole === 'owner' && actorRole !== 'owner')) {
    throw new Forbidden(`A ${actorRole} cannot grant the ${targetRole} role`, { role: targetRole });
  }
}

/**
 * Whom a member may change or remove: an owner anyone, everyone else only members ranked below
 * them (an admin cannot demote or remove another admin), and always themselves.
 */
export function assertCanManageMember(actorRole: Role, targetRole: Role, self: boolean): void {
  assertCan(actorRole, 'member.manage');
  if (self || actorRole === 'owner' || RANK[targetRole] < RANK[actorRole]) return;
  throw new Forbidden(`A ${actorRole} cannot change or remove a ${targetRole}`, { role: targetRole });
}
