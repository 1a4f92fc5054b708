import type { SortField } from '@closeloop/core/query/query-ast';
import { Invalid } from '@closeloop/shared/errors';
import { IMPACT_SORTS } from '@closeloop/shared/issue-fields';
import { type Expression, type RawBuilder, type SqlBool, sql } from 'kysely';
import { dialectOf } from '../dialect/store-dialect.ts';
import { hydrateIssues, issueSelect } from '../issues-store.ts';
import { relevanceExpression } from '../search/query-text.ts';
import type { Tx } from '../transaction.ts';
import { type CompiledQuery, impactAggregate } from './compile-query.ts';
import type { IssueEB, Predicate } from './qualifier-resolver.ts';

export interface SortKey {
  field: SortField;
  dir: 'asc' | 'desc';
}

type CursorValue = string | number | null;
interface Cursor {
  s: string;
  v: CursorValue[];
  id: number;
}

/** Sorts on what an issue's event groups add up to (manual issues have none: they sort last). */
type ImpactSort = (typeof IMPACT_SORTS)[number];
const isImpact = (f: SortField): f is ImpactSort => (IMPACT_SORTS as readonly string[]).includes(f);
const IMPACT_ALIAS = 'imp';

const COLUMN: Record<
  Exclude<SortField, 'relevance' | ImpactSort>,
  { col: string; row: string; nullable: boolean }
> = {
  created: { col: 'i.created_at', row: 'created_at', nullable: false },
  updated: { col: 'i.updated_at', row: 'updated_at', nullable: false },
  priority: { col: 'i.priority', row: 'priority', nullable: false },
  due: { col: 'i.due_date', row: 'due_date', nullable: true },
  closed: { col: 'i.closed_at', row: 'closed_at', nullable: true },
  estimate: { col: 'i.estimate_minutes', row: 'estimate_minutes', nullable: true },
};

const signature = (keys: readonly SortKey[]) => keys.map((k) => `${k.field}-${k.dir}`).join(',');

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

function decodeCursor(s: string, keys: readonly SortKey[]): Cursor {
  try {
    const c = JSON.parse(Buffer.from(s, 'base64url').toString()) as Partial<Cursor>;
    if (
      c &&
      c.s === signature(keys) &&
      Array.isArray(c.v) &&
      c.v.length === keys.length &&
      c.v.every((x) => x === null || typeof x === 'string' || typeof x === 'number') &&
      Number.isInteger(c.id)
    ) {
      return c as Cursor;
    }
  } catch {
    // fall through
  }
  throw new Invalid('The cursor is not one this server handed out for this query and sort', {
    field: 'cursor',
  });
}

interface SortExpr {
  key: SortKey;
  expr: RawBuilder<unknown>;
  nullable: boolean;
  row: string;
}

/**
 * Keyset continuation: rows strictly after the cursor in (keys…, id) order, empty values last
 * in both directions. When every key is non-null and shares one direction this is a single
 * row-value comparison, which both engines answer with an index range scan.
 */
function afterCursor(sorts: readonly SortExpr[], idDir: 'asc' | 'desc', c: Cursor): Expression<SqlBool> {
  const cmp = (dir: 'asc' | 'desc') => sql.raw(dir === 'desc' ? '<' : '>');
  if (sorts.every((s) => !s.nullable && s.key.dir === idDir)) {
    const cols = sql.join([...sorts.map((s) => s.expr), sql.ref('i.id')]);
    const vals = sql.join([...c.v.map((v) => sql`${v}`), sql`${c.id}`]);
    return sql<SqlBool>`(${cols}) ${cmp(idDir)} (${vals})`;
  }
  const eq = (s: SortExpr, v: CursorValue) => (v === null ? sql`${s.expr} IS NULL` : sql`${s.expr} = ${v}`);
  const beyond = (s: SortExpr, v: CursorValue) =>
    v === null
      ? sql`1 = 0`
      : s.nullable
        ? sql`(${s.expr} ${cmp(s.key.dir)} ${v} OR ${s.expr} IS NULL)`
        : sql`${s.expr} ${cmp(s.key.dir)} ${v}`;
  const branches: RawBuilder<unknown>[] = [];
  sorts.forEach((s, i) => {
    const prefix = sorts.slice(0, i).map((p, j) => eq(p, c.v[j]!));
    branches.push(sql`(${sql.join([...prefix, beyond(s, c.v[i]!)], sql` AND `)})`);
  });
  branches.push(
    sql`(${sql.join([...sorts.map((s, j) => eq(s, c.v[j]!)), sql`i.id ${cmp(idDir)} ${c.id}`], sql` AND `)})`,
  );
  return sql<SqlBool>`(${sql.join(branches, sql` OR `)})`;
}

/**
 * One page of issues for a compiled query. `base` holds the conditions outside the query
 * language (workspace, the list endpoint's filter parameters). Free text with a relevance sort
 * is ranked: SQLite joins the FTS5 match once (driving the plan from the text index when the
 * text is required), PostgreSQL computes ts_rank on the matching rows.
 */
