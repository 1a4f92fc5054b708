import type { Bound, Condition, ImpactField } from '@closeloop/core/query/bind-query';
import { QUALIFIERS } from '@closeloop/core/query/bind-query';
import type { CompareOp } from '@closeloop/core/query/query-ast';
import { QueryError } from '@closeloop/core/query/query-error';
import { type Expression, type RawBuilder, type SqlBool, sql } from 'kysely';
import { type TextTerm, textExpression, textPredicate } from '../search/query-text.ts';
import type { Tx } from '../transaction.ts';
import type { IssueEB, Predicate, QualifierResolver, QueryContext } from './qualifier-resolver.ts';

/**
 * Compiles a bound query to one Kysely predicate over `issues i`. Every user value is a bound
 * parameter; names (labels, teams, projects, people) are resolved to ids first, and labels are
 * an uncorrelated `IN (SELECT …)` semi-join the planner runs once, never a subquery per row.
 *
 * NOT compiles to `(x) IS NOT TRUE`, so a comparison on an empty column (no due date, no
 * estimate) is simply false and its negation true — the two-valued logic a person expects.
 */

export interface CompiledQuery {
  where: Predicate | null;
  /** `where` without the required free text, for when a join on the text index enforces it. */
  whereWithoutRequiredText: Predicate | null;
  /**
   * Free text for ranking, as one engine expression. `required` terms are conjuncts of the whole
   * query, so a list can be driven from the text index; `optional` terms sit under OR.
   */
  text: { required: string | null; optional: string | null };
}

const TRUE = sql<SqlBool>`1 = 1`;
const FALSE = sql<SqlBool>`1 = 0`;

const COLUMN = {
  priority: 'i.priority',
  created: 'i.created_at',
  updated: 'i.updated_at',
  closed: 'i.closed_at',
  due: 'i.due_date',
  estimate: 'i.estimate_minutes',
  reporter: 'i.reporter_id',
  assignee: 'i.assignee_user_id',
  team: 'i.assignee_team_id',
} as const;

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Names resolved to ids before SQL is built, so the planner sees `assignee_user_id = 7` (and can
 * use index statistics) instead of an opaque `IN (SELECT …)`. A name that matches nothing
 * becomes a constant false.
 */
type Ids = Map<Bound, number[]>;

async function resolveNames(tx: Tx, root: Bound, ctx: QueryContext): Promise<Ids> {
  const ids: Ids = new Map();
  const walk = async (b: Bound): Promise<void> => {
    if (b.k === 'and' || b.k === 'or') for (const c of b.items) await walk(c);
    else if (b.k === 'not') await walk(b.item);
    else if (b.k === 'cond') {
      const c = b.cond;
      if (c.c === 'user' && 'email' in c.who) {
        const rows = await tx.db
          .selectFrom('users as u')
          .innerJoin('memberships as m', 'm.user_id', 'u.id')
          .select('u.id')
          .where('m.workspace_id', '=', ctx.workspaceId)
          .where('u.email', '=', c.who.email)
          .execute();
        ids.set(
          b,
          rows.map((r) => r.id),
        );
      } else if (c.c === 'team' && 'name' in c.team) {
        const name = c.team.name;
        const rows = await tx.db
          .selectFrom('teams as t')
          .select('t.id')
          .where('t.workspace_id', '=', ctx.workspaceId)
          .where((w) => w.or([w('t.key', '=', name.toLowerCase()), w('t.name', '=', name)]))
          .execute();
        ids.set(
          b,
          rows.map((r) => r.id),
        );
      } else if (c.c === 'project') {
        const rows = await tx.db
          .selectFrom('projects')
          .select('id')
          .where('workspace_id', '=', ctx.workspaceId)
          .where('key', '=', c.key)
          .execute();
        ids.set(
          b,
          rows.map((r) => r.id),
        );
      } else if (c.c === 'label') {
        const rows = await tx.db
          .selectFrom('labels')
          .select('id')
          .where('workspace_id', '=', ctx.workspaceId)
          .where('name', '=', c.name)
          .execute();
        ids.set(
          b,
          rows.map((r) => r.id),
        );
      }
    }
  };
  await walk(root);
  return ids;
}

