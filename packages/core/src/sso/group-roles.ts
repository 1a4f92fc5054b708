import type { Role } from '@closeloop/shared/issue-fields';

/**
 * Group-to-role mapping: a newcomer signing in through the provider joins with the highest role
 * any of their groups maps to (never owner: ownership is handed over by an owner, not a group).
 * The groups claim is a list of names, or one name; anything else counts as no groups.
 */
export type GroupRole = { group: string; role: Exclude<Role, 'owner'> };
const RANK = { viewer: 0, member: 1, admin: 2 } as const;

export function groupsOf(claim: unknown): string[] {
  if (typeof claim === 'string') return [claim];
  return Array.isArray(claim) ? claim.filter((g): g is string => typeof g === 'string') : [];
}

/** The mapped role, or null when no group of the person is mapped. */
export function roleFromGroups(claim: unknown, mapping: readonly GroupRole[]): GroupRole['role'] | null {
  const groups = new Set(groupsOf(claim));
  let best: GroupRole['role'] | null = null;
  for (const m of mapping)
    if (groups.has(m.group) && (best === null || RANK[m.role] > RANK[best])) best = m.role;
  return best;
}
