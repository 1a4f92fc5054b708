import type { Tx } from './transaction.ts';

/**
 * What the releases page needs per machine-found group of a project: the release that first showed
 * it, the release its fix is tied to, when it regressed and in which release, and its issue.
 */
export async function releaseGroupsOfProject(tx: Tx, projectId: number) {
  return tx.db
    .selectFrom('event_groups as g')
    .innerJoin('issues as i', 'i.id', 'g.issue_id')
    .innerJoin('projects as p', 'p.id', 'i.project_id')
    .select([
      'g.id as group_id',
      'g.first_release',
      'g.last_release',
      'g.resolved_in_release',
      'g.regressed_at',
      'i.number',
      'p.key as project_key',
      'i.title',
      'i.status_category',
      'i.resolution',
      'i.closed_at',
    ])
    .where('g.project_id', '=', projectId)
    .orderBy('g.id')
    .execute();
}

/** Events per release of the given groups (the grouping worker's `release` facet), in one query. */
export async function releaseEventCounts(tx: Tx, groupIds: readonly number[]) {
  if (groupIds.length === 0) return [];
  return tx.db
    .selectFrom('group_facets')
    .select(['group_id', 'value as release', 'count'])
    .where('facet', '=', 'release')
    .where('group_id', 'in', groupIds)
    .execute();
}