function conditionSql(
  eb: IssueEB,
  c: Exclude<Condition, { c: 'extension' | 'text' }>,
  ctx: QueryContext,
  resolved: number[] | undefined,
): Expression<SqlBool> {
  const anyOf = (col: 'i.assignee_user_id' | 'i.reporter_id' | 'i.assignee_team_id' | 'i.project_id') =>
    !resolved || resolved.length === 0
      ? FALSE
      : resolved.length === 1
        ? eb(col, '=', resolved[0]!)
        : eb(col, 'in', resolved);
  switch (c.c) {
    case 'status':
      return eb.or([eb('i.status', '=', c.value), eb('i.status_category', '=', c.value)]);
    case 'category':
      return eb('i.status_category', 'in', c.in);
    case 'cmp':
      return eb(COLUMN[c.field], c.op as CompareOp, c.value as never);
    case 'null':
      return eb(COLUMN[c.field], 'is', null);
    case 'unassigned':
      return eb.and([eb('i.assignee_user_id', 'is', null), eb('i.assignee_team_id', 'is', null)]);
    case 'user': {
      const col = c.field === 'assignee' ? 'i.assignee_user_id' : 'i.reporter_id';
      if ('me' in c.who) return eb(col, '=', ctx.actorId);
      if ('id' in c.who) return eb(col, '=', c.who.id);
      return anyOf(col);
    }
    case 'team':
      return 'id' in c.team ? eb('i.assignee_team_id', '=', c.team.id) : anyOf('i.assignee_team_id');
    case 'label':
      if (!resolved || resolved.length === 0) return FALSE;
      return eb(
        'i.id',
        'in',
        eb.selectFrom('issue_labels as il').select('il.issue_id').where('il.label_id', 'in', resolved),
      );
    case 'eq':
      return eb(c.field === 'type' ? 'i.type' : 'i.kind', '=', c.value);
    case 'project':
      return anyOf('i.project_id');
    case 'title':
      return sql<SqlBool>`lower(i.title) LIKE ${`%${escapeLike(c.text.toLowerCase())}%`} ESCAPE '\\'`;
    case 'impact':
      // An uncorrelated semi-join over the workspace's groups, run once (never per issue row).
      return eb(
        'i.id',
        'in',
        eb
          .selectFrom('event_groups as g')
          .select('g.issue_id')
          .where('g.workspace_id', '=', ctx.workspaceId)
          .groupBy('g.issue_id')
          .having(impactAggregate(c.field), c.op as CompareOp, c.value),
      );
    case 'route': {
      const like = globLike(c.pattern);
      return eb.or([
        eb(
          'i.id',
          'in',
          eb
            .selectFrom('event_groups as g')
            .innerJoin('group_facets as f', 'f.group_id', 'g.id')
            .select('g.issue_id')
            .where('g.workspace_id', '=', ctx.workspaceId)
            .where('f.facet', '=', 'route')
            .where(sql<SqlBool>`f.value LIKE ${like} ESCAPE '\\'`),
        ),
        // Performance issues name their route template, or their endpoint as "METHOD /path".
        eb(
          'i.id',
          'in',
          eb
            .selectFrom('perf_issues as p')
            .innerJoin('event_groups as g', 'g.id', 'p.group_id')
            .select('g.issue_id')
            .where('g.workspace_id', '=', ctx.workspaceId)
            .where(
              sql<SqlBool>`(p.target LIKE ${like} ESCAPE '\\' OR p.target LIKE ${`% ${like}`} ESCAPE '\\')`,
            ),
        ),
      ]);
    }
  }
}

/** A route pattern as LIKE: `*` is any run of characters, everything else literal. */
function globLike(pattern: string): string {
  return pattern.split('*').map(escapeLike).join('%');
}

/**
 * The issue-level figure of a machine-found issue, over all its event groups (merged ones too), in a
 * query over `event_groups as g` grouped by `g.issue_id`. Users and sessions are distinct across the
 * groups, as on the issue page: a user seen by two merged groups counts once. The groups' own
 * counters are used when the issue has one group (nearly all of them), so only merged issues pay
 * for the COUNT(DISTINCT …) over their rows.
 */
export function impactAggregate(field: ImpactField): RawBuilder<number> {
  switch (field) {
    case 'events':
      return sql<number>`SUM(g.event_count)`;
    case 'users':
      return distinctAcrossGroups('user_count', 'group_users', 'user_key');
    case 'sessions':
      return distinctAcrossGroups('session_count', 'group_sessions', 'session_id');
    case 'firstseen':
      return sql<number>`MIN(g.first_seen)`;
    case 'lastseen':
      return sql<number>`MAX(g.last_seen)`;
  }
}

