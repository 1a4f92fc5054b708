import { bindQuery } from '@closeloop/core/query/bind-query';
import { parseQuery } from '@closeloop/core/query/parse-query';
import type { Store } from '../store/db.ts';
import { compileQuery } from '../store/query/compile-query.ts';
import type { Predicate } from '../store/query/qualifier-resolver.ts';
import { QUALIFIER_RESOLVERS } from '../store/query/qualifier-resolvers.ts';
import { listIssuesByQuery } from '../store/query/query-list.ts';
import type { Actor } from './actor.ts';

/**
 * Issues matching a rule's condition (a query in the query language) within `base`, newest
 * first. The condition is compiled exactly as the issue list compiles it, so a rule and a
 * search with the same words agree.
 */
export async function issuesMatching(
  store: Store,
  actor: Actor,
  condition: string,
  base: Predicate,
  limit: number,
  now = Date.now(),
) {
  const parsed = parseQuery(condition);
  const bound = parsed.where ? bindQuery(parsed.where, now) : null;
  const compiled = await compileQuery(
    store,
    bound,
    { workspaceId: actor.workspaceId, actorId: actor.userId, dialect: store.dialect, now },
    QUALIFIER_RESOLVERS,
  );
  return listIssuesByQuery(store, base, compiled, { sort: [{ field: 'created', dir: 'desc' }], limit });
}