export async function listIssuesByQuery(
  tx: Tx,
  base: Predicate,
  compiled: CompiledQuery,
  page: { sort: readonly SortKey[]; limit: number; cursor?: string | undefined },
) {
  const { query, keys, sorts } = buildQueryList(tx, base, compiled, page);
  const rows = await query.execute();
  const more = rows.length > page.limit;
  const pageRows = more ? rows.slice(0, page.limit) : rows;
  const last = pageRows.at(-1) as (Record<string, CursorValue> & { id: number }) | undefined;
  // Phase two: full rows (joins, long text) for just this page, in the order phase one chose.
  const ids = pageRows.map((r) => r.id);
  const full = ids.length ? await issueSelect(tx).where('i.id', 'in', ids).execute() : [];
  const byId = new Map(full.map((r) => [r.id, r]));
  return {
    items: await hydrateIssues(
      tx,
      ids.flatMap((id) => byId.get(id) ?? []),
    ),
    nextCursor:
      more && last
        ? encodeCursor({ s: signature(keys), v: sorts.map((s) => last[s.row] ?? null), id: last.id })
        : null,
  };
}

/**
 * The SELECT for one page (limit + 1 rows), unexecuted: what the list runs and tests compile.
 * It reads only ids and sort values, so sorting many matches (a common search word) moves narrow
 * rows; the page's full rows are read afterwards by id.
 */
export function buildQueryList(
  tx: Tx,
  base: Predicate,
  compiled: CompiledQuery,
  page: { sort: readonly SortKey[]; limit: number; cursor?: string | undefined },
) {
  const rankExpr = compiled.text.required ?? compiled.text.optional;
  let keys = page.sort.filter((k) => k.field !== 'relevance' || rankExpr !== null);
  if (keys.length === 0) keys = [{ field: 'created', dir: 'desc' }];
  const ranked = rankExpr !== null && keys.some((k) => k.field === 'relevance');
  const drive = ranked && compiled.text.required !== null ? 'inner' : 'left';

  let q = tx.db
    .selectFrom('issues as i')
    .select([
      'i.id',
      'i.created_at',
      'i.updated_at',
      'i.priority',
      'i.due_date',
      'i.closed_at',
      'i.estimate_minutes',
    ]);
  let where = compiled.where;
  if (ranked) {
    const rank = dialectOf(tx.dialect).joinTextRank(q, rankExpr, drive);
    q = rank.qb;
    if (rank.requiredTextInJoin) where = compiled.whereWithoutRequiredText;
  }
  const relevance = ranked ? relevanceExpression(tx.dialect, rankExpr, drive) : null;
  if (keys.some((k) => isImpact(k.field))) {
    // One grouped pass over event_groups joined to the page's candidates, not a subquery per row.
    const impact = tx.db
      .selectFrom('event_groups as g')
      .select(['g.issue_id', ...IMPACT_SORTS.map((f) => impactAggregate(f).as(f))])
      .groupBy('g.issue_id')
      .as(IMPACT_ALIAS);
    // biome-ignore lint/suspicious/noExplicitAny: a derived table joined into a query typed over issues only
    q = (q as any)
      .leftJoin(impact, `${IMPACT_ALIAS}.issue_id`, 'i.id')
      .select(IMPACT_SORTS.map((f) => sql.ref(`${IMPACT_ALIAS}.${f}`).as(`${IMPACT_ALIAS}_${f}`)));
  }

  const sorts: SortExpr[] = keys.map((key) => {
    const f = key.field;
    if (f === 'relevance') return { key, expr: relevance!, nullable: false, row: 'relevance' };
    if (isImpact(f))
      return { key, expr: sql.ref(`${IMPACT_ALIAS}.${f}`), nullable: true, row: `${IMPACT_ALIAS}_${f}` };
    return {
      key,
      expr: sql.ref(COLUMN[f].col) as RawBuilder<unknown>,
      nullable: COLUMN[f].nullable,
      row: COLUMN[f].row,
    };
  });
  const idDir = keys[0]!.dir;

  let sel = q.where((eb) => base(eb as unknown as IssueEB) as never);
  if (where) {
    const w = where;
    sel = sel.where((eb) => w(eb as unknown as IssueEB) as never);
  }
  if (page.cursor) {
    const c = decodeCursor(page.cursor, keys);
    sel = sel.where(afterCursor(sorts, idDir, c) as never);
  }
  let ordered = relevance
    ? sel.select(relevance.as('relevance'))
    : sel.select(sql<number>`0`.as('relevance'));
  for (const s of sorts) {
    if (s.nullable) ordered = ordered.orderBy(sql`CASE WHEN ${s.expr} IS NULL THEN 1 ELSE 0 END`);
    ordered = ordered.orderBy(s.expr, s.key.dir);
  }
  const query = ordered.orderBy('i.id', idDir).limit(page.limit + 1);
  return { query, keys, sorts };
}

/** How many issues a compiled query matches within `base` (a board column's exact count). */
export async function countIssuesByQuery(tx: Tx, base: Predicate, compiled: CompiledQuery): Promise<number> {
  let q = tx.db
    .selectFrom('issues as i')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where((eb) => base(eb as unknown as IssueEB) as never);
  const where = compiled.where;
  if (where) q = q.where((eb) => where(eb as unknown as IssueEB) as never);
  return Number((await q.executeTakeFirstOrThrow()).n);
}
