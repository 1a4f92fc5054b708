import { parseFieldFilter } from '@closeloop/core/custom-fields/field-values';
import { QueryError } from '@closeloop/core/query/query-error';
import { customFieldPredicate, resolveCustomFieldAccess } from './custom-fields-store.ts';
import type { QualifierResolver } from './query/qualifier-resolver.ts';

/**
 * Custom fields in the query language: `"Customer tier":gold`, `points:>=3`, `due_review:<2026-12-01`,
 * `platforms:ios,web` (any of). The qualifier is a field key or name anywhere in the workspace.
 */
export const customFieldQualifier: QualifierResolver = {
  name: 'custom field',
  async resolve(tx, term, ctx) {
    const access = await resolveCustomFieldAccess(tx, ctx.workspaceId, term.rawField);
    if (!access) return null;
    const filter = parseFieldFilter(access.def, term.op === '=' ? term.value : `${term.op}${term.value}`);
    if ('error' in filter) {
      throw new QueryError(`${access.name}: ${filter.error}`, { pos: term.valuePos, len: term.valueLen }, [
        access.def.options.length > 0
          ? access.def.options.join(', ')
          : `a ${access.type.replace('_', ' ')} value`,
      ]);
    }
    return (eb) => customFieldPredicate(eb, access, filter);
  },
};
