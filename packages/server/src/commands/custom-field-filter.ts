import { parseFieldFilter } from '@closeloop/core/custom-fields/field-values';
import { Invalid } from '@closeloop/shared/errors';
import { type CustomFieldAccess, resolveCustomFieldAccess } from '../store/custom-fields-store.ts';
import type { IssueFilter } from '../store/issue-list.ts';
import type { Tx } from '../store/transaction.ts';

/**
 * `cf.<key>=<value>` list parameters to filters. The key names a field of the listed project, or
 * of any project in the workspace when the list is not limited to one; an unknown key or a value
 * that does not fit the field's type answers 400 naming the parameter.
 */
export async function resolveCustomFieldFilters(
  tx: Tx,
  workspaceId: number,
  projectIds: readonly number[] | undefined,
  params: Readonly<Record<string, string>>,
): Promise<NonNullable<IssueFilter['customFields']>> {
  const out: NonNullable<IssueFilter['customFields']> = [];
  for (const [key, raw] of Object.entries(params)) {
    const access = await requireAccess(tx, workspaceId, projectIds, key, `cf.${key}`);
    const filter = parseFieldFilter(access.def, raw);
    if ('error' in filter) throw new Invalid(`cf.${key}: ${filter.error}`, { field: `cf.${key}` });
    out.push({ access, filter });
  }
  return out;
}

export async function resolveCustomFieldSort(
  tx: Tx,
  workspaceId: number,
  projectIds: readonly number[] | undefined,
  key: string,
): Promise<CustomFieldAccess> {
  return requireAccess(tx, workspaceId, projectIds, key, 'sort');
}

async function requireAccess(
  tx: Tx,
  workspaceId: number,
  projectIds: readonly number[] | undefined,
  key: string,
  param: string,
) {
  const access = await resolveCustomFieldAccess(tx, workspaceId, key, projectIds);
  if (!access) throw new Invalid(`No custom field "${key}"`, { field: param });
  return access;
}
