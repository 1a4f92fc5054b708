import { assertCan } from '@closeloop/core/permissions/permissions';
import { bindQuery } from '@closeloop/core/query/bind-query';
import { parseQuery } from '@closeloop/core/query/parse-query';
import type { SortField } from '@closeloop/core/query/query-ast';
import { scopeQueryToProject } from '@closeloop/core/views/scope-query';
import { assertCanEditView, assertCanShare, canReadView } from '@closeloop/core/views/view-policy';
import type { SavedView, ViewCreate, ViewUpdate } from '@closeloop/shared/api/views';
import { Conflict, NotFound } from '@closeloop/shared/errors';
import type { Services } from '../services.ts';
import { compileQuery } from '../store/query/compile-query.ts';
import { QUALIFIER_RESOLVERS } from '../store/query/qualifier-resolvers.ts';
import { inTransaction, isUniqueViolation, type Tx } from '../store/transaction.ts';
import {
  deleteViewRow,
  findViewRow,
  insertViewRow,
  listViewRows,
  toView,
  updateViewRow,
} from '../store/views-store.ts';
import type { Actor } from './actor.ts';
import { queryIssues } from './issue-query.ts';

/** A saved query must be one the list would accept: parse, bind and compile it (nothing runs). */
async function validateQuery(tx: Tx, actor: Actor, query: string) {
  const parsed = parseQuery(query);
  const now = Date.now();
  await compileQuery(
    tx,
    parsed.where ? bindQuery(parsed.where, now) : null,
    { workspaceId: actor.workspaceId, actorId: actor.userId, dialect: tx.dialect, now },
    QUALIFIER_RESOLVERS,
  );
}

/** Reading someone else's personal view answers 404, so its existence does not leak. */
async function requireReadable(tx: Tx, actor: Actor, id: number): Promise<SavedView> {
  const row = await findViewRow(tx, actor.workspaceId, id);
  const view = row ? toView(row) : undefined;
  if (!view || !canReadView(actor, view)) throw new NotFound('View');
  return view;
}

const duplicate = (name: string) =>
  new Conflict(`You already have a view named "${name}"`, { field: 'name' });

export async function listViews(svc: Services, actor: Actor): Promise<SavedView[]> {
  assertCan(actor.role, 'workspace.read');
  return (await listViewRows(svc.store, actor.workspaceId, actor.userId)).map(toView);
}

export async function getView(svc: Services, actor: Actor, id: number): Promise<SavedView> {
  assertCan(actor.role, 'workspace.read');
  return requireReadable(svc.store, actor, id);
}

export async function createView(svc: Services, actor: Actor, input: ViewCreate): Promise<SavedView> {
  assertCan(actor.role, 'workspace.read');
  assertCanShare(actor, input.shared);
  const query = scopeQueryToProject(input.query, input.project);
  await validateQuery(svc.store, actor, query);
  const now = Date.now();
  try {
    const row = await insertViewRow(svc.store, {
      workspace_id: actor.workspaceId,
      owner_id: actor.userId,
      name: input.name,
      query,
      display: JSON.stringify(input.display),
      shared: input.shared ? 1 : 0,
      created_at: now,
      updated_at: now,
      version: 1,
    });
    return toView(row);
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicate(input.name);
    throw err;
  }
}

export async function updateView(
  svc: Services,
  actor: Actor,
  id: number,
  input: ViewUpdate,
): Promise<SavedView> {
  assertCan(actor.role, 'workspace.read');
  return inTransaction(svc.store, async (tx) => {
    const before = await requireReadable(tx, actor, id);
    assertCanEditView(actor, before);
    if (input.shared !== undefined && input.shared !== before.shared) assertCanShare(actor, true);
    if (input.query !== undefined) await validateQuery(tx, actor, input.query);
    if (before.version !== input.version) {
      throw new Conflict(
        `The view was changed by someone else (version ${before.version}, you sent ${input.version})`,
        {
          current: before,
        },
      );
    }
    try {
      const row = await updateViewRow(tx, id, input.version, {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.query !== undefined ? { query: input.query } : {}),
        ...(input.shared !== undefined ? { shared: input.shared ? 1 : 0 } : {}),
        ...(input.display !== undefined ? { display: JSON.stringify(input.display) } : {}),
      });
      if (!row)
        throw new Conflict('The view was changed by someone else meanwhile', {
          current: await requireReadable(tx, actor, id),
        });
      return toView(row);
    } catch (err) {
      if (isUniqueViolation(err)) throw duplicate(input.name ?? before.name);
      throw err;
    }
  });
}

export async function deleteView(svc: Services, actor: Actor, id: number): Promise<void> {
  assertCan(actor.role, 'workspace.read');
  await inTransaction(svc.store, async (tx) => {
    const view = await requireReadable(tx, actor, id);
    assertCanEditView(actor, view);
    await deleteViewRow(tx, id);
  });
}

/** The issues a view shows: its query, ordered by its sort unless the query has its own. */
export async function runView(
  svc: Services,
  actor: Actor,
  id: number,
  page: { limit: number; cursor?: string | undefined },
) {
  const view = await getView(svc, actor, id);
  const [field, dir] = (view.display.sort?.split('-') ?? []) as [
    SortField | undefined,
    'asc' | 'desc' | undefined,
  ];
  // Parenthesised, the query keeps its meaning and the sort stays at the top level: appended to
  // `a OR b` it would sit inside the OR, which the language refuses. A sort in the query wins.
  const ownSort = parseQuery(view.query).sort.length > 0;
  const where = view.query.trim();
  const q = !field || ownSort ? view.query : `${where ? `(${where}) ` : ''}sort:${field}-${dir ?? 'desc'}`;
  return queryIssues(svc, actor, {
    q,
    order: 'desc',
    limit: page.limit,
    cursor: page.cursor,
  });
}
