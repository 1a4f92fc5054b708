import { Invalid } from '@closeloop/shared/errors';
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import { type CustomFieldAccess, customFieldSortColumn, SORT_ALIAS } from './custom-fields-store.ts';
import { filterPredicates, type IssueFilter } from './issue-list.ts';
import { hydrateIssues, issueSelect } from './issues-store.ts';
import type { Database } from './tables.ts';
import type { Tx } from './transaction.ts';

type EB = ExpressionBuilder<Database & { i: Database['issues'] }, 'i'>;
type Cursor = [value: string | number | null, id: number];

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(['cf', ...c])).toString('base64url');
}

function decodeCursor(s: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(s, 'base64url').toString()) as unknown;
    if (
      Array.isArray(c) &&
      c.length === 3 &&
      c[0] === 'cf' &&
      Number.isInteger(c[2]) &&
      (c[1] === null || typeof c[1] === 'string' || typeof c[1] === 'number')
    ) {
      return [c[1], c[2]];
    }
  } catch {
    // fall through to the error below
  }
  throw new Invalid('The cursor is not one this server handed out for this sort', { field: 'cursor' });
}

/**
 * A page of issues ordered by a custom field (empty values last in both directions), then id.
 * The values join once per page (LEFT JOIN on (issue_id, field_id)), never a per-row subquery;
 * single-valued fields have at most one row per issue, so the join never repeats an issue.
 */
export async function listIssuesByCustomField(
  tx: Tx,
  f: IssueFilter,
  field: CustomFieldAccess,
  page: { order: 'asc' | 'desc'; limit: number; cursor?: string | undefined },
) {
  const col = customFieldSortColumn(field);
  const desc = page.order === 'desc';
  const dir = desc ? 'desc' : 'asc';
  const cmp = sql.raw(desc ? '<' : '>');
  let q = issueSelect(tx)
    .leftJoin(`issue_field_values as ${SORT_ALIAS}`, (j) =>
      j.onRef(`${SORT_ALIAS}.issue_id`, '=', 'i.id').on(`${SORT_ALIAS}.field_id`, 'in', field.fieldIds),
    )
    .select(col.as('cf_sort'))
    .where((eb) => filterPredicates(eb as unknown as EB, f, tx.dialect) as never);
  if (page.cursor) {
    const [value, id] = decodeCursor(page.cursor);
    const after: Expression<SqlBool> =
      value === null
        ? sql<SqlBool>`(${col} IS NULL AND i.id ${cmp} ${id})`
        : sql<SqlBool>`(${col} ${cmp} ${value} OR (${col} = ${value} AND i.id ${cmp} ${id}) OR ${col} IS NULL)`;
    q = q.where(after as never);
  }
  const rows = await q
    .orderBy(sql`CASE WHEN ${col} IS NULL THEN 1 ELSE 0 END`)
    .orderBy(col, dir)
    .orderBy('i.id', dir)
    .limit(page.limit + 1)
    .execute();
  const more = rows.length > page.limit;
  const pageRows = more ? rows.slice(0, page.limit) : rows;
  const last = pageRows.at(-1);
  return {
    items: await hydrateIssues(tx, pageRows),
    nextCursor:
      more && last ? encodeCursor([(last.cf_sort as string | number | null) ?? null, last.id]) : null,
  };
}