function distinctAcrossGroups(
  counter: 'user_count' | 'session_count',
  table: 'group_users' | 'group_sessions',
  column: 'user_key' | 'session_id',
): RawBuilder<number> {
  return sql<number>`CASE WHEN COUNT(*) = 1 THEN SUM(${sql.ref(`g.${counter}`)}) ELSE (SELECT COUNT(DISTINCT ${sql.ref(
    `d.${column}`,
  )}) FROM ${sql.table(table)} d INNER JOIN event_groups dg ON dg.id = d.group_id WHERE dg.issue_id = g.issue_id) END`;
}

/** Free text that is a direct conjunct of the whole query (the root, or a child of a root AND). */
function requiredTextNodes(root: Bound): Set<Bound> {
  const out = new Set<Bound>();
  const isText = (b: Bound) => b.k === 'cond' && b.cond.c === 'text';
  if (isText(root)) out.add(root);
  if (root.k === 'and') for (const b of root.items) if (isText(b)) out.add(b);
  return out;
}

function collectOptionalText(b: Bound, negated: boolean, required: Set<Bound>, out: TextTerm[]): void {
  if (b.k === 'cond' && b.cond.c === 'text' && !negated && !required.has(b)) out.push(b.cond);
  if (b.k === 'and' || b.k === 'or') for (const c of b.items) collectOptionalText(c, negated, required, out);
  if (b.k === 'not') collectOptionalText(b.item, !negated, required, out);
}

export async function compileQuery(
  tx: Tx,
  root: Bound | null,
  ctx: QueryContext,
  resolvers: readonly QualifierResolver[],
): Promise<CompiledQuery> {
  if (!root) return { where: null, whereWithoutRequiredText: null, text: { required: null, optional: null } };

  // Extensions first (they may read the database), so building SQL below stays synchronous.
  const extensions = new Map<Bound, Predicate>();
  const visit = async (b: Bound): Promise<void> => {
    if (b.k === 'and' || b.k === 'or') for (const c of b.items) await visit(c);
    else if (b.k === 'not') await visit(b.item);
    else if (b.k === 'cond' && b.cond.c === 'extension') {
      const term = b.cond.term;
      for (const r of resolvers) {
        const p = await r.resolve(tx, term, ctx);
        if (p) {
          extensions.set(b, p);
          return;
        }
      }
      if (term.field === 'is') {
        throw new QueryError(
          `is:${term.value} is not available here`,
          { pos: term.valuePos, len: term.valueLen },
          ['open', 'closed', 'unassigned', 'assigned'],
        );
      }
      throw new QueryError(`Unknown qualifier "${term.rawField}"`, { pos: term.pos, len: term.fieldLen }, [
        ...QUALIFIERS.map((q) => `${q}:`),
        ...resolvers.map((r) => `a ${r.name}`),
      ]);
    }
  };
  await visit(root);
  const resolved = await resolveNames(tx, root, ctx);

  const required = requiredTextNodes(root);
  const requiredTerms = [...required].map((b) => (b as Extract<Bound, { k: 'cond' }>).cond as TextTerm);
  const optionalTerms: TextTerm[] = [];
  collectOptionalText(root, false, required, optionalTerms);

  const build = (eb: IssueEB, b: Bound): Expression<SqlBool> => {
    switch (b.k) {
      case 'const':
        return b.value ? TRUE : FALSE;
      case 'and':
        return eb.and(b.items.map((c) => build(eb, c)));
      case 'or':
        return eb.or(b.items.map((c) => build(eb, c)));
      case 'not':
        return sql<SqlBool>`(${build(eb, b.item)}) IS NOT TRUE`;
      case 'cond': {
        const c = b.cond;
        if (c.c === 'extension') return extensions.get(b)!(eb);
        // Text without a single word in it (e.g. "--") constrains nothing.
        if (c.c === 'text') return textPredicate(ctx.dialect, c) ?? TRUE;
        return conditionSql(eb, c, ctx, resolved.get(b));
      }
    }
  };

  const rest: Bound | null = required.has(root)
    ? null
    : root.k === 'and'
      ? { k: 'and', items: root.items.filter((b) => !required.has(b)) }
      : root;
  return {
    where: (eb) => build(eb, root),
    whereWithoutRequiredText:
      rest && !(rest.k === 'and' && rest.items.length === 0) ? (eb) => build(eb, rest) : null,
    text: {
      required: textExpression(ctx.dialect, requiredTerms, 'and'),
      optional: textExpression(ctx.dialect, optionalTerms, 'or'),
    },
  };
}
