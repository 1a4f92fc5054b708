import type { CustomFieldType } from '@closeloop/shared/api/workflows';

/**
 * Custom field values as plain rules: what a valid value of each type is, which fields apply to
 * and are required for an issue type, and how a filter written in a URL reads for each type.
 */

export interface FieldDef {
  key: string;
  name: string;
  type: CustomFieldType;
  options: readonly string[];
  /** Issue types that show the field; null means all. */
  types: readonly string[] | null;
  requiredFor: readonly string[];
}

/** A stored, validated value: string (text, url, date, single select), number (number, user, team), boolean, string[]. */
export type FieldValue = string | number | boolean | string[];

export type ValueCheck = { ok: true; value: FieldValue | null } | { ok: false; message: string };

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isCalendarDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname.length > 0;
  } catch {
    return false;
  }
}

const fail = (message: string): ValueCheck => ({ ok: false, message });

/**
 * Checks `raw` against the field's type. null, an empty string and an empty multi select all
 * mean "no value". Users and teams are checked for shape here; that they exist in the workspace
 * is for the caller, which has the store.
 */
export function validateFieldValue(field: FieldDef, raw: unknown): ValueCheck {
  if (raw === null || raw === undefined || raw === '') return { ok: true, value: null };
  switch (field.type) {
    case 'text':
      if (typeof raw !== 'string') return fail('must be text');
      if (raw.length > 10_000) return fail('must be at most 10,000 characters');
      return { ok: true, value: raw };
    case 'number':
      if (typeof raw !== 'number' || !Number.isFinite(raw)) return fail('must be a number');
      return { ok: true, value: raw };
    case 'date':
      if (typeof raw !== 'string' || !isCalendarDate(raw)) return fail('must be a date like 2026-12-01');
      return { ok: true, value: raw };
    case 'single_select':
      if (typeof raw !== 'string' || !field.options.includes(raw))
        return fail(`must be one of: ${field.options.join(', ')}`);
      return { ok: true, value: raw };
    case 'multi_select': {
      if (!Array.isArray(raw) || raw.some((v) => typeof v !== 'string'))
        return fail('must be a list of options');
      const bad = raw.filter((v) => !field.options.includes(v as string));
      if (bad.length > 0) return fail(`${bad.join(', ')} not among: ${field.options.join(', ')}`);
      // Sorted so that the same choice always compares (and is stored) the same way.
      const unique = [...new Set(raw as string[])].sort();
      return { ok: true, value: unique.length === 0 ? null : unique };
    }
    case 'user':
    case 'team':
      if (typeof raw !== 'number' || !Number.isSafeInteger(raw) || raw <= 0)
        return fail(`must be a ${field.type} id`);
      return { ok: true, value: raw };
    case 'url':
      if (typeof raw !== 'string' || raw.length > 2_000 || !isHttpUrl(raw))
        return fail('must be an http(s) URL');
      return { ok: true, value: raw };
    case 'checkbox':
      if (typeof raw !== 'boolean') return fail('must be true or false');
      return { ok: true, value: raw };
  }
}

export function fieldAppliesTo(field: FieldDef, issueType: string): boolean {
  return field.types === null || field.types.includes(issueType);
}

/** Keys of fields required for `issueType` that have no value in `values`. */
export function missingRequiredFields(
  fields: readonly FieldDef[],
  issueType: string,
  values: Readonly<Record<string, unknown>>,
): string[] {
  return fields
    .filter((f) => f.requiredFor.includes(issueType) && fieldAppliesTo(f, issueType))
    .filter((f) => {
      const v = values[f.key];
      return v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
    })
    .map((f) => f.key);
}

/** Problems with a field definition (options on the wrong type, required for a type it does not show on). */
export function validateFieldDef(
  field: FieldDef,
  knownTypes: readonly string[],
): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  const isSelect = field.type === 'single_select' || field.type === 'multi_select';
  if (isSelect && field.options.length === 0)
    problems.push({ path: 'options', message: 'A select field needs options' });
  if (!isSelect && field.options.length > 0)
    problems.push({ path: 'options', message: 'Only select fields have options' });
  if (new Set(field.options).size !== field.options.length)
    problems.push({ path: 'options', message: 'Options repeat' });
  for (const t of [...(field.types ?? []), ...field.requiredFor]) {
    if (!knownTypes.includes(t)) problems.push({ path: 'types', message: `Unknown issue type "${t}"` });
  }
  for (const t of field.requiredFor) {
    if (field.types !== null && !field.types.includes(t)) {
      problems.push({ path: 'requiredFor', message: `Required for "${t}" but not shown on it` });
    }
  }
  return problems;
}

export type FieldFilterOp = '=' | '>' | '>=' | '<' | '<=';
export type FieldFilter =
  | { op: '='; values: (string | number | boolean)[] }
  | { op: Exclude<FieldFilterOp, '='>; value: string | number };

/**
 * Reads a filter as written in a URL (`cf.severity=high,critical`, `cf.points=>=3`,
 * `cf.due=<2026-12-01`, `cf.flag=true`): a comma list means any of; numbers and dates also take
 * one comparison. Returns a message instead when the text does not fit the field's type.
 */
export function parseFieldFilter(field: FieldDef, raw: string): FieldFilter | { error: string } {
  const cmp = /^(>=|<=|>|<)(.+)$/.exec(raw.trim());
  if (cmp) {
    if (field.type !== 'number' && field.type !== 'date')
      return { error: 'only number and date fields compare with < and >' };
    const v = parseOne(field, cmp[2]!.trim());
    if (typeof v === 'object') return v;
    return { op: cmp[1] as Exclude<FieldFilterOp, '='>, value: v as string | number };
  }
  const values: (string | number | boolean)[] = [];
  for (const part of raw
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const v = parseOne(field, part);
    if (typeof v === 'object') return v;
    values.push(v);
  }
  if (values.length === 0) return { error: 'needs a value' };
  return { op: '=', values };
}

function parseOne(field: FieldDef, s: string): string | number | boolean | { error: string } {
  switch (field.type) {
    case 'number':
    case 'user':
    case 'team': {
      const n = Number(s);
      return s !== '' && Number.isFinite(n) ? n : { error: `"${s}" is not a number` };
    }
    case 'date':
      return isCalendarDate(s) ? s : { error: `"${s}" is not a date like 2026-12-01` };
    case 'checkbox':
      return s === 'true' ? true : s === 'false' ? false : { error: 'use true or false' };
    case 'single_select':
    case 'multi_select':
      return field.options.includes(s) ? s : { error: `"${s}" is not one of: ${field.options.join(', ')}` };
    default:
      return s;
  }
}
