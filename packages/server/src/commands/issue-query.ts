import { assertCan } from '@closeloop/core/permissions/permissions';
import { bindQuery } from '@closeloop/core/query/bind-query';
import { parseQuery } from '@closeloop/core/query/parse-query';
import type { IssueListQuery } from '@closeloop/shared/api/issues';
import { sql } from 'kysely';
import type { Services } from '../services.ts';
import { filterPredicates } from '../store/issue-list.ts';
import { compileQuery } from '../store/query/compile-query.ts';
import type { IssueEB } from '../store/query/qualifier-resolver.ts';
import { QUALIFIER_RESOLVERS } from '../store/query/qualifier-resolvers.ts';
import { countIssuesByQuery, listIssuesByQuery, type SortKey } from '../store/query/query-list.ts';
import type { Actor } from './actor.ts';
import { resolveListFilter } from './issue-filter.ts';

/**
 * `GET /issues?q=…`: parse, bind (qualifier meanings, relative dates against now), compile to
 * parameterised SQL, then page. The endpoint's other filter parameters still apply, ANDed.
 * Order: the query's sort: directives, else the `sort` parameter, else relevance when there is
 * free text, else newest first.
 */
export async function queryIssues(svc: Services, actor: Actor, q: IssueListQuery & { q: string }) {
  assertCan(actor.role, 'workspace.read');
  const parsed = parseQuery(q.q);
  const now = Date.now();
  const bound = parsed.where ? bindQuery(parsed.where, now) : null;
  const tx = svc.store;
  const compiled = await compileQuery(
    tx,
    bound,
    { workspaceId: actor.workspaceId, actorId: actor.userId, dialect: tx.dialect, now },
    QUALIFIER_RESOLVERS,
  );
  const filter = await resolveListFilter(tx, actor, q);
  if (!filter) return { items: [], nextCursor: null };
  let sort: SortKey[];
  if (parsed.sort.length > 0) sort = parsed.sort.map((s) => ({ field: s.field, dir: s.dir }));
  else if (q.sort) sort = [{ field: q.sort, dir: q.order }];
  else sort = [{ field: 'relevance', dir: 'desc' }];
  return listIssuesByQuery(
    tx,
    (eb: IssueEB) => filterPredicates(eb, filter, tx.dialect) ?? sql<boolean>`1 = 1`,
    compiled,
    { sort, limit: q.limit, cursor: q.cursor },
  );
}

/**
 * `GET /issues/count`: how many issues the same parameters as the list match, without paging
 * (the board shows exact column counts with it, not "40+").
 */
export async function countIssues(
  svc: Services,
  actor: Actor,
  q: IssueListQuery,
): Promise<{ count: number }> {
  assertCan(actor.role, 'workspace.read');
  const tx = svc.store;
  const now = Date.now();
  const parsed = parseQuery(q.q ?? '');
  const bound = parsed.where ? bindQuery(parsed.where, now) : null;
  const compiled = await compileQuery(
    tx,
    bound,
    { workspaceId: actor.workspaceId, actorId: actor.userId, dialect: tx.dialect, now },
    QUALIFIER_RESOLVERS,
  );
  const filter = await resolveListFilter(tx, actor, q);
  if (!filter) return { count: 0 };
  const base = (eb: IssueEB) => filterPredicates(eb, filter, tx.dialect) ?? sql<boolean>`1 = 1`;
  return { count: await countIssuesByQuery(tx, base, compiled) };
}
