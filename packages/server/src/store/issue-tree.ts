import type { CategoryGroup } from '@closeloop/core/relations/progress';
import { sql } from 'kysely';
import { issueSelect } from './issues-store.ts';
import type { Tx } from './transaction.ts';

/** Parents are checked for cycles on write; the depth cap only guards the recursive query. */
const MAX_DEPTH = 50;

const toGroup = (r: {
  status_category: string;
  n: unknown;
  estimate: unknown;
  logged: unknown;
}): CategoryGroup => ({
  category: r.status_category,
  // PostgreSQL answers COUNT and SUM as bigint strings.
  count: Number(r.n),
  estimateMinutes: Number(r.estimate ?? 0),
  loggedMinutes: Number(r.logged ?? 0),
});

/**
 * Everything below one issue in one grouped query: a recursive walk down `parent_id`, grouped by
 * depth and status category. Depth 1 rows are the direct children (their progress); all rows
 * together are the descendants whose time rolls up.
 */
export async function subtreeGroups(tx: Tx, issueId: number) {
  const rows = await tx.db
    .withRecursive('tree(id, depth)', (db) =>
      db
        .selectFrom('issues')
        .select(['id', sql<number>`1`.as('depth')])
        .where('parent_id', '=', issueId)
        .unionAll((db2) =>
          db2
            .selectFrom('issues as c')
            .innerJoin('tree', 'tree.id', 'c.parent_id')
            .select(['c.id', sql<number>`tree.depth + 1`.as('depth')])
            .where('tree.depth', '<', MAX_DEPTH),
        ),
    )
    .selectFrom('tree')
    .innerJoin('issues as i', 'i.id', 'tree.id')
    .select((eb) => [
      'tree.depth',
      'i.status_category',
      eb.fn.countAll().as('n'),
      eb.fn.sum(eb.fn.coalesce('i.estimate_minutes', eb.lit(0))).as('estimate'),
      eb.fn.sum('i.logged_minutes').as('logged'),
    ])
    .groupBy(['tree.depth', 'i.status_category'])
    .execute();
  const direct: CategoryGroup[] = [];
  const descendants = { estimateMinutes: 0, loggedMinutes: 0 };
  for (const r of rows) {
    const g = toGroup(r);
    if (Number(r.depth) === 1) direct.push(g);
    descendants.estimateMinutes += g.estimateMinutes;
    descendants.loggedMinutes += g.loggedMinutes;
  }
  return { direct, descendants };
}

/**
 * Direct-children progress for a page of issues in one grouped query, for list and board rows
 * that show "3/5" next to a parent.
 */
export async function childGroupsOf(
  tx: Tx,
  parentIds: readonly number[],
): Promise<Map<number, CategoryGroup[]>> {
  const out = new Map<number, CategoryGroup[]>();
  if (parentIds.length === 0) return out;
  const rows = await tx.db
    .selectFrom('issues')
    .select((eb) => [
      'parent_id',
      'status_category',
      eb.fn.countAll().as('n'),
      eb.fn.sum(eb.fn.coalesce('estimate_minutes', eb.lit(0))).as('estimate'),
      eb.fn.sum('logged_minutes').as('logged'),
    ])
    .where('parent_id', 'in', parentIds)
    .groupBy(['parent_id', 'status_category'])
    .execute();
  for (const r of rows) {
    const list = out.get(r.parent_id!) ?? [];
    list.push(toGroup(r));
    out.set(r.parent_id!, list);
  }
  return out;
}

/** The direct children of an issue as issue rows, in creation order. */
export async function childRows(tx: Tx, workspaceId: number, parentId: number, limit = 1000) {
  return issueSelect(tx)
    .where('i.workspace_id', '=', workspaceId)
    .where('i.parent_id', '=', parentId)
    .orderBy('i.id')
    .limit(limit)
    .execute();
}
