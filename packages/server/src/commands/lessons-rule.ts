import { type LessonsRuleResult, lessonsRuleRefusal } from '@closeloop/core/closure/lessons-policy';
import { assertCan } from '@closeloop/core/permissions/permissions';
import { bindQuery } from '@closeloop/core/query/bind-query';
import { parseQuery } from '@closeloop/core/query/parse-query';
import { QueryError } from '@closeloop/core/query/query-error';
import type { LessonsRule } from '@closeloop/shared/api/resolutions';
import { Unprocessable } from '@closeloop/shared/errors';
import type { Services } from '../services.ts';
import { lessonsRuleQuery, saveLessonsRule } from '../store/closing-settings-store.ts';
import { compileQuery } from '../store/query/compile-query.ts';
import type { Predicate } from '../store/query/qualifier-resolver.ts';
import { QUALIFIER_RESOLVERS } from '../store/query/qualifier-resolvers.ts';
import { countIssuesByQuery } from '../store/query/query-list.ts';
import { inTransaction, type Tx } from '../store/transaction.ts';
import type { Actor } from './actor.ts';
import { requireProject } from './projects.ts';

type Who = { workspaceId: number; userId: number | null };

/**
 * How many issues within `base` the rule matches. The rule is compiled exactly as the issue list
 * compiles a search, so a rule and a search with the same words agree; what the language refuses
 * answers 422 with the position the editor points at.
 */
async function countMatches(tx: Tx, who: Who, query: string, base: Predicate): Promise<number> {
  const refusal = lessonsRuleRefusal(query);
  if (refusal) throw new Unprocessable(`The lessons rule is not a query: ${refusal}`, { field: 'query' });
  const now = Date.now();
  const where = parseQuery(query).where!;
  try {
    const compiled = await compileQuery(
      tx,
      bindQuery(where, now),
      { workspaceId: who.workspaceId, actorId: who.userId ?? 0, dialect: tx.dialect, now },
      QUALIFIER_RESOLVERS,
    );
    return await countIssuesByQuery(tx, base, compiled);
  } catch (err) {
    if (err instanceof QueryError)
      throw new Unprocessable(`The lessons rule is not a query: ${err.message}`, {
        ...err.details,
        field: 'query',
      });
    throw err;
  }
}

/**
 * What the project's rule says of one issue, for needsLessons. A stored rule that no longer
 * compiles (its custom field was removed) chooses nothing; the settings page shows why.
 */
export async function lessonsRuleFor(
  tx: Tx,
  who: Who,
  issue: { id: number; projectId: number },
): Promise<LessonsRuleResult> {
  const query = await lessonsRuleQuery(tx, issue.projectId);
  if (query === null) return null;
  const n = await countMatches(tx, who, query, (eb) => eb('i.id', '=', issue.id)).catch((err) => {
    if (err instanceof Unprocessable) return 0;
    throw err;
  });
  return { query, matches: n > 0 };
}

const inProject =
  (projectId: number): Predicate =>
  (eb) =>
    eb('i.project_id', '=', projectId);

export async function getLessonsRule(svc: Services, actor: Actor, projectKey: string): Promise<LessonsRule> {
  assertCan(actor.role, 'workspace.read');
  return inTransaction(svc.store, async (tx) => {
    const project = await requireProject(tx, actor.workspaceId, projectKey);
    const query = await lessonsRuleQuery(tx, project.id);
    if (query === null) return { query, matches: null };
    const matches = await countMatches(tx, actor, query, inProject(project.id)).catch(() => null);
    return { query, matches };
  });
}

/** Saves (or with null or blank, removes) the rule; a query the language refuses answers 422. */
export async function setLessonsRule(
  svc: Services,
  actor: Actor,
  projectKey: string,
  query: string | null,
): Promise<LessonsRule> {
  assertCan(actor.role, 'project.manage');
  return inTransaction(svc.store, async (tx) => {
    const project = await requireProject(tx, actor.workspaceId, projectKey);
    const rule = query?.trim() || null;
    const matches = rule === null ? null : await countMatches(tx, actor, rule, inProject(project.id));
    await saveLessonsRule(tx, { projectId: project.id, query: rule, userId: actor.userId, now: Date.now() });
    return { query: rule, matches };
  });
}

/** The editor's live count while an admin types a rule (422 with the reason for a bad one). */
export async function previewLessonsRule(svc: Services, actor: Actor, projectKey: string, query: string) {
  assertCan(actor.role, 'workspace.read');
  return inTransaction(svc.store, async (tx) => {
    const project = await requireProject(tx, actor.workspaceId, projectKey);
    return { matches: await countMatches(tx, actor, query, inProject(project.id)) };
  });
}
