import { sql } from 'kysely';
import { aggregateSums } from './release-health-store.ts';
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

/**
 * The worker's verifications of a project's fixes tied to a release, with their issue (closed as
 * fixed still): where the releases page lists them, with the stored verdict.
 */
export async function tiedFixVerifications(tx: Tx, projectId: number) {
  return tx.db
    .selectFrom('fix_verifications as v')
    .innerJoin('issues as i', 'i.id', 'v.issue_id')
    .innerJoin('projects as p', 'p.id', 'i.project_id')
    .select(['v.fix_release', 'v.state', 'v.evidence', 'i.number', 'p.key as project_key', 'i.title'])
    .where('v.project_id', '=', projectId)
    .where('v.fix_release', 'is not', null)
    .where('v.state', '!=', 'not_fixed')
    .where('i.closed_at', 'is not', null)
    .where('i.resolution', '=', 'fixed')
    .execute();
}

const DAY_MS = 86_400_000;

/**
 * Sessions per release and UTC day since `from` (single sessions and Sentry aggregates), for the
 * adoption chart. The day is an integer division on both databases (bigint / integer literal).
 */
export async function releaseSessionsPerDay(tx: Tx, projectId: number, from: number) {
  const day = sql<number>`started / ${sql.lit(DAY_MS)}`;
  const [single, buckets] = await Promise.all([
    tx.db
      .selectFrom('release_sessions')
      .select((eb) => ['release', day.as('day'), eb.fn.countAll<number>().as('n')])
      .where('project_id', '=', projectId)
      .where('started', '>=', from)
      .groupBy(['release', day])
      .execute(),
    tx.db
      .selectFrom('release_session_buckets')
      .select((eb) => ['release', day.as('day'), ...aggregateSums(eb)])
      .where('project_id', '=', projectId)
      .where('started', '>=', from)
      .groupBy(['release', day])
      .execute(),
  ]);
  const n = (x: unknown) => Number(x ?? 0);
  return {
    single: single.map((r) => ({ release: r.release, day: n(r.day), sessions: n(r.n) })),
    buckets: buckets.map((b) => ({
      release: b.release,
      day: n(b.day),
      counts: {
        exited: n(b.exited),
        errored: n(b.errored),
        unhandled: n(b.unhandled),
        abnormal: n(b.abnormal),
        crashed: n(b.crashed),
      },
    })),
  };
}
