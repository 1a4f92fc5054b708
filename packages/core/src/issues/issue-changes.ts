/**
 * The paper trail: given an issue before and after an edit, the list of field changes that the
 * activity log records. Values are compared as JSON so arrays (labels) compare by content.
 */
export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

export function diffFields<T extends Record<string, unknown>>(
  before: T,
  after: T,
  fields: readonly (keyof T & string)[],
): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of fields) {
    const from = before[field] ?? null;
    const to = after[field] ?? null;
    if (JSON.stringify(from) !== JSON.stringify(to)) changes.push({ field, from, to });
  }
  return changes;
}
