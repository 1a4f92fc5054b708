import type { FieldDef, FieldFilter, FieldValue } from '@closeloop/core/custom-fields/field-values';
import type { CustomFieldType } from '@closeloop/shared/api/workflows';
import { Invalid } from '@closeloop/shared/errors';
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { Database } from './tables.ts';
import type { CustomFieldTable } from './tables-workflows.ts';
import type { Tx } from './transaction.ts';

/** A custom field as commands use it: the definition core validates against, plus its ids. */
export interface CustomFieldRecord extends FieldDef {
  id: number;
  workspaceId: number;
  projectId: number;
  description: string;
  position: number;
}

type FieldRow = Omit<CustomFieldTable, 'id'> & { id: number };

function toRecord(r: FieldRow): CustomFieldRecord {
  return {
    id: r.id,
    workspaceId: r.workspace_id,
    projectId: r.project_id,
    key: r.key,
    name: r.name,
    description: r.description,
    type: r.field_type as CustomFieldType,
    options: JSON.parse(r.options) as string[],
    types: r.applies_to === null ? null : (JSON.parse(r.applies_to) as string[]),
    requiredFor: JSON.parse(r.required_for) as string[],
    position: r.position,
  };
}

export async function listCustomFields(tx: Tx, projectId: number): Promise<CustomFieldRecord[]> {
  const rows = await tx.db
    .selectFrom('custom_fields')
    .selectAll()
    .where('project_id', '=', projectId)
    .orderBy('position')
    .orderBy('id')
    .execute();
  return rows.map(toRecord);
}

