import type { IssueListQuery } from '@closeloop/shared/api/issues';
import { PRIORITY_RANK } from '@closeloop/shared/issue-fields';
import type { IssueFilter } from '../store/issue-list.ts';
import { findLabelIds } from '../store/labels-store.ts';
import { findProjectByKey } from '../store/projects-store.ts';
import { findTeam } from '../store/teams-store.ts';
import type { Tx } from '../store/transaction.ts';
import type { Actor } from './actor.ts';
import { resolveCustomFieldFilters } from './custom-field-filter.ts';

const CATEGORY_WORDS: Record<string, string[]> = {
  open: ['backlog', 'todo', 'in_progress'],
  closed: ['done', 'cancelled'],
};

/**
 * Turns the names in a list request into ids. Returns null when a name matches nothing
 * (an unknown project or label), which means an empty page rather than an error — the same
 * answer a filter over existing data would give.
 */
export async function resolveListFilter(
  tx: Tx,
  actor: Actor,
  q: IssueListQuery,
): Promise<IssueFilter | null> {
  const f: IssueFilter = { workspaceId: actor.workspaceId };
  if (q.project) {
    const p = await findProjectByKey(tx, actor.workspaceId, q.project);
    if (!p) return null;
    f.projectIds = [p.id];
  }
  if (q.status) {
    f.statusCategories = q.status.flatMap((s) => CATEGORY_WORDS[s] ?? []);
    f.statusKeys = q.status.filter((s) => !CATEGORY_WORDS[s]);
  }
  if (q.priority) f.priorities = q.priority.map((p) => PRIORITY_RANK[p]);
  if (q.assignee) {
    f.assigneeUserIds = q.assignee.flatMap((a) => (a === 'me' ? [actor.userId] : a === 'none' ? [] : [a]));
    f.unassigned = q.assignee.includes('none');
  }
  if (q.team) {
    const ids: number[] = [];
    for (const t of q.team) {
      const team = await findTeam(tx, actor.workspaceId, /^\d+$/.test(t) ? Number(t) : t);
      if (team) ids.push(team.id);
    }
    if (ids.length === 0) return null;
    f.teamIds = ids;
  }
  if (q.label) {
    const ids = await findLabelIds(tx, actor.workspaceId, q.label);
    if (ids.length === 0) return null;
    f.labelIds = ids;
  }
  if (q.type) f.types = q.type;
  if (q.kind) f.kinds = q.kind;
  if (q.text) f.text = q.text;
  if (q.cf) f.customFields = await resolveCustomFieldFilters(tx, actor.workspaceId, f.projectIds, q.cf);
  return f;
}
