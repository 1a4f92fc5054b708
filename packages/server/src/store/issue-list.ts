import type { FieldFilter } from '@closeloop/core/custom-fields/field-values';
import { Invalid } from '@closeloop/shared/errors';
import { type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import { type CustomFieldAccess, customFieldPredicate } from './custom-fields-store.ts';
import { hydrateIssues, issueSelect } from './issues-store.ts';
import { textMatch } from './search/search-index.ts';
import type { Database } from './tables.ts';
import type { Tx } from './transaction.ts';

/** A list request with every name already resolved to ids by the command. */
export interface IssueFilter {
  workspaceId: number;
  projectIds?: number[];
  statusKeys?: string[];
  statusCategories?: string[];
  priorities?: number[];
  assigneeUserIds?: number[];
  unassigned?: boolean;
  teamIds?: number[];
  labelIds?: number[];
  types?: string[];
  kinds?: string[];
  text?: string;
  /** Custom field conditions (`cf.<key>=` parameters), resolved by commands/custom-field-filter.ts. */
  customFields?: { access: CustomFieldAccess; filter: FieldFilter }[];
}

export type IssueSort = 'created' | 'updated' | 'priority' | 'due';
const SORT_COLUMN = {
  created: 'i.created_at',
  updated: 'i.updated_at',
  priority: 'i.priority',
  due: 'i.due_date',
} as const;

type Cursor = [value: string | number | null, id: number];
type EB = ExpressionBuilder<Database & { i: Database['issues'] }, 'i'>;

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

function decodeCursor(s: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(s, 'base64url').toString()) as unknown;
    if (
      Array.isArray(c) &&
      c.length === 2 &&
      Number.isInteger(c[1]) &&
      (c[0] === null || typeof c[0] === 'string' || typeof c[0] === 'number')
    ) {
      return c as Cursor;
    }
  } catch {
    // fall through to the error below
  }
  throw new Invalid('The cursor is not one this server handed out', { field: 'cursor' });
}

export function filterPredicates(eb: EB, f: IssueFilter, dialect: Tx['dialect']) {
  const and: ReturnType<EB['and']>[] = [];
  const where = [eb('i.workspace_id', '=', f.workspaceId)];
  if (f.projectIds?.length) where.push(eb('i.project_id', 'in', f.projectIds));
  const statusOr = [];
  if (f.statusKeys?.length) statusOr.push(eb('i.status', 'in', f.statusKeys));
  if (f.statusCategories?.length) statusOr.push(eb('i.status_category', 'in', f.statusCategories));
  if (statusOr.length) and.push(eb.or(statusOr));
  if (f.priorities?.length) where.push(eb('i.priority', 'in', f.priorities));
  const assigneeOr = [];
  if (f.assigneeUserIds?.length) assigneeOr.push(eb('i.assignee_user_id', 'in', f.assigneeUserIds));
  if (f.unassigned)
    assigneeOr.push(eb.and([eb('i.assignee_user_id', 'is', null), eb('i.assignee_team_id', 'is', null)]));
  if (assigneeOr.length) and.push(eb.or(assigneeOr));
  if (f.teamIds?.length) where.push(eb('i.assignee_team_id', 'in', f.teamIds));
  if (f.types?.length) where.push(eb('i.type', 'in', f.types));
  if (f.kinds?.length) where.push(eb('i.kind', 'in', f.kinds));
  for (const c of f.customFields ?? [])
    where.push(customFieldPredicate(eb, c.access, c.filter) as (typeof where)[number]);
  if (f.labelIds?.length) {
    where.push(
      eb(
        'i.id',
        'in',
        eb
          .selectFrom('issue_labels')
          .select('issue_labels.issue_id')
          .where('issue_labels.label_id', 'in', f.labelIds),
      ),
    );
  }
  if (f.text) {
    // Text with no searchable word in it matches nothing, as a search box should.
    const m = textMatch(dialect, f.text);
    and.push((m ? m(eb) : sql<SqlBool>`1 = 0`) as ReturnType<EB['and']>);
  }
  return eb.and([...where, ...and]);
}

/** Keyset continuation after `cursor`. Due dates sort with empty ones last in both directions. */
function afterCursor(eb: EB, sort: IssueSort, desc: boolean, [value, id]: Cursor) {
  const col = SORT_COLUMN[sort];
  const cmp = desc ? '<' : '>';
  if (sort === 'due') {
    if (value === null) return eb.and([eb(col, 'is', null), eb('i.id', cmp, id)]);
    return eb.or([
      eb(col, cmp, value as string),
      eb.and([eb(col, '=', value as string), eb('i.id', cmp, id)]),
      eb(col, 'is', null),
    ]);
  }
  return eb.or([eb(col, cmp, value as number), eb.and([eb(col, '=', value as number), eb('i.id', cmp, id)])]);
}

export async function listIssues(
  tx: Tx,
  f: IssueFilter,
  page: { sort: IssueSort; order: 'asc' | 'desc'; limit: number; cursor?: string | undefined },
) {
  const desc = page.order === 'desc';
  const col = SORT_COLUMN[page.sort];
  let q = issueSelect(tx).where(
    (eb) => filterPredicates(eb as unknown as EB, f, tx.dialect) as unknown as ReturnType<typeof eb.and>,
  );
  if (page.cursor) {
    const cursor = decodeCursor(page.cursor);
    q = q.where(
      (eb) =>
        afterCursor(eb as unknown as EB, page.sort, desc, cursor) as unknown as ReturnType<typeof eb.and>,
    );
  }
  if (page.sort === 'due') q = q.orderBy(sql`CASE WHEN i.due_date IS NULL THEN 1 ELSE 0 END`);
  const rows = await q
    .orderBy(col, desc ? 'desc' : 'asc')
    .orderBy('i.id', desc ? 'desc' : 'asc')
    .limit(page.limit + 1)
    .execute();
  const more = rows.length > page.limit;
  const pageRows = more ? rows.slice(0, page.limit) : rows;
  const last = pageRows.at(-1);
  const lastValue = last
    ? { created: last.created_at, updated: last.updated_at, priority: last.priority, due: last.due_date }[
        page.sort
      ]
    : null;
  return {
    items: await hydrateIssues(tx, pageRows),
    nextCursor: more && last ? encodeCursor([lastValue, last.id]) : null,
  };
}