export async function findCustomField(
  tx: Tx,
  projectId: number,
  key: string,
): Promise<CustomFieldRecord | undefined> {
  const row = await tx.db
    .selectFrom('custom_fields')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('key', '=', key)
    .executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

export async function insertCustomField(
  tx: Tx,
  f: Omit<CustomFieldRecord, 'id' | 'position'>,
): Promise<CustomFieldRecord> {
  const max = await tx.db
    .selectFrom('custom_fields')
    .select((eb) => eb.fn.max('position').as('p'))
    .where('project_id', '=', f.projectId)
    .executeTakeFirst();
  const row = await tx.db
    .insertInto('custom_fields')
    .values({
      workspace_id: f.workspaceId,
      project_id: f.projectId,
      key: f.key,
      name: f.name,
      description: f.description,
      field_type: f.type,
      options: JSON.stringify(f.options),
      applies_to: f.types === null ? null : JSON.stringify(f.types),
      required_for: JSON.stringify(f.requiredFor),
      position: max?.p === null || max?.p === undefined ? 0 : Number(max.p) + 1,
      created_at: Date.now(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toRecord(row);
}

export async function updateCustomField(
  tx: Tx,
  id: number,
  f: Pick<CustomFieldRecord, 'name' | 'description' | 'options' | 'types' | 'requiredFor' | 'position'>,
): Promise<CustomFieldRecord> {
  const row = await tx.db
    .updateTable('custom_fields')
    .set({
      name: f.name,
      description: f.description,
      options: JSON.stringify(f.options),
      applies_to: f.types === null ? null : JSON.stringify(f.types),
      required_for: JSON.stringify(f.requiredFor),
      position: f.position,
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return toRecord(row);
}

/** Deleting a field deletes its values (foreign key cascade). */
export async function deleteCustomField(tx: Tx, id: number) {
  await tx.db.deleteFrom('issue_field_values').where('field_id', '=', id).execute();
  await tx.db.deleteFrom('custom_fields').where('id', '=', id).execute();
}

/** Which of `options` some issue has chosen for select field `fieldId`. */
export async function optionsInUse(tx: Tx, fieldId: number, options: readonly string[]): Promise<string[]> {
  if (options.length === 0) return [];
  const rows = await tx.db
    .selectFrom('issue_field_values')
    .select('value_text')
    .distinct()
    .where('field_id', '=', fieldId)
    .where('value_text', 'in', options)
    .execute();
  return rows.map((r) => r.value_text!);
}

// ---------------------------------------------------------------------------------------------
// Values

export type ValueColumn = 'value_text' | 'value_number' | 'value_date';

/** The one column that holds values of a field type. */
export function valueColumnOf(type: CustomFieldType): ValueColumn {
  switch (type) {
    case 'number':
    case 'user':
    case 'team':
    case 'checkbox':
      return 'value_number';
    case 'date':
      return 'value_date';
    default:
      return 'value_text';
  }
}

/** A filter or row value in its column's representation (checkbox → 1 / 0). */
export function toColumnValue(type: CustomFieldType, v: string | number | boolean): string | number {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (valueColumnOf(type) === 'value_number') return Number(v);
  return String(v);
}

function fromColumnValue(
  type: CustomFieldType,
  r: { value_text: string | null; value_number: number | null; value_date: string | null },
) {
  const col = valueColumnOf(type);
  if (type === 'checkbox') return Number(r.value_number) === 1;
  if (col === 'value_number') return r.value_number === null ? null : Number(r.value_number);
  return r[col];
}

/** Replaces the values of one field on one issue; null clears it. */
export async function writeFieldValue(
  tx: Tx,
  workspaceId: number,
  issueId: number,
  field: FieldDef & { id: number },
  value: FieldValue | null,
) {
  await tx.db
    .deleteFrom('issue_field_values')
    .where('issue_id', '=', issueId)
    .where('field_id', '=', field.id)
    .execute();
  if (value === null) return;
  const col = valueColumnOf(field.type);
  const values = Array.isArray(value) ? value : [value];
  await tx.db
    .insertInto('issue_field_values')
    .values(
      values.map((v) => ({
        workspace_id: workspaceId,
        issue_id: issueId,
        field_id: field.id,
        value_text: col === 'value_text' ? String(v) : null,
        value_number: col === 'value_number' ? (toColumnValue(field.type, v) as number) : null,
        value_date: col === 'value_date' ? String(v) : null,
      })),
    )
    .execute();
}

/** Custom field values of many issues in one query, keyed by field key; multi selects as arrays. */
export async function fieldValuesOfIssues(
  tx: Tx,
  issueIds: readonly number[],
): Promise<Map<number, Record<string, FieldValue>>> {
  const out = new Map<number, Record<string, FieldValue>>();
  if (issueIds.length === 0) return out;
  const rows = await tx.db
    .selectFrom('issue_field_values as v')
    .innerJoin('custom_fields as f', 'f.id', 'v.field_id')
    .select(['v.issue_id', 'f.key', 'f.field_type', 'v.value_text', 'v.value_number', 'v.value_date'])
    .where('v.issue_id', 'in', issueIds)
    .orderBy('v.issue_id')
    .orderBy('f.position')
    .orderBy('v.value_text')
    .execute();
  for (const r of rows) {
    const type = r.field_type as CustomFieldType;
    const value = fromColumnValue(type, r);
    if (value === null) continue;
    const values = out.get(r.issue_id) ?? {};
    if (type === 'multi_select')
      values[r.key] = [...((values[r.key] as string[] | undefined) ?? []), value as string];
    else values[r.key] = value;
    out.set(r.issue_id, values);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Filtering and sorting: what the list API and the query language use.

/**
 * How to filter and sort on a custom field named in a query. One field key may exist in several
 * projects of a workspace; `fieldIds` holds all of them (of one type), and since an issue belongs
 * to one project at most one of them applies to any issue.
 */
export interface CustomFieldAccess {
  key: string;
  name: string;
  type: CustomFieldType;
  fieldIds: number[];
  /** The issue_field_values column holding this field's values. */
  column: ValueColumn;
  /** Multi selects have several rows per issue: filterable, not sortable. */
  multi: boolean;
  /** The definition for parsing filter text (options of select fields). */
  def: FieldDef;
}

/**
 * Finds the field a query names, by key or (case-insensitive) by name, within `projectIds` when
 * given, else across the workspace. Undefined when no field matches; Invalid when the name
 * matches fields of different types in different projects (the query cannot mean both).
 */
export async function resolveCustomFieldAccess(
  tx: Tx,
  workspaceId: number,
  keyOrName: string,
  projectIds?: readonly number[],
): Promise<CustomFieldAccess | undefined> {
  let q = tx.db
    .selectFrom('custom_fields')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where((eb) =>
      eb.or([eb('key', '=', keyOrName), eb(eb.fn('lower', ['name']), '=', keyOrName.toLowerCase())]),
    );
  if (projectIds && projectIds.length > 0) q = q.where('project_id', 'in', projectIds);
  const rows = (await q.orderBy('id').execute()).map(toRecord);
  // A key match wins over a name match.
  const byKey = rows.filter((r) => r.key === keyOrName);
  const matches = byKey.length > 0 ? byKey : rows;
  const first = matches[0];
  if (!first) return undefined;
  const types = new Set(matches.map((m) => m.type));
  if (types.size > 1) {
    throw new Invalid(`Field "${keyOrName}" has different types in different projects; filter by project`, {
      field: keyOrName,
      types: [...types],
    });
  }
  return {
    key: first.key,
    name: first.name,
    type: first.type,
    fieldIds: matches.map((m) => m.id),
    column: valueColumnOf(first.type),
    multi: first.type === 'multi_select',
    // Options of all matching fields, so a value valid in any of the projects reads.
    def: { ...first, options: [...new Set(matches.flatMap((m) => m.options))] },
  };
}

type IssueEB = ExpressionBuilder<Database & { i: Database['issues'] }, 'i'>;

/**
 * `i.id IN (SELECT issue_id FROM issue_field_values WHERE field_id IN (…) AND value op ?)`:
 * an uncorrelated semi-join the planner runs once, from the (field_id, value_*, issue_id) index.
 * A multi select matches when any chosen option matches. All values are bound parameters.
 */
export function customFieldPredicate(
  eb: IssueEB,
  access: CustomFieldAccess,
  filter: FieldFilter,
): Expression<SqlBool> {
  const col = `fv.${access.column}` as const;
  let sub = eb
    .selectFrom('issue_field_values as fv')
    .select('fv.issue_id')
    .where('fv.field_id', 'in', access.fieldIds);
  if (filter.op === '=') {
    sub = sub.where(
      col,
      'in',
      filter.values.map((v) => toColumnValue(access.type, v)),
    );
  } else {
    sub = sub.where(col, filter.op, toColumnValue(access.type, filter.value));
  }
  return eb('i.id', 'in', sub);
}

/** The alias under which a custom-field sort joins its values, and the column to order by. */
export const SORT_ALIAS = 'cfs';
export function customFieldSortColumn(access: CustomFieldAccess) {
  if (access.multi)
    throw new Invalid(`Cannot sort by the multi select field "${access.key}"`, { field: `sort` });
  return sql.ref<string | number | null>(`${SORT_ALIAS}.${access.column}`);
}
