import { mentionedHandles } from '@closeloop/core/mentions/parse-mentions';
import type { Tx } from '../store/transaction.ts';
import { membersForMentions, teamsWithMembers } from '../store/watchers-store.ts';

/** More distinct handles than this in one text are ignored, so a paste cannot page a whole company. */
const MAX_HANDLES = 50;

/**
 * The members a text mentions. A handle matches, case-insensitively:
 * - a member whose email's local part equals it (`@mia` → mia@example.com; every member with that
 *   local part if several share it), or whose full email equals it (`@mia@example.com`);
 * - a team whose key equals it (`@design`), meaning each of its members.
 * Handles that match nothing are ignored: text stays text.
 */
export async function resolveMentions(tx: Tx, workspaceId: number, text: string): Promise<number[]> {
  const handles = mentionedHandles(text).slice(0, MAX_HANDLES);
  if (handles.length === 0) return [];
  const wanted = new Set(handles);
  const ids = new Set<number>();
  for (const m of await membersForMentions(tx, workspaceId)) {
    const email = m.email.toLowerCase();
    const local = email.slice(0, email.lastIndexOf('@'));
    if (wanted.has(email) || wanted.has(local)) ids.add(m.id);
  }
  const teamKeys = handles.filter((h) => /^[a-z][a-z0-9-]{1,30}$/.test(h));
  for (const t of await teamsWithMembers(tx, workspaceId, teamKeys)) ids.add(t.user_id);
  return [...ids];
}
